package liuyu.alarms;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liuyu.storage.ObservationKeys;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The append-only anomaly table, and the reads of the observation table the series rules need (the latest version
 * of each observation, valued and not flagged by its source).
 */
public final class AnomalyLog {
    private static final String COLUMNS = "anomaly_id, observation_id, observation_version, site_id, parameter_code,"
            + " sampled_at, rule_id, rule_kind, cause, measured_value, detail, detected_at";
    private static final int IN_CHUNK = 500;

    private final JdbcClient client;
    private final String newest; // o is the latest version of its id (ObservationKeys.isLatest)

    public AnomalyLog(JdbcTemplate jdbc) {
        this.client = JdbcClient.create(jdbc);
        this.newest = " AND " + ObservationKeys.isLatest(ObservationKeys.relation(jdbc));
    }

    /** A finding of a rule about one observation (for a gap: about the last reading before it). */
    public record Anomaly(
            long id,
            String observationId,
            int observationVersion,
            String siteId,
            String parameter,
            OffsetDateTime sampledAt,
            String rule,
            String kind,
            String cause,
            BigDecimal value,
            String detail,
            Instant detectedAt) {}

    /** A reading of a series: what the series rules look at. */
    public record Reading(String id, int version, OffsetDateTime sampledAt, BigDecimal value, String sourceKind) {}

    /** Stores a finding; empty when this rule already found this version of the observation (nothing twice). */
    public Optional<Anomaly> record(
            String observationId,
            int version,
            String siteId,
            String parameter,
            OffsetDateTime sampledAt,
            AnomalyRule rule,
            BigDecimal value,
            String detail,
            Instant at) {
        String cut = detail.length() > 1000 ? detail.substring(0, 999) + "…" : detail;
        // checked first: a failed insert would abort the whole transaction on PostgreSQL
        if (client.sql(
                                "SELECT COUNT(*) FROM anomaly WHERE observation_id = ? AND observation_version = ? AND rule_id = ?")
                        .params(observationId, version, rule.id())
                        .query(Long.class)
                        .single()
                > 0) {
            return Optional.empty();
        }
        try {
            client.sql("INSERT INTO anomaly (observation_id, observation_version, site_id, parameter_code, sampled_at,"
                            + " rule_id, rule_kind, cause, measured_value, detail, detected_at)"
                            + " VALUES (?,?,?,?,?,?,?,?,?,?,?)")
                    .params(
                            observationId,
                            version,
                            siteId,
                            parameter,
                            sampledAt,
                            rule.id(),
                            rule.kind().code(),
                            rule.cause(),
                            value == null ? null : value.toPlainString(),
                            cut,
                            utc(at))
                    .update();
        } catch (DuplicateKeyException already) {
            return Optional.empty();
        }
        return client.sql("SELECT " + COLUMNS
                        + " FROM anomaly WHERE observation_id = ? AND observation_version = ? AND rule_id = ?")
                .params(observationId, version, rule.id())
                .query(AnomalyLog::read)
                .optional();
    }

    /** Anomalies of a site (all sites when null) whose value was sampled in [from, to), in time order. */
    public List<Anomaly> of(String siteId, Instant from, Instant to, int limit, long offset) {
        return client.sql("SELECT " + COLUMNS + " FROM anomaly WHERE sampled_at >= ? AND sampled_at < ?"
                        + (siteId == null ? "" : " AND site_id = ?")
                        + " ORDER BY sampled_at, anomaly_id LIMIT ? OFFSET ?")
                .params(siteParams(siteId, from, to, limit, offset))
                .query(AnomalyLog::read)
                .list();
    }

    public long count(String siteId, Instant from, Instant to) {
        return client.sql("SELECT COUNT(*) FROM anomaly WHERE sampled_at >= ? AND sampled_at < ?"
                        + (siteId == null ? "" : " AND site_id = ?"))
                .params(siteParams(siteId, from, to, null, null))
                .query(Long.class)
                .single();
    }

    /** The causes ({@code auto:<rule>}) found for each of these observation ids, any version. */
    public Map<String, List<String>> causes(Collection<String> observationIds) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> ids = List.copyOf(observationIds);
        for (int i = 0; i < ids.size(); i += IN_CHUNK) {
            client.sql("SELECT observation_id, cause FROM anomaly WHERE observation_id IN (:ids) ORDER BY anomaly_id")
                    .param("ids", ids.subList(i, Math.min(ids.size(), i + IN_CHUNK)))
                    .query((rs, n) -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getString(2)))
                    .list();
        }
        return out;
    }

    /** Every finding about each of these observation ids (any version), oldest first per id. */
    public Map<String, List<Anomaly>> about(Collection<String> observationIds) {
        Map<String, List<Anomaly>> out = new LinkedHashMap<>();
        List<String> ids = List.copyOf(observationIds);
        for (int i = 0; i < ids.size(); i += IN_CHUNK) {
            client.sql("SELECT " + COLUMNS + " FROM anomaly WHERE observation_id IN (:ids) ORDER BY anomaly_id")
                    .param("ids", ids.subList(i, Math.min(ids.size(), i + IN_CHUNK)))
                    .query(AnomalyLog::read)
                    .list()
                    .forEach(a -> out.computeIfAbsent(a.observationId(), k -> new ArrayList<>())
                            .add(a));
        }
        return out;
    }

    /** The {@code n} readings of a series before {@code before}, oldest first, from one source kind. */
    public List<Reading> previous(String siteId, String parameter, String sourceKind, OffsetDateTime before, int n) {
        List<Reading> newestFirst = client.sql("SELECT o.observation_id, o.version, o.sampled_at, o.measured_value,"
                        + " o.source_kind FROM observation o WHERE o.site_id = ? AND o.parameter_code = ?"
                        + " AND o.source_kind = ? AND o.sampled_at < ? AND o.measured_value IS NOT NULL"
                        + " AND o.abnormal_cause IS NULL" + newest + " ORDER BY o.sampled_at DESC LIMIT ?")
                .params(siteId, parameter, sourceKind, before, n)
                .query(AnomalyLog::reading)
                .list();
        List<Reading> out = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(out);
        return out;
    }

    /** Readings of a series from these source kinds sampled within [from, to]. */
    public List<Reading> around(
            String siteId, String parameter, Collection<String> sourceKinds, OffsetDateTime from, OffsetDateTime to) {
        return client.sql("SELECT o.observation_id, o.version, o.sampled_at, o.measured_value, o.source_kind"
                        + " FROM observation o WHERE o.site_id = :site AND o.parameter_code = :parameter"
                        + " AND o.source_kind IN (:kinds) AND o.sampled_at >= :from AND o.sampled_at <= :to"
                        + " AND o.measured_value IS NOT NULL AND o.abnormal_cause IS NULL" + newest
                        + " ORDER BY o.sampled_at, o.observation_id")
                .param("site", siteId)
                .param("parameter", parameter)
                .param("kinds", List.copyOf(sourceKinds))
                .param("from", from)
                .param("to", to)
                .query(AnomalyLog::reading)
                .list();
    }

    /** The last reading of a series, for the transmission-gap check. */
    public record SeriesEnd(String siteId, String parameter, Reading last) {}

    /** Every series of these source kinds with a reading since {@code since}: its last reading. */
    public List<SeriesEnd> seriesEnds(Collection<String> sourceKinds, Instant since) {
        return client
                .sql("SELECT o.site_id, o.parameter_code, o.observation_id, o.version, o.sampled_at,"
                        + " o.measured_value, o.source_kind FROM observation o"
                        + " WHERE o.source_kind IN (:kinds) AND o.sampled_at >= :since AND o.sampled_at ="
                        + " (SELECT MAX(m.sampled_at) FROM observation m WHERE m.site_id = o.site_id"
                        + " AND m.parameter_code = o.parameter_code AND m.source_kind IN (:kinds))" + newest
                        + " ORDER BY o.site_id, o.parameter_code, o.observation_id")
                .param("kinds", List.copyOf(sourceKinds))
                .param("since", utc(since))
                .query((rs, n) -> new SeriesEnd(rs.getString(1), rs.getString(2), reading(rs, n)))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(
                        e -> e.siteId() + "\u0000" + e.parameter(), e -> e, (a, b) -> a, LinkedHashMap::new))
                .values()
                .stream()
                .toList();
    }

    private static Object[] siteParams(String siteId, Instant from, Instant to, Integer limit, Long offset) {
        List<Object> p = new ArrayList<>(List.of(utc(from), utc(to)));
        if (siteId != null) {
            p.add(siteId);
        }
        if (limit != null) {
            p.add(limit);
            p.add(offset);
        }
        return p.toArray();
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Reading reading(ResultSet rs, int row) throws SQLException {
        return new Reading(
                rs.getString("observation_id"),
                rs.getInt("version"),
                rs.getObject("sampled_at", OffsetDateTime.class),
                new BigDecimal(rs.getString("measured_value")),
                rs.getString("source_kind"));
    }

    private static Anomaly read(ResultSet rs, int row) throws SQLException {
        String value = rs.getString("measured_value");
        return new Anomaly(
                rs.getLong("anomaly_id"),
                rs.getString("observation_id"),
                rs.getInt("observation_version"),
                rs.getString("site_id"),
                rs.getString("parameter_code"),
                rs.getObject("sampled_at", OffsetDateTime.class),
                rs.getString("rule_id"),
                rs.getString("rule_kind"),
                rs.getString("cause"),
                value == null ? null : new BigDecimal(value),
                rs.getString("detail"),
                rs.getObject("detected_at", OffsetDateTime.class).toInstant());
    }
}
