package liuyu.alarms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alarms and their events, append-only: an alarm is raised once with its evidence; acknowledging and closing add
 * events, and its state is its last event's action. Callers hold the transaction.
 */
public final class AlarmLog {
    public static final String RAISED = "raised";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String CLOSED = "closed";
    public static final List<String> STATES = List.of(RAISED, ACKNOWLEDGED, CLOSED);
    public static final List<String> KINDS = List.of("exceedance", "anomaly", "gap", DischargeLimits.KIND);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LAST =
            "e.event_id = (SELECT MAX(l.event_id) FROM alarm_event l WHERE l.alarm_id = a.alarm_id)";
    private static final String ALARM = "SELECT a.alarm_id, a.kind, a.site_id, a.parameter_code, a.rule_id, a.summary,"
            + " a.evidence, a.raised_at, e.action, e.at, e.by_user, e.reason FROM alarm a JOIN alarm_event e"
            + " ON e.alarm_id = a.alarm_id AND " + LAST;

    private final JdbcClient client;

    public AlarmLog(JdbcTemplate jdbc) {
        this.client = JdbcClient.create(jdbc);
    }

    /** An alarm as it stands: {@code state} is its last event's action, by whom, when and why. */
    public record Alarm(
            long id,
            String kind,
            String site,
            String parameter,
            String rule,
            String summary,
            Map<String, Object> evidence,
            Instant raisedAt,
            String state,
            Instant stateAt,
            String stateBy,
            String stateReason) {}

    /** One change of an alarm; {@code id} is the Server-Sent Events id. {@code alarm} is the alarm after it. */
    public record Event(long id, long alarmId, String action, Instant at, String by, String reason, Alarm alarm) {}

    /** Filters of {@link #list}; nulls filter nothing; raised in [from, to). */
    public record Filter(String state, String kind, String site, String parameter, Instant from, Instant to) {}

    /** Whether an alarm of this kind, site, parameter and rule is not closed (a new one is then not raised). */
    public boolean open(String kind, String site, String parameter, String rule) {
        return client.sql("SELECT COUNT(*) FROM alarm a JOIN alarm_event e ON e.alarm_id = a.alarm_id AND " + LAST
                                + " WHERE a.kind = ? AND a.site_id = ? AND a.parameter_code = ? AND a.rule_id = ?"
                                + " AND e.action <> 'closed'")
                        .params(kind, site, parameter, rule)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Raises an alarm: the alarm row and its 'raised' event by {@code by} (a rule, never a person). */
    public Event raise(
            String kind,
            String site,
            String parameter,
            String rule,
            String summary,
            Map<String, Object> evidence,
            Instant at,
            String by) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        String text = JSON.writeValueAsString(evidence);
        client.sql("INSERT INTO alarm (kind, site_id, parameter_code, rule_id, summary, evidence, raised_at)"
                        + " VALUES (?,?,?,?,?,?,?)")
                .params(
                        kind,
                        site,
                        parameter,
                        rule,
                        summary.length() > 1000 ? summary.substring(0, 999) + "…" : summary,
                        text,
                        AnomalyLog.utc(at))
                .update(key, "alarm_id");
        long id = key.getKey().longValue();
        return append(id, RAISED, at, by, null);
    }

    /** Adds an event and answers it with the alarm after it. */
    public Event append(long alarmId, String action, Instant at, String by, String reason) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        client.sql("INSERT INTO alarm_event (alarm_id, action, at, by_user, reason) VALUES (?,?,?,?,?)")
                .params(alarmId, action, AnomalyLog.utc(at), by, reason)
                .update(key, "event_id");
        long id = key.getKey().longValue();
        return new Event(id, alarmId, action, at, by, reason, find(alarmId).orElseThrow());
    }

    public Optional<Alarm> find(long id) {
        return client.sql(ALARM + " WHERE a.alarm_id = ?")
                .param(id)
                .query(AlarmLog::alarm)
                .optional();
    }

    /** Newest first. */
    public List<Alarm> list(Filter f, int limit, long offset) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        params.add(limit);
        params.add(offset);
        return client.sql(ALARM + where + " ORDER BY a.alarm_id DESC LIMIT ? OFFSET ?")
                .params(params)
                .query(AlarmLog::alarm)
                .list();
    }

    public long count(Filter f) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return client.sql("SELECT COUNT(*) FROM alarm a JOIN alarm_event e ON e.alarm_id = a.alarm_id AND " + LAST
                        + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    /** Every event of one alarm, first to last (without the alarm). */
    public List<Event> history(long alarmId) {
        return client.sql("SELECT event_id, alarm_id, action, at, by_user, reason FROM alarm_event WHERE alarm_id = ?"
                        + " ORDER BY event_id")
                .param(alarmId)
                .query((rs, n) -> event(rs, null))
                .list();
    }

    /** Events after {@code afterId}, oldest first, at most {@code limit}, each with its alarm as it stands now. */
    public List<Event> after(long afterId, int limit) {
        return client
                .sql("SELECT x.event_id, x.alarm_id, x.action, x.at, x.by_user, x.reason FROM alarm_event x"
                        + " WHERE x.event_id > ? ORDER BY x.event_id LIMIT ?")
                .params(afterId, limit)
                .query((rs, n) -> event(rs, null))
                .list()
                .stream()
                .map(e -> new Event(
                        e.id(),
                        e.alarmId(),
                        e.action(),
                        e.at(),
                        e.by(),
                        e.reason(),
                        find(e.alarmId()).orElseThrow()))
                .toList();
    }

    /** One attempt to post an event to a webhook. */
    public record Delivery(
            long eventId, String webhook, int attempt, Instant at, Integer status, String error, boolean delivered) {}

    public void delivered(Delivery d) {
        client.sql("INSERT INTO alarm_delivery (event_id, webhook, attempt, at, status, error, delivered)"
                        + " VALUES (?,?,?,?,?,?,?)")
                .params(
                        d.eventId(),
                        d.webhook(),
                        d.attempt(),
                        AnomalyLog.utc(d.at()),
                        d.status(),
                        d.error() == null || d.error().length() <= 1000
                                ? d.error()
                                : d.error().substring(0, 999) + "…",
                        d.delivered())
                .update();
    }

    /** The webhook attempts for one alarm's events, in order. */
    public List<Delivery> deliveries(long alarmId) {
        return client.sql("SELECT d.event_id, d.webhook, d.attempt, d.at, d.status, d.error, d.delivered"
                        + " FROM alarm_delivery d JOIN alarm_event e ON e.event_id = d.event_id WHERE e.alarm_id = ?"
                        + " ORDER BY d.delivery_id")
                .param(alarmId)
                .query((rs, n) -> new Delivery(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(),
                        (Integer) rs.getObject(5, Integer.class),
                        rs.getString(6),
                        rs.getBoolean(7)))
                .list();
    }

    private static String where(Filter f, List<Object> params) {
        List<String> c = new ArrayList<>();
        if (f.state() != null) {
            c.add("e.action = ?");
            params.add(f.state());
        }
        if (f.kind() != null) {
            c.add("a.kind = ?");
            params.add(f.kind());
        }
        if (f.site() != null) {
            c.add("a.site_id = ?");
            params.add(f.site());
        }
        if (f.parameter() != null) {
            c.add("a.parameter_code = ?");
            params.add(f.parameter());
        }
        if (f.from() != null) {
            c.add("a.raised_at >= ?");
            params.add(AnomalyLog.utc(f.from()));
        }
        if (f.to() != null) {
            c.add("a.raised_at < ?");
            params.add(AnomalyLog.utc(f.to()));
        }
        return c.isEmpty() ? "" : " WHERE " + String.join(" AND ", c);
    }

    private static Event event(ResultSet rs, Alarm alarm) throws SQLException {
        return new Event(
                rs.getLong("event_id"),
                rs.getLong("alarm_id"),
                rs.getString("action"),
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("by_user"),
                rs.getString("reason"),
                alarm);
    }

    private static Alarm alarm(ResultSet rs, int row) throws SQLException {
        return new Alarm(
                rs.getLong("alarm_id"),
                rs.getString("kind"),
                rs.getString("site_id"),
                rs.getString("parameter_code"),
                rs.getString("rule_id"),
                rs.getString("summary"),
                JSON.readValue(rs.getString("evidence"), new TypeReference<Map<String, Object>>() {}),
                rs.getObject("raised_at", OffsetDateTime.class).toInstant(),
                rs.getString("action"),
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("by_user"),
                rs.getString("reason"));
    }
}
