package liuyu.stations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import liuyu.storage.ObservationKeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** The append-only log of packets received (table {@code station_packet}): stored, repeated or refused, with the packet. */
public final class PacketLog {
    public static final String STORED = "stored";
    public static final String REPEATED = "repeated";
    public static final String REFUSED = "refused";
    /** A packet taken that stores no value: a station's answer to a command, a time-calibration request. */
    public static final String RECEIVED = "received";
    /** A command the platform sent to a station. */
    public static final String SENT = "sent";
    /** One part of a split message, kept until the others arrive. */
    public static final String PART = "part";

    private static final String COLUMNS =
            "packet_id, received_at, remote, mn, site_id, qn, cn, outcome, reason, detail, observations, raw_packet";

    /** One logged packet; {@code reason} is a {@link Refusal#code()} for a refusal. */
    public record Entry(
            long id,
            Instant receivedAt,
            String remote,
            String mn,
            String siteId,
            String qn,
            String cn,
            String outcome,
            String reason,
            String detail,
            int observations,
            String raw) {}

    /**
     * A data upload's minimum and maximum of the period ({@code -Min}, {@code -Max}; in the observation's canonical
     * unit and as sent) and its cumulative total ({@code -Cou}, as sent, with its unit), kept beside the observation
     * holding the average. Any of them may be null.
     */
    public record Summary(
            String observationId,
            String minValue,
            String maxValue,
            String reportedMin,
            String reportedMax,
            String totalValue,
            String totalUnit) {}

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final String summaryFrom; // SUMMARY_FROM with the latest-version condition (ObservationKeys.isLatest)

    public PacketLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.summaryFrom = SUMMARY_FROM.formatted(ObservationKeys.isLatest(ObservationKeys.relation(jdbc)));
    }

    /** Writes one entry (its id is ignored) and returns the id given to it. */
    public long write(Entry e) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    PreparedStatement ps = connection.prepareStatement(
                            "INSERT INTO station_packet (received_at, remote, mn, site_id, qn, cn,"
                                    + " outcome, reason, detail, observations, raw_packet) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                            new String[] {"packet_id"});
                    ps.setObject(1, e.receivedAt().atOffset(ZoneOffset.UTC));
                    ps.setString(2, clip(e.remote(), 100));
                    ps.setString(3, e.mn());
                    ps.setString(4, e.siteId());
                    ps.setString(5, e.qn());
                    ps.setString(6, e.cn());
                    ps.setString(7, e.outcome());
                    ps.setString(8, e.reason());
                    ps.setString(9, clip(e.detail(), 500));
                    ps.setInt(10, e.observations());
                    ps.setString(11, clip(e.raw(), 4200));
                    return ps;
                },
                key);
        return key.getKey().longValue();
    }

    public void link(long packetId, List<String> observationIds) {
        jdbc.batchUpdate(
                "INSERT INTO station_packet_observation (observation_id, packet_id) VALUES (?, ?)",
                observationIds,
                1000,
                (ps, id) -> {
                    ps.setString(1, id);
                    ps.setLong(2, packetId);
                });
    }

    /** Writes the summaries of newly stored observations. */
    public void summaries(List<Summary> summaries) {
        jdbc.batchUpdate(
                "INSERT INTO station_value_summary (observation_id, min_value, max_value, reported_min, reported_max,"
                        + " total_value, total_unit) VALUES (?,?,?,?,?,?,?)",
                summaries,
                1000,
                (ps, s) -> {
                    ps.setString(1, s.observationId());
                    ps.setString(2, s.minValue());
                    ps.setString(3, s.maxValue());
                    ps.setString(4, s.reportedMin());
                    ps.setString(5, s.reportedMax());
                    ps.setString(6, s.totalValue());
                    ps.setString(7, s.totalUnit());
                });
    }

    /** The minimum, maximum and total sent with an observation's average, if any were. */
    public Optional<Summary> summary(String observationId) {
        return client.sql("SELECT observation_id, min_value, max_value, reported_min, reported_max, total_value,"
                        + " total_unit FROM station_value_summary WHERE observation_id = ?")
                .param(observationId)
                .query((rs, row) -> new Summary(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)))
                .optional();
    }

    /**
     * A stored summary with the average it was sent with: the observation (site, parameter, sampling time, the
     * average in its canonical unit), the data kind of the packet that brought it (CN 2051 minute, 2061 hourly, 2031
     * daily) and the period's minimum, maximum and total.
     */
    public record SummaryRow(
            String observationId,
            String siteId,
            String parameter,
            OffsetDateTime sampledAt,
            String cn,
            String average,
            String unit,
            String minValue,
            String maxValue,
            String reportedMin,
            String reportedMax,
            String totalValue,
            String totalUnit) {}

    private static final String SUMMARY_FROM = " FROM station_value_summary s"
            + " JOIN observation o ON o.observation_id = s.observation_id AND %s"
            + " LEFT JOIN station_packet_observation po ON po.observation_id = s.observation_id"
            + " LEFT JOIN station_packet p ON p.packet_id = po.packet_id"
            + " WHERE o.source_kind = 'hj212' AND o.device_id = :mn AND o.sampled_at >= :from AND o.sampled_at < :to";

    /**
     * The summaries a station (its MN) sent with values sampled in [from, to), of one parameter code or all, in
     * sampling order, one page.
     */
    public List<SummaryRow> summaries(
            String mn, String parameter, OffsetDateTime from, OffsetDateTime to, int limit, long offset) {
        return client.sql("SELECT s.observation_id, o.site_id, o.parameter_code, o.sampled_at, p.cn,"
                        + " o.measured_value, o.unit, s.min_value, s.max_value, s.reported_min, s.reported_max,"
                        + " s.total_value, s.total_unit" + summaryFrom
                        + (parameter == null ? "" : " AND o.parameter_code = :parameter")
                        + " ORDER BY o.sampled_at, o.parameter_code, s.observation_id LIMIT :limit OFFSET :offset")
                .params(summaryParams(mn, parameter, from, to))
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> new SummaryRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getString(12),
                        rs.getString(13)))
                .list();
    }

    public long countSummaries(String mn, String parameter, OffsetDateTime from, OffsetDateTime to) {
        return client.sql("SELECT COUNT(*)" + summaryFrom
                        + (parameter == null ? "" : " AND o.parameter_code = :parameter"))
                .params(summaryParams(mn, parameter, from, to))
                .query(Long.class)
                .single();
    }

    private static java.util.Map<String, Object> summaryParams(
            String mn, String parameter, OffsetDateTime from, OffsetDateTime to) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("mn", mn);
        p.put("from", from);
        p.put("to", to);
        if (parameter != null) {
            p.put("parameter", parameter);
        }
        return p;
    }

    /** The newest entries of a station's MN (all outcomes, or one), newest first, at most {@code limit}, ids below {@code before}. */
    public List<Entry> of(String mn, String outcome, int limit, long before) {
        return client.sql("SELECT " + COLUMNS + " FROM station_packet WHERE mn = ? AND packet_id < ?"
                        + (outcome == null ? "" : " AND outcome = ?") + " ORDER BY packet_id DESC LIMIT ?")
                .params(outcome == null ? List.of(mn, before, limit) : List.of(mn, before, outcome, limit))
                .query(PacketLog::read)
                .list();
    }

    /** Entries refused before any MN could be read (no header, bad length, CRC, …), newest first. */
    public List<Entry> withoutStation(int limit) {
        return client.sql("SELECT " + COLUMNS + " FROM station_packet WHERE mn IS NULL ORDER BY packet_id DESC LIMIT ?")
                .param(limit)
                .query(PacketLog::read)
                .list();
    }

    /** The packet that first brought an observation. */
    public Optional<Entry> packetOf(String observationId) {
        return client.sql("SELECT " + COLUMNS.replace("packet_id,", "p.packet_id,") + " FROM station_packet p"
                        + " JOIN station_packet_observation o ON o.packet_id = p.packet_id WHERE o.observation_id = ?")
                .param(observationId)
                .query(PacketLog::read)
                .optional();
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Entry read(ResultSet rs, int row) throws SQLException {
        return new Entry(
                rs.getLong("packet_id"),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                rs.getString("remote"),
                rs.getString("mn"),
                rs.getString("site_id"),
                rs.getString("qn"),
                rs.getString("cn"),
                rs.getString("outcome"),
                rs.getString("reason"),
                rs.getString("detail"),
                rs.getInt("observations"),
                rs.getString("raw_packet"));
    }
}
