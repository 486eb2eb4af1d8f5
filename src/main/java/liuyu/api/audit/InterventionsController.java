package liuyu.api.audit;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import liuyu.api.ApiProblem;
import liuyu.api.Params;
import liuyu.audit.HashChain;
import liuyu.audit.InterventionLog;
import liuyu.audit.ObservationChain;
import liuyu.geo.Texts;
import liuyu.outfalls.LedgerQueries;
import liuyu.quality.ObservationService;
import liuyu.quality.Sections;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
 * The intervention log over HTTP: recorded by monitoring staff or auditors, read only by auditors, checked
 * by {@code /interventions/verify}; and {@code /observations/verify} for the observation chain.
 */
@RestController
public class InterventionsController {
    static final int MAX_ATTACHMENTS = 5;
    static final int MAX_ATTACHMENT_BYTES = 512 * 1024;
    static final int MAX_CONCERNED = 100;
    private static final Set<String> FIELDS =
            Set.of("official", "addressee", "occurredAt", "channel", "content", "concerns", "attachments");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final InterventionLog log;
    private final ObservationChain observations;
    private final Sections sections;
    private final LedgerQueries outfalls;
    private final ObservationService store;
    private final Clock clock = Clock.systemUTC();

    public InterventionsController(
            InterventionLog log,
            ObservationChain observations,
            Sections sections,
            LedgerQueries outfalls,
            ObservationService store) {
        this.log = log;
        this.observations = observations;
        this.sections = sections;
        this.outfalls = outfalls;
        this.store = store;
    }

    @PostMapping(path = "/interventions", consumes = "application/json")
    public ResponseEntity<InterventionLog.Entry> record(@RequestBody(required = false) byte[] body, Principal user) {
        JsonNode root = parse(body);
        for (String name : root.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw ApiProblem.badRequest(
                        name,
                        "unknown field '" + name + "'; known: "
                                + FIELDS.stream().sorted().toList());
            }
        }
        JsonNode who = root.path("official");
        if (!who.isObject()) {
            throw ApiProblem.badRequest("official", "official is an object {name, position, unit}: who intervened");
        }
        InterventionLog.Official official = new InterventionLog.Official(
                text(who, "name", "official.name", 100, false),
                text(who, "position", "official.position", 200, false),
                text(who, "unit", "official.unit", 200, false));
        String addressee = text(root, "addressee", "addressee", 200, false);
        String at = text(root, "occurredAt", "occurredAt", 40, false);
        OffsetDateTime occurred;
        try {
            occurred = OffsetDateTime.parse(at);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(
                    "occurredAt",
                    "occurredAt must be an ISO-8601 time with offset, e.g. 2025-06-12T09:00:00+08:00; got '" + at
                            + "'");
        }
        if (occurred.toInstant().isAfter(clock.instant().plusSeconds(600))) {
            throw ApiProblem.badRequest("occurredAt", "occurredAt is in the future: " + at);
        }
        String channelGiven = text(root, "channel", "channel", 20, false);
        String channel = InterventionLog.CHANNELS.get(channelGiven);
        if (channel == null) {
            throw ApiProblem.badRequest(
                    "channel",
                    "channel must be one of 批示, 函文, 口头, 暗示, 其他 (or instruction, letter, oral, hint, other); got '"
                            + channelGiven + "'");
        }
        String content = text(root, "content", "content", 10_000, true);
        InterventionLog.Concerns concerns = concerns(root.path("concerns"));
        List<InterventionLog.NewAttachment> attachments = attachments(root.path("attachments"));
        InterventionLog.Entry e = log.append(
                user.getName(),
                new InterventionLog.Draft(official, addressee, occurred, channel, content, concerns, attachments));
        return ResponseEntity.created(URI.create("/interventions/" + e.position()))
                .body(e);
    }

    public record Page(long total, List<InterventionLog.Entry> entries, Long nextOffset) {}

    @GetMapping("/interventions")
    public Page list(@RequestParam(required = false) String limit, @RequestParam(required = false) String offset) {
        int n = Params.integer("limit", limit, 1, 1000, 100);
        int from = Params.integer("offset", offset, 0, Integer.MAX_VALUE, 0);
        long total = log.count();
        List<InterventionLog.Entry> entries = log.list(n, from);
        return new Page(total, entries, from + entries.size() < total ? (Long) (long) (from + entries.size()) : null);
    }

    @GetMapping("/interventions/verify")
    public HashChain.Verification verify() {
        return log.verify();
    }

    @GetMapping("/interventions/{position}")
    public InterventionLog.Entry one(@PathVariable String position) {
        long p = Params.integer("position", position, 1, Integer.MAX_VALUE, 1);
        return log.get(p).orElseThrow(() -> ApiProblem.notFound("position", "no intervention at position " + p));
    }

    /** The file as recorded, with its SHA-256 in {@code X-Content-SHA256}. */
    @GetMapping("/interventions/{position}/attachments/{seq}")
    public ResponseEntity<byte[]> file(@PathVariable String position, @PathVariable String seq) {
        long p = Params.integer("position", position, 1, Integer.MAX_VALUE, 1);
        int s = Params.integer("seq", seq, 1, MAX_ATTACHMENTS, 1);
        InterventionLog.File f = log.file(p, s)
                .orElseThrow(() -> ApiProblem.notFound("seq", "no attachment " + s + " of intervention " + p));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"attachment-" + p + "-" + s + "\"")
                .header("X-Content-SHA256", f.attachment().sha256())
                .body(f.content());
    }

    /** Chains the observations written since the last run, then checks the whole chain. */
    @GetMapping("/observations/verify")
    public HashChain.Verification verifyObservations() {
        observations.extend();
        return observations.verify();
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiProblem.badRequest("body", "request body is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest(
                    "body", "request body is not valid UTF-8 JSON (each key once): " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiProblem.badRequest("body", "an intervention is a JSON object");
        }
        return root;
    }

    private static String text(JsonNode parent, String field, String name, int max, boolean lineBreaks) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull() || (v.isString() && v.asString().isBlank())) {
            throw ApiProblem.badRequest(name, name + " is required");
        }
        if (!v.isString()) {
            throw ApiProblem.badRequest(name, name + " must be text");
        }
        String problem = Texts.problem(v.asString(), max, lineBreaks);
        if (problem != null) {
            throw ApiProblem.badRequest(name, name + " " + problem);
        }
        return v.asString().trim();
    }

    private InterventionLog.Concerns concerns(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            throw ApiProblem.badRequest(
                    "concerns",
                    "concerns names the data or stations the intervention was about:"
                            + " {sites, stations, observations}, at least one");
        }
        if (!node.isObject()) {
            throw ApiProblem.badRequest("concerns", "concerns is an object {sites, stations, observations}");
        }
        for (String name : node.propertyNames()) {
            if (!Set.of("sites", "stations", "observations").contains(name)) {
                throw ApiProblem.badRequest("concerns." + name, "unknown field; known: sites, stations, observations");
            }
        }
        List<String> sites = ids(node.path("sites"), "concerns.sites", "[A-Za-z0-9._:-]{1,100}");
        for (String s : sites) {
            if (sections.byId(s).isEmpty() && outfalls.entry(s).isEmpty()) {
                throw ApiProblem.badRequest("concerns.sites", "'" + s + "' is no section or outfall");
            }
        }
        List<String> stations = ids(node.path("stations"), "concerns.stations", "[0-9A-Za-z]{1,24}");
        List<String> observed = ids(node.path("observations"), "concerns.observations", "[A-Za-z0-9._:-]{1,100}");
        for (String o : observed) {
            if (store.history(o).isEmpty()) {
                throw ApiProblem.badRequest("concerns.observations", "no observation '" + o + "'");
            }
        }
        if (sites.isEmpty() && stations.isEmpty() && observed.isEmpty()) {
            throw ApiProblem.badRequest("concerns", "concerns names at least one site, station or observation");
        }
        return new InterventionLog.Concerns(sites, stations, observed);
    }

    private static List<String> ids(JsonNode node, String name, String pattern) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_CONCERNED) {
            throw ApiProblem.badRequest(name, name + " is a list of at most " + MAX_CONCERNED + " ids");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : node) {
            if (!v.isString() || !v.asString().matches(pattern)) {
                throw ApiProblem.badRequest(name, name + " holds ids matching " + pattern);
            }
            out.add(v.asString());
        }
        return out;
    }

    private static List<InterventionLog.NewAttachment> attachments(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_ATTACHMENTS) {
            throw ApiProblem.badRequest(
                    "attachments",
                    "attachments is a list of at most " + MAX_ATTACHMENTS + " files {name, mediaType, base64}");
        }
        List<InterventionLog.NewAttachment> out = new ArrayList<>();
        int i = 0;
        for (JsonNode a : node) {
            String at = "attachments[" + i++ + "]";
            if (!a.isObject()) {
                throw ApiProblem.badRequest(at, at + " is an object {name, mediaType, base64}");
            }
            String name = text(a, "name", at + ".name", 200, false);
            String type = text(a, "mediaType", at + ".mediaType", 100, false);
            if (!type.matches("[a-z]+/[A-Za-z0-9.+-]+")) {
                throw ApiProblem.badRequest(at + ".mediaType", "a media type such as image/jpeg or application/pdf");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder()
                        .decode(text(a, "base64", at + ".base64", MAX_ATTACHMENT_BYTES * 4 / 3 + 4, false));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(at + ".base64", "not base64 (RFC 4648): " + e.getMessage());
            }
            if (bytes.length == 0 || bytes.length > MAX_ATTACHMENT_BYTES) {
                throw ApiProblem.badRequest(
                        at + ".base64", "a file of 1 byte to " + MAX_ATTACHMENT_BYTES + " bytes; got " + bytes.length);
            }
            out.add(new InterventionLog.NewAttachment(name, type, bytes));
        }
        return out;
    }
}
