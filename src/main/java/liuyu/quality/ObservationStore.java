package liuyu.quality;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import liuyu.storage.ObservationKeys;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Append-only store of observations. A batch is one transaction: all rows or none. Ids are the
 * client's, so a retried batch stores nothing twice; a correction is the next version of an id.
 */
public final class ObservationStore {
    private static final String COLUMNS =
            "observation_id, version, site_id, sampled_at, parameter_code, measured_value, unit,"
                    + " reported_value, reported_unit, below_detection_limit, method, source_kind, device_id, last_calibration,"
                    + " abnormal_cause, sampler, analyst, reviewer, signatory, recorded_by, recorded_at, correction_reason";
    private static final String INSERT =
            "INSERT INTO observation (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    // a key already listed is one whose row was deleted before it was chained: listed once, for the row now stored
    private static final String UNCHAINED =
            "INSERT INTO observation_unchained (observation_id, version, sampled_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    private static final int IN_CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final String keys; // where an id's versions are asked (liuyu.storage.ObservationKeys)
    private final String latest; // o is the latest version of its id (ObservationKeys.isLatest)
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    /** A store that tells no one what it stored (tools, tests). */
    public ObservationStore(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this(jdbc, transactions, clock, event -> {});
    }

    /** A store that publishes {@link ObservationsStored} after each commit that stored something. */
    public ObservationStore(
            JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.keys = ObservationKeys.relation(jdbc);
        this.latest = ObservationKeys.isLatest(keys);
        this.transactions = transactions;
        this.clock = clock;
        this.events = events;
    }

    /**
     * What a batch did: ids stored now, ids already stored with the same content (retries), and, in a
     * partial append, ids stored before with other content, left alone.
     */
    public record AppendResult(List<String> stored, List<String> unchanged, List<String> conflicts) {}

    /**
     * Stores a batch as version 1 of each id, all or nothing. Ids already stored with the same
     * content are left alone; ids stored with other content fail the whole batch.
     */
    public AppendResult append(String user, List<Observation> batch) {
        return append(user, batch, false);
    }

    /**
     * As {@link #append(String, List)}; when {@code partial}, ids stored with other content are left out
     * and listed instead of failing the batch. Still one transaction: what is stored is stored whole.
     */
    public AppendResult append(String user, List<Observation> batch, boolean partial) {
        try {
            return transactions.execute(status -> appendInTransaction(user, batch, partial));
        } catch (DuplicateKeyException raced) {
            // a concurrent batch stored one of our ids between our check and our insert: check again
            return transactions.execute(status -> appendInTransaction(user, batch, partial));
        }
    }

    private AppendResult appendInTransaction(String user, List<Observation> batch, boolean partial) {
        Map<String, Observation> existing =
                firstVersions(batch.stream().map(Observation::id).toList());
        List<String> conflicts = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<Observation> fresh = new ArrayList<>();
        Instant now = clock.instant();
        for (Observation o : batch) {
            Observation stored = existing.get(o.id());
            if (stored == null) {
                fresh.add(o.stamped(1, user, now, null));
            } else if (stored.sameContentAs(o)) {
                unchanged.add(o.id());
            } else {
                conflicts.add(o.id());
            }
        }
        if (!conflicts.isEmpty() && !partial) {
            throw new ObservationConflictException(conflicts);
        }
        insert(fresh);
        publishAfterCommit(fresh);
        return new AppendResult(fresh.stream().map(Observation::id).toList(), unchanged, conflicts);
    }

    /**
     * Stores {@code corrected} as the next version of its id, with the reason and the user; the
     * earlier versions stay readable. Empty if the id is unknown.
     */
    public Optional<Observation> correct(String user, Observation corrected, String reason) {
        return transactions.execute(status -> {
            int last = client.sql("SELECT COALESCE(MAX(version), 0) FROM " + keys + " WHERE observation_id = ?")
                    .param(corrected.id())
                    .query(Integer.class)
                    .single();
            if (last == 0) {
                return Optional.<Observation>empty();
            }
            Observation next = corrected.stamped(last + 1, user, clock.instant(), reason);
            insert(List.of(next));
            publishAfterCommit(List.of(next));
            return Optional.of(next);
        });
    }

    // after the outermost commit (HJ 212 stores inside its own transaction with the packet log): never what rolled back
    private void publishAfterCommit(List<Observation> stored) {
        if (stored.isEmpty()) {
            return;
        }
        ObservationsStored event = new ObservationsStored(stored);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    events.publishEvent(event);
                }
            });
        } else {
            events.publishEvent(event);
        }
    }

    /** Every version of one observation, oldest first; empty if the id is unknown. */
    public List<Observation> history(String id) {
        return client.sql("SELECT " + COLUMNS + " FROM observation WHERE observation_id = ? ORDER BY version")
                .param(id)
                .query(ObservationStore::read)
                .list();
    }

    /** The latest version of each observation of a site (section or outfall) sampled in [from, to), in time order. */
    public List<Observation> latest(String siteId, Instant from, Instant to) {
        return client.sql("SELECT " + COLUMNS + " FROM observation o WHERE o.site_id = ? AND o.sampled_at >= ?"
                        + " AND o.sampled_at < ? AND " + latest
                        + " ORDER BY o.sampled_at, o.parameter_code, o.observation_id")
                .param(siteId)
                .param(at(from))
                .param(at(to))
                .query(ObservationStore::read)
                .list();
    }

    /** One page of {@link #latest}: at most {@code limit} observations after skipping {@code offset}, in the same order. */
    public List<Observation> latest(String siteId, Instant from, Instant to, int limit, long offset) {
        return client.sql("SELECT " + COLUMNS + " FROM observation o WHERE o.site_id = ? AND o.sampled_at >= ?"
                        + " AND o.sampled_at < ? AND " + latest
                        + " ORDER BY o.sampled_at, o.parameter_code, o.observation_id LIMIT ? OFFSET ?")
                .param(siteId)
                .param(at(from))
                .param(at(to))
                .param(limit)
                .param(offset)
                .query(ObservationStore::read)
                .list();
    }

    /** How many observations {@link #latest} holds for the site and period. */
    public long countLatest(String siteId, Instant from, Instant to) {
        return client.sql(
                        "SELECT COUNT(DISTINCT o.observation_id) FROM observation o WHERE o.site_id = ? AND o.sampled_at >= ?"
                                + " AND o.sampled_at < ? AND " + latest)
                .param(siteId)
                .param(at(from))
                .param(at(to))
                .query(Long.class)
                .single();
    }

    /** The latest version of each observation of a site's most recent sample (empty if never sampled). */
    public List<Observation> latestSample(String siteId) {
        return client.sql("SELECT " + COLUMNS + " FROM observation o WHERE o.site_id = ? AND o.sampled_at ="
                        + " (SELECT MAX(s.sampled_at) FROM observation s WHERE s.site_id = ?) AND " + latest
                        + " ORDER BY o.parameter_code, o.observation_id")
                .param(siteId)
                .param(siteId)
                .query(ObservationStore::read)
                .list();
    }

    /** The parameters observed at each site in [from, to), by the latest version of each observation; a missing value is no observation of it. */
    public Map<String, Set<Parameter>> parametersObserved(Instant from, Instant to) {
        Map<String, Set<Parameter>> out = new HashMap<>();
        client.sql(
                        "SELECT DISTINCT o.site_id, o.parameter_code FROM observation o WHERE o.sampled_at >= ? AND o.sampled_at < ?"
                                + " AND o.measured_value IS NOT NULL AND " + latest)
                .param(at(from))
                .param(at(to))
                .query((rs, i) -> out.computeIfAbsent(rs.getString(1), k -> EnumSet.noneOf(Parameter.class))
                        .add(Parameter.ofCode(rs.getString(2))))
                .list();
        return out;
    }

    /**
     * One site's values of one parameter over a period, summed in the database: the latest version of each
     * observation, neither flagged abnormal nor missing. {@code sumMeasured} adds the values above the detection
     * limit, {@code sumLimits} the limits of those below it (each exact, or null when there are none);
     * {@code largestLimit} is the largest such limit; {@code decimals} the finest precision reported.
     */
    public record ParameterTotals(
            String siteId,
            Parameter parameter,
            long count,
            long countBelowLimit,
            BigDecimal sumMeasured,
            BigDecimal sumLimits,
            BigDecimal largestLimit,
            int decimals) {}

    /** Every site's {@link ParameterTotals} over [from, to), and the sites whose observations there include synthetic ones. */
    public record PeriodTotals(List<ParameterTotals> totals, Set<String> syntheticSites) {}

    // the text is a plain decimal (toPlainString) of at most 40 characters: exact in NUMERIC(80, 40), H2 and PostgreSQL
    // alike
    private static final String EXACT = "CAST(o.measured_value AS NUMERIC(80, 40))";
    private static final String VALUED = "o.measured_value IS NOT NULL AND o.abnormal_cause IS NULL";

    /**
     * The per-parameter sums behind a period mean, for all sites at once, aggregated in SQL so a year of
     * observations never crosses into memory row by row ({@code /quality/targets}).
     */
    public PeriodTotals periodTotals(Instant from, Instant to) {
        List<ParameterTotals> totals = new ArrayList<>();
        Set<String> synthetic = new HashSet<>();
        client.sql("SELECT o.site_id, o.parameter_code,"
                        + " SUM(CASE WHEN " + VALUED + " THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN " + VALUED + " AND o.below_detection_limit THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN " + VALUED + " AND NOT o.below_detection_limit THEN " + EXACT + " END),"
                        + " SUM(CASE WHEN " + VALUED + " AND o.below_detection_limit THEN " + EXACT + " END),"
                        + " MAX(CASE WHEN " + VALUED + " AND o.below_detection_limit THEN " + EXACT + " END),"
                        + " MAX(CASE WHEN " + VALUED + " AND POSITION('.' IN o.measured_value) > 0"
                        + " THEN LENGTH(o.measured_value) - POSITION('.' IN o.measured_value) ELSE 0 END),"
                        + " MAX(CASE WHEN o.source_kind = 'synthetic' THEN 1 ELSE 0 END)"
                        + " FROM observation o WHERE o.sampled_at >= ? AND o.sampled_at < ? AND " + latest
                        + " GROUP BY o.site_id, o.parameter_code")
                .param(at(from))
                .param(at(to))
                .query((rs, i) -> {
                    String site = rs.getString(1);
                    long count = rs.getLong(3);
                    if (count > 0) {
                        totals.add(new ParameterTotals(
                                site,
                                Parameter.ofCode(rs.getString(2)),
                                count,
                                rs.getLong(4),
                                plain(rs.getBigDecimal(5)),
                                plain(rs.getBigDecimal(6)),
                                plain(rs.getBigDecimal(7)),
                                rs.getInt(8)));
                    }
                    if (rs.getInt(9) == 1) {
                        synthetic.add(site);
                    }
                    return site;
                })
                .list();
        return new PeriodTotals(totals, synthetic);
    }

    /** How many observation ids a site has (any version); the demo seeding uses it to stay idempotent. */
    public long count(String siteId) {
        return client.sql("SELECT COUNT(DISTINCT observation_id) FROM observation WHERE site_id = ?")
                .param(siteId)
                .query(Long.class)
                .single();
    }

    private Map<String, Observation> firstVersions(List<String> ids) {
        Map<String, Observation> out = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i += IN_CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IN_CHUNK));
            // which ids are stored at all, from the keys; the rows (to compare contents) only of those: a retry
            List<String> stored = client.sql(
                            "SELECT observation_id FROM " + keys + " WHERE version = 1 AND observation_id IN (:ids)")
                    .param("ids", chunk)
                    .query(String.class)
                    .list();
            if (stored.isEmpty()) {
                continue;
            }
            client.sql("SELECT " + COLUMNS + " FROM observation WHERE version = 1 AND observation_id IN (:ids)")
                    .param("ids", stored)
                    .query(ObservationStore::read)
                    .list()
                    .forEach(o -> out.put(o.id(), o));
        }
        return out;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * The rows, and the keys of those to be chained ({@code observation_unchained}, read by the audit chain), in the
     * caller's transaction: a row is never stored without its key, nor its key without the row. Synthetic demo rows
     * are not chained.
     */
    private void insert(List<Observation> rows) {
        jdbc.batchUpdate(INSERT, rows, 1000, ObservationStore::bind);
        List<Observation> chained = rows.stream()
                .filter(o -> !Observation.Source.SYNTHETIC.equals(o.source().kind()))
                .toList();
        jdbc.batchUpdate(UNCHAINED, chained, 1000, (ps, o) -> {
            ps.setString(1, o.id());
            ps.setInt(2, o.version());
            ps.setObject(3, o.sampledAt());
        });
    }

    private static void bind(PreparedStatement ps, Observation o) throws SQLException {
        ps.setString(1, o.id());
        ps.setInt(2, o.version());
        ps.setString(3, o.siteId());
        ps.setObject(4, o.sampledAt());
        ps.setString(5, o.parameter().code());
        ps.setString(6, o.value() == null ? null : o.value().toPlainString());
        ps.setString(7, o.unit());
        ps.setString(8, o.reportedValue());
        ps.setString(9, o.reportedUnit());
        ps.setBoolean(10, o.belowDetectionLimit());
        ps.setString(11, o.method());
        ps.setString(12, o.source().kind());
        ps.setString(13, o.source().deviceId());
        if (o.source().lastCalibration() == null) {
            ps.setNull(14, Types.DATE);
        } else {
            ps.setObject(14, o.source().lastCalibration());
        }
        ps.setString(15, o.abnormalCause());
        ps.setString(16, o.people().sampler());
        ps.setString(17, o.people().analyst());
        ps.setString(18, o.people().reviewer());
        ps.setString(19, o.people().signatory());
        ps.setString(20, o.recordedBy());
        ps.setObject(21, at(o.recordedAt()));
        ps.setString(22, o.correctionReason());
    }

    /** A sum without the 40 decimals of its SQL type: 0.35, not 0.3500…0. */
    private static BigDecimal plain(BigDecimal sum) {
        if (sum == null) {
            return null;
        }
        BigDecimal d = sum.stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static Observation read(ResultSet rs, int row) throws SQLException {
        return new Observation(
                rs.getString("observation_id"),
                rs.getInt("version"),
                rs.getString("site_id"),
                rs.getObject("sampled_at", OffsetDateTime.class),
                Parameter.ofCode(rs.getString("parameter_code")),
                decimal(rs.getString("measured_value")),
                rs.getString("unit"),
                rs.getString("reported_value"),
                rs.getString("reported_unit"),
                rs.getBoolean("below_detection_limit"),
                rs.getString("method"),
                new Observation.Source(
                        rs.getString("source_kind"),
                        rs.getString("device_id"),
                        rs.getObject("last_calibration", LocalDate.class)),
                rs.getString("abnormal_cause"),
                new Observation.People(
                        rs.getString("sampler"),
                        rs.getString("analyst"),
                        rs.getString("reviewer"),
                        rs.getString("signatory")),
                rs.getString("recorded_by"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                rs.getString("correction_reason"));
    }
}
