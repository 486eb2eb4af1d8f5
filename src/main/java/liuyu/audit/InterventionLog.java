package liuyu.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The intervention log (干预留痕, beijing-monitoring-quality-2018 on recording interference): who
 * intervened (official, position, unit), with whom, when, by which channel, what was asked, which data or
 * stations it concerned, and the files that show it, each with its SHA-256. Append-only and chained:
 * every entry holds the hash of the one before, so {@link #verify()} finds a row changed, removed or
 * reordered in the database by its position.
 */
public final class InterventionLog {
    /** The channels, as recorded; English names are accepted for input. */
    public static final Map<String, String> CHANNELS = Map.of(
            "批示",
            "批示",
            "函文",
            "函文",
            "口头",
            "口头",
            "暗示",
            "暗示",
            "其他",
            "其他",
            "instruction",
            "批示",
            "letter",
            "函文",
            "oral",
            "口头",
            "hint",
            "暗示",
            "other",
            "其他");

    private static final String COLUMNS =
            "position, official, official_position, official_unit, addressee, occurred_at, channel, content,"
                    + " concerns, recorded_by, recorded_at, previous_hash, entry_hash";

    public record Official(String name, String position, String unit) {}

    /** What the intervention concerned: sections or outfalls, HJ 212 stations (MN), observation ids. */
    public record Concerns(List<String> sites, List<String> stations, List<String> observations) {}

    /** A file as recorded: its bytes are stored, its SHA-256 is part of the entry's hash. */
    public record Attachment(int seq, String name, String mediaType, long size, String sha256) {}

    public record NewAttachment(String name, String mediaType, byte[] content) {}

    public record Draft(
            Official official,
            String addressee,
            OffsetDateTime occurredAt,
            String channel,
            String content,
            Concerns concerns,
            List<NewAttachment> attachments) {}

    public record Entry(
            long position,
            Official official,
            String addressee,
            OffsetDateTime occurredAt,
            String channel,
            String content,
            Concerns concerns,
            List<Attachment> attachments,
            String recordedBy,
            Instant recordedAt,
            String previousHash,
            String entryHash) {}

    public record File(Attachment attachment, byte[] content) {}

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate transactions;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock;

    public InterventionLog(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Appends an entry at the end of the chain. */
    public synchronized Entry append(String user, Draft d) {
        for (int attempt = 0; ; attempt++) {
            try {
                return transactions.execute(status -> appendInTransaction(user, d));
            } catch (DuplicateKeyException raced) {
                // another instance took the position: read the new head and try again
                if (attempt >= 5) {
                    throw raced;
                }
            }
        }
    }

    private Entry appendInTransaction(String user, Draft d) {
        Map<String, Object> head = client
                .sql("SELECT position, entry_hash FROM intervention ORDER BY position DESC LIMIT 1")
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElse(null);
        long position = head == null ? 1 : ((Number) head.get("position")).longValue() + 1;
        String previous = head == null ? HashChain.GENESIS : (String) head.get("entry_hash");
        String concerns = json.writeValueAsString(d.concerns());
        OffsetDateTime occurred = d.occurredAt().truncatedTo(ChronoUnit.MICROS);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Attachment> attachments = new ArrayList<>();
        for (int i = 0; i < d.attachments().size(); i++) {
            NewAttachment a = d.attachments().get(i);
            attachments.add(
                    new Attachment(i + 1, a.name(), a.mediaType(), a.content().length, HashChain.sha256(a.content())));
        }
        Entry e = new Entry(
                position,
                d.official(),
                d.addressee(),
                occurred,
                d.channel(),
                d.content(),
                d.concerns(),
                attachments,
                user,
                now,
                previous,
                null);
        String hash = HashChain.hash(previous, fields(e, concerns));
        jdbc.update(
                "INSERT INTO intervention (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                position,
                d.official().name(),
                d.official().position(),
                d.official().unit(),
                d.addressee(),
                occurred,
                d.channel(),
                d.content(),
                concerns,
                user,
                now.atOffset(ZoneOffset.UTC),
                previous,
                hash);
        for (int i = 0; i < attachments.size(); i++) {
            Attachment a = attachments.get(i);
            jdbc.update(
                    "INSERT INTO intervention_attachment (position, seq, file_name, media_type, size_bytes, sha256, content)"
                            + " VALUES (?,?,?,?,?,?,?)",
                    position,
                    a.seq(),
                    a.name(),
                    a.mediaType(),
                    a.size(),
                    a.sha256(),
                    d.attachments().get(i).content());
        }
        return new Entry(
                position,
                e.official(),
                e.addressee(),
                e.occurredAt(),
                e.channel(),
                e.content(),
                e.concerns(),
                attachments,
                user,
                now,
                previous,
                hash);
    }

    /** Entries in chain order, a page at a time. */
    public List<Entry> list(int limit, long offset) {
        List<Row> rows = client.sql("SELECT " + COLUMNS + " FROM intervention ORDER BY position LIMIT ? OFFSET ?")
                .param(limit)
                .param(offset)
                .query(InterventionLog::row)
                .list();
        return rows.stream().map(this::entry).toList();
    }

    public long count() {
        return client.sql("SELECT COUNT(*) FROM intervention").query(Long.class).single();
    }

    public Optional<Entry> get(long position) {
        return client.sql("SELECT " + COLUMNS + " FROM intervention WHERE position = ?")
                .param(position)
                .query(InterventionLog::row)
                .optional()
                .map(this::entry);
    }

    public Optional<File> file(long position, int seq) {
        return client.sql("SELECT seq, file_name, media_type, size_bytes, sha256, content FROM intervention_attachment"
                        + " WHERE position = ? AND seq = ?")
                .param(position)
                .param(seq)
                .query((rs, i) -> new File(attachment(rs), rs.getBytes("content")))
                .optional();
    }

    /**
     * Walks the chain from the first entry: positions 1, 2, 3 … without a gap, each previous hash the
     * hash before it, each entry's hash recomputed from its fields, each file's SHA-256 from its bytes.
     */
    public HashChain.Verification verify() {
        List<Row> rows = client.sql("SELECT " + COLUMNS + " FROM intervention ORDER BY position")
                .query(InterventionLog::row)
                .list();
        String previous = HashChain.GENESIS;
        long expected = 1;
        for (Row r : rows) {
            if (r.position != expected) {
                return HashChain.Verification.broken(
                        rows.size(),
                        expected,
                        "entry " + expected + " is missing (next is " + r.position + ")",
                        previous);
            }
            if (!r.previousHash.equals(previous)) {
                return HashChain.Verification.broken(
                        rows.size(),
                        r.position,
                        "its previous hash is not the hash of entry " + (r.position - 1),
                        previous);
            }
            List<File> files = client.sql(
                            "SELECT seq, file_name, media_type, size_bytes, sha256, content FROM intervention_attachment"
                                    + " WHERE position = ? ORDER BY seq")
                    .param(r.position)
                    .query((rs, i) -> new File(attachment(rs), rs.getBytes("content")))
                    .list();
            for (File f : files) {
                if (!HashChain.sha256(f.content()).equals(f.attachment().sha256())
                        || f.content().length != f.attachment().size()) {
                    return HashChain.Verification.broken(
                            rows.size(),
                            r.position,
                            "attachment " + f.attachment().seq() + " no longer has the recorded SHA-256",
                            previous);
                }
            }
            // the concerns are hashed as stored text, never parsed here: an edit that breaks their JSON is still just a
            // broken entry
            Entry e = new Entry(
                    r.position,
                    new Official(r.official, r.officialPosition, r.officialUnit),
                    r.addressee,
                    r.occurredAt,
                    r.channel,
                    r.content,
                    null,
                    files.stream().map(File::attachment).toList(),
                    r.recordedBy,
                    r.recordedAt,
                    r.previousHash,
                    r.entryHash);
            String hash = HashChain.hash(r.previousHash, fields(e, r.concerns));
            if (!hash.equals(r.entryHash)) {
                return HashChain.Verification.broken(
                        rows.size(), r.position, "its fields no longer give its recorded hash", previous);
            }
            previous = r.entryHash;
            expected++;
        }
        return HashChain.Verification.ok(rows.size(), previous);
    }

    private static List<HashChain.Field> fields(Entry e, String concerns) {
        List<HashChain.Field> f = new ArrayList<>(List.of(
                new HashChain.Field("position", Long.toString(e.position())),
                new HashChain.Field("official", e.official().name()),
                new HashChain.Field("officialPosition", e.official().position()),
                new HashChain.Field("officialUnit", e.official().unit()),
                new HashChain.Field("addressee", e.addressee()),
                new HashChain.Field("occurredAt", e.occurredAt().toInstant().toString()),
                new HashChain.Field("channel", e.channel()),
                new HashChain.Field("content", e.content()),
                new HashChain.Field("concerns", concerns),
                new HashChain.Field("recordedBy", e.recordedBy()),
                new HashChain.Field("recordedAt", e.recordedAt().toString())));
        for (Attachment a : e.attachments()) {
            f.add(new HashChain.Field(
                    "attachment", a.seq() + "|" + a.name() + "|" + a.mediaType() + "|" + a.size() + "|" + a.sha256()));
        }
        return f;
    }

    private record Row(
            long position,
            String official,
            String officialPosition,
            String officialUnit,
            String addressee,
            OffsetDateTime occurredAt,
            String channel,
            String content,
            String concerns,
            String recordedBy,
            Instant recordedAt,
            String previousHash,
            String entryHash) {}

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(
                rs.getLong("position"),
                rs.getString("official"),
                rs.getString("official_position"),
                rs.getString("official_unit"),
                rs.getString("addressee"),
                rs.getObject("occurred_at", OffsetDateTime.class),
                rs.getString("channel"),
                rs.getString("content"),
                rs.getString("concerns"),
                rs.getString("recorded_by"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getString("previous_hash"),
                rs.getString("entry_hash"));
    }

    private static Attachment attachment(ResultSet rs) throws SQLException {
        return new Attachment(
                rs.getInt("seq"),
                rs.getString("file_name"),
                rs.getString("media_type"),
                rs.getLong("size_bytes"),
                rs.getString("sha256"));
    }

    private Entry entry(Row r) {
        List<Attachment> attachments = client.sql(
                        "SELECT seq, file_name, media_type, size_bytes, sha256 FROM intervention_attachment"
                                + " WHERE position = ? ORDER BY seq")
                .param(r.position)
                .query((rs, i) -> attachment(rs))
                .list();
        return entry(r, attachments);
    }

    private Entry entry(Row r, List<Attachment> attachments) {
        return new Entry(
                r.position,
                new Official(r.official, r.officialPosition, r.officialUnit),
                r.addressee,
                r.occurredAt,
                r.channel,
                r.content,
                json.readValue(r.concerns, Concerns.class),
                attachments,
                r.recordedBy,
                r.recordedAt,
                r.previousHash,
                r.entryHash);
    }
}
