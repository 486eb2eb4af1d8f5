package liuyu.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hash chain over stored observation rows (table {@code observation_chain}): every row the observation store
 * writes — HTTP batches, corrections, HJ 212; not the synthetic demo data — is appended to the chain shortly after it is
 * written ({@link #extend()}), in record order, late commits included. The store lists each row's key in {@code
 * observation_unchained} in the transaction that writes the row, and {@link #extend()} reads that list, so a round
 * costs what is new, not a search of every observation. Record order holds within a round (up to 10,000 rows). {@link #verify()} recomputes each
 * row's hash from its columns, so an UPDATE or DELETE made in the database afterwards is found by position.
 * A row edited before it was chained cannot be told apart: the interval between writes and chaining is that window.
 */
public final class ObservationChain {
    private static final String COLUMNS =
            "o.record_id, o.observation_id, o.version, o.site_id, o.sampled_at, o.parameter_code,"
                    + " o.measured_value, o.unit, o.reported_value, o.reported_unit, o.below_detection_limit, o.method, o.source_kind, o.device_id,"
                    + " o.last_calibration, o.abnormal_cause, o.sampler, o.analyst, o.reviewer, o.signatory, o.recorded_by, o.recorded_at,"
                    + " o.correction_reason";
    private static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate transactions;

    public ObservationChain(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.transactions = transactions;
    }

    /** Appends every observation row not yet chained, oldest record first; returns how many. */
    public synchronized int extend() {
        int total = 0;
        while (true) {
            Round round = transactions.execute(status -> extendOnce());
            total += round.chained();
            if (round.taken() < BATCH) {
                return total;
            }
        }
    }

    /** One transaction's work: the keys taken off the list, and the rows chained (fewer when some rows were gone). */
    private record Round(int taken, int chained) {}

    private Round extendOnce() {
        Map<String, Object> head = client
                .sql("SELECT position, entry_hash FROM observation_chain ORDER BY position DESC LIMIT 1")
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElse(null);
        long position = head == null ? 0 : ((Number) head.get("position")).longValue();
        String previous = head == null ? HashChain.GENESIS : (String) head.get("entry_hash");
        // the keys ObservationStore listed with the rows it stored (synthetic demo rows, no record anyone answers for,
        // are not listed); each row then asked by its key and sampling time, which on month partitions names the one
        // partition to look in (a join would let the planner scan them all)
        List<Queued> keys = client.sql("SELECT observation_id, version, sampled_at FROM observation_unchained"
                        + " ORDER BY observation_id, version LIMIT " + BATCH)
                .query((rs, row) -> new Queued(
                        rs.getString("observation_id"),
                        rs.getInt("version"),
                        rs.getObject("sampled_at", OffsetDateTime.class)))
                .list();
        List<List<HashChain.Field>> rows = new ArrayList<>(keys.size());
        for (Queued k : keys) {
            // none when the row was deleted before it was chained: its key is taken off the list all the same
            client.sql("SELECT " + COLUMNS + " FROM observation o"
                            + " WHERE o.observation_id = ? AND o.version = ? AND o.sampled_at = ?")
                    .params(k.id(), k.version(), k.sampledAt())
                    .query(ObservationChain::fields)
                    .optional()
                    .ifPresent(rows::add);
        }
        rows.sort(Comparator.comparingLong(f -> Long.parseLong(f.get(0).value()))); // record order within a round
        List<Object[]> inserts = new ArrayList<>(rows.size());
        for (List<HashChain.Field> fields : rows) {
            position++;
            String hash = HashChain.hash(previous, fields);
            inserts.add(new Object[] {position, Long.parseLong(fields.get(0).value()), previous, hash});
            previous = hash;
        }
        jdbc.batchUpdate(
                "INSERT INTO observation_chain (position, record_id, previous_hash, entry_hash) VALUES (?,?,?,?)",
                inserts);
        jdbc.batchUpdate(
                "DELETE FROM observation_unchained WHERE observation_id = ? AND version = ?",
                keys.stream().map(k -> new Object[] {k.id(), k.version()}).toList());
        return new Round(keys.size(), inserts.size());
    }

    /** A listed row: its key and sampling time. */
    private record Queued(String id, int version, OffsetDateTime sampledAt) {}

    /** Walks the chain: positions without a gap, each previous hash the one before, each row's hash recomputed from its columns. */
    public HashChain.Verification verify() {
        long[] count = {0};
        String[] previous = {HashChain.GENESIS};
        HashChain.Verification[] broken = {null};
        long entries = client.sql("SELECT COUNT(*) FROM observation_chain")
                .query(Long.class)
                .single();
        jdbc.query(
                "SELECT c.position, c.record_id AS chained_id, c.previous_hash, c.entry_hash, " + COLUMNS
                        + " FROM observation_chain c LEFT JOIN observation o ON o.record_id = c.record_id ORDER BY c.position",
                rs -> {
                    if (broken[0] != null) {
                        return;
                    }
                    long position = rs.getLong("position");
                    count[0]++;
                    if (position != count[0]) {
                        broken[0] = HashChain.Verification.broken(
                                entries, count[0], "chain entry " + count[0] + " is missing", previous[0]);
                    } else if (!rs.getString("previous_hash").equals(previous[0])) {
                        broken[0] = HashChain.Verification.broken(
                                entries,
                                position,
                                "its previous hash is not the hash of entry " + (position - 1),
                                previous[0]);
                    } else if (rs.getObject("record_id") == null) {
                        broken[0] = HashChain.Verification.broken(
                                entries,
                                position,
                                "observation record " + rs.getLong("chained_id") + " was deleted",
                                previous[0]);
                    } else if (!HashChain.hash(previous[0], fields(rs, 0)).equals(rs.getString("entry_hash"))) {
                        broken[0] = HashChain.Verification.broken(
                                entries,
                                position,
                                "observation record " + rs.getLong("chained_id") + " ('"
                                        + rs.getString("observation_id") + "' version " + rs.getInt("version")
                                        + ") no longer gives its recorded hash",
                                previous[0]);
                    } else {
                        previous[0] = rs.getString("entry_hash");
                    }
                });
        return broken[0] != null ? broken[0] : HashChain.Verification.ok(entries, previous[0]);
    }

    /** A row's columns as hashed: times as instants, dates as ISO dates, everything else as the database's text. */
    private static List<HashChain.Field> fields(ResultSet rs, int row) throws SQLException {
        List<HashChain.Field> f = new ArrayList<>();
        f.add(new HashChain.Field("record_id", Long.toString(rs.getLong("record_id"))));
        for (String c : new String[] {"observation_id", "version", "site_id"}) {
            f.add(new HashChain.Field(c, rs.getString(c)));
        }
        f.add(new HashChain.Field("sampled_at", instant(rs.getObject("sampled_at", OffsetDateTime.class))));
        for (String c : new String[] {"parameter_code", "measured_value", "unit", "reported_value", "reported_unit"}) {
            f.add(new HashChain.Field(c, rs.getString(c)));
        }
        f.add(new HashChain.Field("below_detection_limit", Boolean.toString(rs.getBoolean("below_detection_limit"))));
        for (String c : new String[] {"method", "source_kind", "device_id"}) {
            f.add(new HashChain.Field(c, rs.getString(c)));
        }
        LocalDate calibrated = rs.getObject("last_calibration", LocalDate.class);
        f.add(new HashChain.Field("last_calibration", calibrated == null ? null : calibrated.toString()));
        for (String c : new String[] {"abnormal_cause", "sampler", "analyst", "reviewer", "signatory", "recorded_by"}) {
            f.add(new HashChain.Field(c, rs.getString(c)));
        }
        f.add(new HashChain.Field("recorded_at", instant(rs.getObject("recorded_at", OffsetDateTime.class))));
        f.add(new HashChain.Field("correction_reason", rs.getString("correction_reason")));
        return f;
    }

    private static String instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
