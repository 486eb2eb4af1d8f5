package liuyu.api.stations;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import liuyu.api.ApiProblem;
import liuyu.api.Params;
import liuyu.geo.Decimals;
import liuyu.quality.Parameter;
import liuyu.stations.Hj212Intake;
import liuyu.stations.PacketLog;
import liuyu.stations.StationRegistry;
import liuyu.stations.StationsConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HJ 212 stations: the registry (open, without passwords) and each station's packet log — stored,
 * repeated and refused packets with their reasons — for monitors and operators (it names peers' addresses).
 */
@RestController
public class StationsController {
    /** The path segment for packets refused before any MN could be read. */
    public static final String NO_STATION = "-";

    private static final List<String> OUTCOMES = List.of(
            PacketLog.STORED,
            PacketLog.REPEATED,
            PacketLog.REFUSED,
            PacketLog.RECEIVED,
            PacketLog.SENT,
            PacketLog.PART);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final ObjectProvider<StationRegistry> registry;
    private final ObjectProvider<StationsConfiguration.Receiver> receiver;
    private final PacketLog log;

    public StationsController(
            ObjectProvider<StationRegistry> registry,
            ObjectProvider<StationsConfiguration.Receiver> receiver,
            PacketLog log) {
        this.registry = registry;
        this.receiver = receiver;
        this.log = log;
    }

    public record Stations(boolean listening, Integer port, List<StationRegistry.Station> stations, String note) {}

    @GetMapping("/stations")
    public Stations stations() {
        StationRegistry r = registry.getIfAvailable();
        StationsConfiguration.Receiver listener = receiver.getIfAvailable();
        if (r == null || listener == null || !listener.isRunning()) {
            return new Stations(
                    false, null, List.of(), "the HJ 212 receiver is off (set liuyu.hj212.port; docs/stations.md)");
        }
        boolean demo = r.all().stream().anyMatch(s -> s.method().equals("synthetic"));
        return new Stations(
                true,
                listener.port(),
                List.copyOf(r.all()),
                demo ? "stations with method 'synthetic' are demo stations, not real monitors" : null);
    }

    /**
     * Sends a platform command (HJ 212-2017) to a connected station: {@code command} get-time (1011), set-time
     * (1012, the platform's clock), realtime-start (2011), realtime-stop (2012); {@code polId} optionally names the
     * instrument (PolId). Body {@code {"command": "set-time", "polId": "w01018"}}. 202 with the command's QN: the station's answers (9011, 9012, 1011) are in its packet
     * log under that QN. 409 when the station is not connected.
     */
    @PostMapping(path = "/stations/{mn}/commands", consumes = "application/json")
    public ResponseEntity<Hj212Intake.Sent> command(
            @PathVariable String mn, @RequestBody(required = false) byte[] body, Principal user) {
        mn(mn);
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("body", "the body is not JSON (each key once): " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiProblem.badRequest("body", "a command is a JSON object {\"command\": …, \"polId\": …}");
        }
        for (String name : root.propertyNames()) {
            if (!name.equals("command") && !name.equals("polId")) {
                throw ApiProblem.badRequest(name, "unknown field '" + name + "'; known: command, polId");
            }
        }
        String command = root.path("command").isString() ? root.path("command").asString() : null;
        String polId = root.has("polId")
                ? (root.path("polId").isString() ? root.path("polId").asString() : "")
                : null;
        List<String> names = Arrays.stream(Hj212Intake.Command.values())
                .map(Hj212Intake.Command::wireName)
                .toList();
        Hj212Intake.Command c = command == null ? null : Hj212Intake.Command.named(command);
        if (c == null) {
            throw ApiProblem.badRequest("command", "command must be one of " + names);
        }
        if (polId != null && !polId.matches("[a-z]\\d{5}")) {
            throw ApiProblem.badRequest("polId", "polId is a pollutant code such as w01018 (a letter and 5 digits)");
        }
        StationsConfiguration.Receiver listener = receiver.getIfAvailable();
        if (listener == null || !listener.isRunning()) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT, "mn", "the HJ 212 receiver is off (set liuyu.hj212.port; docs/stations.md)");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(listener.command(mn, c, polId, user.getName()));
    }

    private static void mn(String mn) {
        if (!mn.matches("[0-9A-Za-z]{1,24}")) {
            throw ApiProblem.badRequest(
                    "mn",
                    "an MN is 1 to 24 letters or digits, got '" + (mn.length() > 30 ? mn.substring(0, 30) + "…" : mn)
                            + "'");
        }
    }

    /** A page of summaries: {@code numberMatched} in all, {@code next} the query of the following page (null on the last). */
    public record Summaries(
            String station,
            String from,
            String to,
            String parameter,
            long numberMatched,
            int limit,
            long offset,
            String next,
            List<PacketLog.SummaryRow> summaries) {}

    static final int SUMMARIES_DEFAULT_LIMIT = 1000;
    static final int SUMMARIES_MAX_LIMIT = 10_000;
    // the bounds of an open period: before and after any sampling time the store accepts
    private static final OffsetDateTime EARLIEST = OffsetDateTime.parse("1900-01-01T00:00:00Z");
    private static final OffsetDateTime LATEST = OffsetDateTime.parse("3000-01-01T00:00:00Z");

    /**
     * The minimum, maximum and cumulative total (HJ 212 {@code -Min}, {@code -Max}, {@code -Cou}) a station sent with
     * the averages it stored, sampled in [from, to) (ISO-8601 times with offset; open when left out), of one parameter
     * or all, in sampling order.
     */
    @GetMapping("/stations/{mn}/summaries")
    public Summaries summaries(
            @PathVariable String mn,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String parameter,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset) {
        mn(mn);
        OffsetDateTime since = time("from", from);
        OffsetDateTime until = time("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw ApiProblem.badRequest("to", "to must be after from");
        }
        String code = null;
        if (parameter != null) {
            Parameter p = Parameter.parse(parameter);
            if (p == null) {
                throw ApiProblem.badRequest(
                        "parameter",
                        "unknown parameter '" + Decimals.shown(parameter) + "'; known: " + Parameter.accepted());
            }
            code = p.code();
        }
        int max = Params.integer("limit", limit, 1, SUMMARIES_MAX_LIMIT, SUMMARIES_DEFAULT_LIMIT);
        int skip = Params.integer("offset", offset, 0, Integer.MAX_VALUE, 0);
        OffsetDateTime a = since == null ? EARLIEST : since;
        OffsetDateTime b = until == null ? LATEST : until;
        long matched = log.countSummaries(mn, code, a, b);
        List<PacketLog.SummaryRow> page = log.summaries(mn, code, a, b, max, skip);
        String next = null;
        if ((long) skip + page.size() < matched) {
            StringBuilder q = new StringBuilder(
                    "/stations/" + mn + "/summaries?limit=" + max + "&offset=" + (skip + page.size()));
            String[][] filters = {{"from", from}, {"to", to}, {"parameter", code}};
            for (String[] f : filters) {
                q.append(f[1] == null ? "" : "&" + f[0] + "=" + URLEncoder.encode(f[1], StandardCharsets.UTF_8));
            }
            next = q.toString();
        }
        return new Summaries(
                mn,
                since == null ? null : since.toInstant().toString(),
                until == null ? null : until.toInstant().toString(),
                code,
                matched,
                max,
                skip,
                next,
                page);
    }

    private static OffsetDateTime time(String name, String text) {
        if (text == null) {
            return null;
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(text);
            if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
                throw ApiProblem.badRequest(name, name + " must lie between 1900 and 3000");
            }
            return t;
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(
                    name, name + " must be an ISO-8601 time with offset, e.g. 2025-06-01T00:00:00+08:00");
        }
    }

    public record Packets(String station, List<PacketLog.Entry> packets, Long next) {}

    /** Newest first; {@code before} (a packet id) pages back; {@code outcome} stored|repeated|refused. */
    @GetMapping("/stations/{mn}/packets")
    public Packets packets(
            @PathVariable String mn,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String before) {
        if (!mn.equals(NO_STATION) && !mn.matches("[0-9A-Za-z]{1,24}")) {
            throw ApiProblem.badRequest(
                    "mn",
                    "an MN is 1 to 24 letters or digits ('-' for packets without one), got '"
                            + (mn.length() > 30 ? mn.substring(0, 30) + "…" : mn) + "'");
        }
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw ApiProblem.badRequest("outcome", "outcome must be one of " + OUTCOMES);
        }
        int n = Params.integer("limit", limit, 1, 1000, 100);
        long beforeId = before == null ? Long.MAX_VALUE : Params.integer("before", before, 1, Integer.MAX_VALUE, 1);
        List<PacketLog.Entry> got;
        if (mn.equals(NO_STATION)) {
            if (outcome != null || before != null) {
                throw ApiProblem.badRequest(
                        outcome != null ? "outcome" : "before",
                        "packets without an MN are all refused and listed newest first, unpaged");
            }
            got = log.withoutStation(n);
        } else {
            got = log.of(mn, outcome, n, beforeId);
        }
        Long next = got.size() == n ? got.get(got.size() - 1).id() : null;
        return new Packets(mn, got, next);
    }
}
