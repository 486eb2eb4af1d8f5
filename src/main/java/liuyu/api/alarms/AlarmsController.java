package liuyu.api.alarms;

import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import liuyu.alarms.AlarmLog;
import liuyu.alarms.Alarms;
import liuyu.alarms.AlarmsConfiguration;
import liuyu.alarms.AnomalyLog;
import liuyu.api.ApiProblem;
import liuyu.api.Params;
import liuyu.geo.Decimals;
import liuyu.quality.Parameter;
import liuyu.quality.Period;
import liuyu.stations.StationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alarms (exceedances, anomalies, transmission gaps): listed, one with its events and webhook attempts, acknowledged
 * and closed with a reason, streamed as Server-Sent Events; and the anomalies found per site and period.
 */
@RestController
public class AlarmsController {
    static final int MAX_LIMIT = 500;
    static final int DEFAULT_LIMIT = 100;
    /** Events read from the log per page while a stream catches up after its Last-Event-ID. */
    static final int REPLAY_PAGE = 500;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Alarms alarms;
    private final AlarmLog log;
    private final AnomalyLog anomalies;
    private final ObjectProvider<StationRegistry> stations;
    private final AlarmsConfiguration.AlarmProperties properties;

    public AlarmsController(
            Alarms alarms,
            AlarmLog log,
            AnomalyLog anomalies,
            ObjectProvider<StationRegistry> stations,
            AlarmsConfiguration.AlarmProperties properties) {
        this.alarms = alarms;
        this.log = log;
        this.anomalies = anomalies;
        this.stations = stations;
        this.properties = properties;
    }

    public record AlarmList(long numberMatched, int limit, long offset, String next, List<AlarmLog.Alarm> alarms) {}

    @GetMapping("/alarms")
    public AlarmList list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String site,
            @RequestParam(required = false) String parameter,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset) {
        if (state != null && !AlarmLog.STATES.contains(state)) {
            throw ApiProblem.badRequest("state", "state must be one of " + AlarmLog.STATES);
        }
        if (kind != null && !AlarmLog.KINDS.contains(kind)) {
            throw ApiProblem.badRequest("kind", "kind must be one of " + AlarmLog.KINDS);
        }
        if (site != null && !site.matches("[\\p{L}\\p{N}_.:-]{1,100}")) {
            throw ApiProblem.badRequest(
                    "site", "site is a section or outfall id of 1 to 100 letters, digits, '_', '.', ':' or '-'");
        }
        String code = null;
        if (parameter != null) {
            Parameter p = Parameter.parse(parameter);
            if (p == null) {
                throw ApiProblem.badRequest("parameter", "unknown parameter; known: " + Parameter.accepted());
            }
            code = p.code();
        }
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw ApiProblem.badRequest("to", "to must be after from");
        }
        int max = Params.integer("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        int skip = Params.integer("offset", offset, 0, Integer.MAX_VALUE, 0);
        AlarmLog.Filter filter = new AlarmLog.Filter(state, kind, site, code, since, until);
        long matched = log.count(filter);
        List<AlarmLog.Alarm> page = log.list(filter, max, skip);
        String next = (long) skip + page.size() < matched ? "offset=" + (skip + page.size()) : null;
        return new AlarmList(matched, max, skip, next, page);
    }

    public record AlarmView(AlarmLog.Alarm alarm, List<AlarmLog.Event> events, List<AlarmLog.Delivery> deliveries) {}

    @GetMapping("/alarms/{id}")
    public AlarmView one(@PathVariable String id) {
        long alarmId = id(id);
        AlarmLog.Alarm a = log.find(alarmId).orElseThrow(() -> ApiProblem.notFound("id", "no alarm " + id));
        return new AlarmView(a, log.history(alarmId), log.deliveries(alarmId));
    }

    @PostMapping(path = "/alarms/{id}/acknowledgements", consumes = "application/json")
    public ResponseEntity<AlarmLog.Event> acknowledge(
            @PathVariable String id, @RequestBody(required = false) byte[] body, Principal user) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(alarms.act(id(id), AlarmLog.ACKNOWLEDGED, user.getName(), reason(body)));
    }

    @PostMapping(path = "/alarms/{id}/closures", consumes = "application/json")
    public ResponseEntity<AlarmLog.Event> close(
            @PathVariable String id, @RequestBody(required = false) byte[] body, Principal user) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(alarms.act(id(id), AlarmLog.CLOSED, user.getName(), reason(body)));
    }

    /**
     * Server-Sent Events: every alarm event from now on (event name = raised|acknowledged|closed, id = the event id,
     * data = the event with the alarm as it stands). With {@code Last-Event-ID} (or {@code lastEventId}) the events
     * after that id are sent first, so a client that reconnects misses nothing.
     */
    @GetMapping(path = "/alarms/stream", produces = "text/event-stream")
    public SseEmitter stream(
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "lastEventId", required = false) String lastEventIdParameter) {
        String resume = lastEventId != null ? lastEventId : lastEventIdParameter;
        long after = 0;
        if (resume != null) {
            after = Params.integer(
                    lastEventId != null ? "Last-Event-ID" : "lastEventId", resume, 0, Integer.MAX_VALUE, 0);
        }
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        AlarmStream stream = new AlarmStream(emitter, after);
        Runnable unsubscribe = alarms.subscribe(stream::live);
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(() -> {
            unsubscribe.run();
            emitter.complete(); // a stream that ran its time ends quietly; EventSource reconnects with Last-Event-ID
        });
        emitter.onError(e -> unsubscribe.run());
        stream.comment("liuyu alarms"); // sends the headers now, so a client sees the stream open
        if (resume != null) {
            List<AlarmLog.Event> page;
            do {
                page = log.after(stream.sent(), REPLAY_PAGE);
                stream.replay(page);
            } while (page.size() == REPLAY_PAGE);
        }
        stream.replayed();
        return emitter;
    }

    public record AnomalyList(
            String site,
            String period,
            long numberMatched,
            int limit,
            long offset,
            String next,
            List<AnomalyLog.Anomaly> anomalies) {}

    /** The anomalies found at a site (section or outfall id, or a station's MN) among values sampled in a period. */
    @GetMapping("/anomalies")
    public AnomalyList anomalies(
            @RequestParam(required = false) String site,
            @RequestParam(required = false) String station,
            @RequestParam(required = false) String period,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset) {
        if (site != null && station != null) {
            throw ApiProblem.badRequest("station", "give site or station, not both");
        }
        String siteId = site;
        if (station != null) {
            StationRegistry r = stations.getIfAvailable();
            StationRegistry.Station s = r == null || !station.matches("[0-9A-Za-z]{1,24}") ? null : r.station(station);
            if (s == null) {
                throw ApiProblem.notFound("station", "no registered HJ 212 station '" + Decimals.shown(station) + "'");
            }
            siteId = s.site();
        }
        if (siteId != null && !siteId.matches("[\\p{L}\\p{N}_.:-]{1,100}")) {
            throw ApiProblem.badRequest(
                    "site", "site is a section or outfall id of 1 to 100 letters, digits, '_', '.', ':' or '-'");
        }
        if (period == null || period.isBlank()) {
            throw ApiProblem.badRequest(
                    "period", "query parameter 'period' is required: a month (2025-06) or a year (2025)");
        }
        Period p = Period.parse(period);
        if (p == null) {
            throw ApiProblem.badRequest(
                    "period",
                    "period must be a month (YYYY-MM, e.g. 2025-06) or a year (YYYY); got '" + Decimals.shown(period)
                            + "'");
        }
        int max = Params.integer("limit", limit, 1, MAX_LIMIT * 2, DEFAULT_LIMIT * 10);
        int skip = Params.integer("offset", offset, 0, Integer.MAX_VALUE, 0);
        long matched = anomalies.count(siteId, p.from(), p.to());
        List<AnomalyLog.Anomaly> page = anomalies.of(siteId, p.from(), p.to(), max, skip);
        String next = (long) skip + page.size() < matched ? "offset=" + (skip + page.size()) : null;
        return new AnomalyList(siteId, p.text(), matched, max, skip, next, page);
    }

    private static long id(String text) {
        return Params.integer("id", text, 1, Integer.MAX_VALUE, 0);
    }

    private static Instant instant(String name, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(
                    name, name + " must be an ISO-8601 time with offset, e.g. 2025-06-01T00:00:00+08:00");
        }
    }

    private static String reason(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiProblem.badRequest("body", "request body is empty: {\"reason\": \"…\"}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("body", "request body is not valid UTF-8 JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiProblem.badRequest("body", "the body is a JSON object {\"reason\": \"…\"}");
        }
        for (Map.Entry<String, JsonNode> f : root.properties()) {
            if (!f.getKey().equals("reason")) {
                throw ApiProblem.badRequest(
                        f.getKey(), "unknown field '" + f.getKey() + "'; the body is {\"reason\": \"…\"}");
            }
        }
        JsonNode r = root.get("reason");
        if (r == null || r.isNull()) {
            throw ApiProblem.badRequest("reason", "reason is required");
        }
        if (!r.isString()) {
            throw ApiProblem.badRequest("reason", "reason must be text");
        }
        return r.asString();
    }
}
