package liuyu.outfalls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger's tables: append-only versions of each record and steps of each lifecycle. Callers
 * hold the transaction; a second writer racing for the same version or step number gets the
 * primary key's DuplicateKeyException, never a silent overwrite.
 */
public final class OutfallStore {
    private static final String COLUMNS =
            "outfall_id, version, name_zh, name_en, outfall_type, lon, lat, normally_flowing,"
                    + " details, method, source, licence, accuracy, authoritative, edited_by, edited_at, edit_reason";
    private static final String STEP_COLUMNS =
            "outfall_id, seq, from_state, to_state, reason, evidence, violations, remediation,"
                    + " occurred_on, actor, recorded_at";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public OutfallStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A record at its latest version with every step of its lifecycle, oldest first. */
    public record Entry(Outfall outfall, List<Transition> steps) {
        public State state() {
            return steps.get(steps.size() - 1).to();
        }
    }

    /** The whole ledger, in id order. */
    public List<Entry> all() {
        Map<String, List<Transition>> steps = new LinkedHashMap<>();
        jdbc.sql("SELECT " + STEP_COLUMNS + " FROM outfall_event ORDER BY outfall_id, seq")
                .query((rs, i) -> {
                    steps.computeIfAbsent(rs.getString("outfall_id"), k -> new ArrayList<>())
                            .add(step(rs));
                    return null;
                })
                .list();
        List<Entry> out = new ArrayList<>();
        for (Outfall o : jdbc.sql(
                        "SELECT " + COLUMNS + " FROM outfall o WHERE o.version ="
                                + " (SELECT MAX(v.version) FROM outfall v WHERE v.outfall_id = o.outfall_id) ORDER BY o.outfall_id")
                .query(this::outfall)
                .list()) {
            out.add(new Entry(o, List.copyOf(steps.getOrDefault(o.id(), List.of()))));
        }
        return out;
    }

    /** Every version of one record, oldest first (empty if unknown). */
    public List<Outfall> versions(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outfall WHERE outfall_id = ? ORDER BY version")
                .param(id)
                .query(this::outfall)
                .list();
    }

    /** One page of {@link #versions}: at most {@code limit} versions after skipping {@code offset}, oldest first. */
    public List<Outfall> versions(String id, int limit, long offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outfall WHERE outfall_id = ? ORDER BY version LIMIT ? OFFSET ?")
                .param(id)
                .param(limit)
                .param(offset)
                .query(this::outfall)
                .list();
    }

    public Optional<Transition> lastStep(String id) {
        return jdbc.sql("SELECT " + STEP_COLUMNS + " FROM outfall_event WHERE outfall_id = ? ORDER BY seq DESC LIMIT 1")
                .param(id)
                .query((rs, i) -> step(rs))
                .optional();
    }

    public int latestVersion(String id) {
        return jdbc.sql("SELECT COALESCE(MAX(version), 0) FROM outfall WHERE outfall_id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    /** Changes whenever anything is written: rows only ever get added. */
    public String stamp() {
        long versions =
                jdbc.sql("SELECT COUNT(*) FROM outfall").query(Long.class).single();
        long steps =
                jdbc.sql("SELECT COUNT(*) FROM outfall_event").query(Long.class).single();
        return versions + "." + steps;
    }

    public void insert(Outfall o) {
        Provenance p = o.provenance();
        jdbc.sql("INSERT INTO outfall (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(
                        o.id(),
                        o.version(),
                        o.nameZh(),
                        o.nameEn(),
                        o.type().code(),
                        o.lon(),
                        o.lat(),
                        o.normallyFlowing(),
                        json.writeValueAsString(o.details()),
                        p.method().code(),
                        p.source(),
                        p.licence(),
                        p.accuracy(),
                        p.authoritative(),
                        o.editedBy(),
                        o.editedAt().atOffset(ZoneOffset.UTC),
                        o.editReason())
                .update();
    }

    public void insert(String id, Transition t) {
        jdbc.sql("INSERT INTO outfall_event (" + STEP_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)")
                .params(
                        id,
                        t.seq(),
                        t.from() == null ? null : t.from().code(),
                        t.to().code(),
                        t.reason(),
                        json.writeValueAsString(t.evidence()),
                        t.violations().isEmpty()
                                ? null
                                : String.join(
                                        ",",
                                        t.violations().stream()
                                                .map(Violation::code)
                                                .toList()),
                        t.remediation() == null ? null : t.remediation().code(),
                        t.occurredOn(),
                        t.actor(),
                        t.recordedAt().atOffset(ZoneOffset.UTC))
                .update();
    }

    private Outfall outfall(ResultSet rs, int row) throws SQLException {
        Provenance provenance = new Provenance(
                Method.parse(rs.getString("method")),
                rs.getString("source"),
                rs.getString("licence"),
                rs.getString("accuracy"),
                rs.getBoolean("authoritative"));
        return new Outfall(
                rs.getString("outfall_id"),
                rs.getInt("version"),
                rs.getString("name_zh"),
                rs.getString("name_en"),
                OutfallType.parse(rs.getString("outfall_type")),
                rs.getDouble("lon"),
                rs.getDouble("lat"),
                rs.getBoolean("normally_flowing"),
                json.readValue(rs.getString("details"), Outfall.Details.class),
                provenance,
                rs.getString("edited_by"),
                rs.getObject("edited_at", OffsetDateTime.class).toInstant(),
                rs.getString("edit_reason"));
    }

    private Transition step(ResultSet rs) throws SQLException {
        String violations = rs.getString("violations");
        String remediation = rs.getString("remediation");
        String from = rs.getString("from_state");
        return new Transition(
                rs.getInt("seq"),
                from == null ? null : State.parse(from),
                State.parse(rs.getString("to_state")),
                rs.getString("reason"),
                json.readValue(rs.getString("evidence"), STRINGS),
                violations == null
                        ? List.of()
                        : Arrays.stream(violations.split(","))
                                .map(Violation::parse)
                                .toList(),
                remediation == null ? null : Remediation.parse(remediation),
                rs.getObject("occurred_on", LocalDate.class),
                rs.getString("actor"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant());
    }
}
