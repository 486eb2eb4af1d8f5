package liuyu.api.outfalls;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liuyu.api.ApiProblem;
import liuyu.api.Params;
import liuyu.atlas.Provenance;
import liuyu.outfalls.LedgerCommands;
import liuyu.outfalls.LedgerQueries;
import liuyu.outfalls.Outfall;
import liuyu.outfalls.OutfallAssessment;
import liuyu.outfalls.OutfallReader;
import liuyu.outfalls.OutfallStore.Entry;
import liuyu.outfalls.OutfallType;
import liuyu.outfalls.State;
import liuyu.outfalls.Transition;
import liuyu.rules.RuleCatalogue;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outfall ledger over HTTP: list and read records (with district, reach, approving authority
 * and compliance flags), their versions and lifecycle; record, edit and move outfalls (role LEDGER,
 * limited to a bureau's districts by roles DISTRICT_<id>).
 * The same records are the OGC API collection {@code outfalls}.
 */
@RestController
public class OutfallsController {
    /** Roles naming the districts a bureau's users keep (authority {@code ROLE_DISTRICT_110118}). */
    static final String DISTRICT_ROLE = "ROLE_DISTRICT_";
    /** A record with its history is small; anything this large is not one. */
    static final int MAX_BODY = 64 * 1024;

    private final LedgerQueries ledger;
    private final LedgerCommands commands;
    private final OutfallReader reader;
    private final JsonMapper json;

    public OutfallsController(LedgerQueries ledger, LedgerCommands commands, RuleCatalogue rules, JsonMapper json) {
        this.ledger = ledger;
        this.commands = commands;
        this.reader = new OutfallReader(rules);
        this.json = json;
    }

    public record Summary(
            String id,
            String nameZh,
            String nameEn,
            String type,
            String state,
            boolean normallyFlowing,
            String district,
            double lon,
            double lat,
            int version,
            String method,
            boolean authoritative) {}

    /** A page of the ledger; {@code next} reads the following page (null on the last). */
    public record Listing(int numberMatched, int numberReturned, String next, List<Summary> outfalls) {}

    /** A record as a reader needs it: the fields, the state with the steps it may take next, and what the rules say. */
    public record Record(
            String id,
            int version,
            String nameZh,
            String nameEn,
            String type,
            String typeZh,
            double lon,
            double lat,
            boolean normallyFlowing,
            Outfall.Details details,
            Provenance provenance,
            String state,
            String stateZh,
            List<String> allowedNext,
            List<Transition> steps,
            OutfallAssessment assessment,
            String editedBy,
            String editedAt,
            Map<String, String> links) {}

    /**
     * A page of a record's history: versions and lifecycle steps, oldest first, each list paged by the same
     * {@code limit} and {@code offset}; {@code next} reads the following page while either list has more (null on the last).
     */
    public record History(
            String id,
            int versionsMatched,
            int stepsMatched,
            int limit,
            long offset,
            String next,
            List<Outfall> versions,
            List<Transition> steps) {}

    /** History pages, as the other record reads (observations, the ledger list). */
    static final int HISTORY_DEFAULT_LIMIT = 1000;

    static final int HISTORY_MAX_LIMIT = 10_000;

    @GetMapping(path = "/outfalls", produces = MediaType.APPLICATION_JSON_VALUE)
    public Listing list(
            @RequestParam(required = false) String district,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset) {
        if (state != null && State.parse(state) == null) {
            throw ApiProblem.badRequest("state", "'" + state + "' is no lifecycle state");
        }
        if (type != null && OutfallType.parse(type) == null) {
            throw ApiProblem.badRequest("type", "'" + type + "' is none of " + OutfallType.codes());
        }
        int max = Params.integer("limit", limit, 1, 10_000, 1000);
        int skip = Params.integer("offset", offset, 0, Integer.MAX_VALUE, 0);
        List<Summary> matched = new ArrayList<>();
        for (Entry e : ledger.entries()) {
            Summary s = summary(e);
            if ((district == null || district.equals(s.district()))
                    && (state == null || state.equals(s.state()))
                    && (type == null || type.equals(s.type()))) {
                matched.add(s);
            }
        }
        List<Summary> page =
                matched.subList(Math.min(skip, matched.size()), (int) Math.min((long) skip + max, matched.size()));
        String next = null;
        if ((long) skip + page.size() < matched.size()) {
            StringBuilder q = new StringBuilder("/outfalls?limit=" + max + "&offset=" + (skip + page.size()));
            String[][] filters = {{"district", district}, {"state", state}, {"type", type}};
            for (String[] f : filters) {
                q.append(f[1] == null ? "" : "&" + f[0] + "=" + URLEncoder.encode(f[1], StandardCharsets.UTF_8));
            }
            next = q.toString();
        }
        return new Listing(matched.size(), page.size(), next, page);
    }

    // ledger records are JSON, not GeoJSON: the outfall as a GeoJSON Feature is /ogc/collections/outfalls/items/{id},
    // so
    // a client asking only for application/geo+json gets 406 rather than JSON labelled as GeoJSON
    @GetMapping(path = "/outfalls/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Record one(@PathVariable String id) {
        return record(ledger.require(id));
    }

    @GetMapping(path = "/outfalls/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    public History history(
            @PathVariable String id,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset) {
        int max = Params.integer("limit", limit, 1, HISTORY_MAX_LIMIT, HISTORY_DEFAULT_LIMIT);
        int skip = Params.integer("offset", offset, 0, Integer.MAX_VALUE, 0);
        List<Transition> steps = ledger.require(id).steps();
        List<Outfall> versions = ledger.versions(id, max, skip);
        int versionsMatched = ledger.latestVersion(id);
        List<Transition> page =
                steps.subList(Math.min(skip, steps.size()), (int) Math.min((long) skip + max, steps.size()));
        String next = (long) skip + max < Math.max(versionsMatched, steps.size())
                ? "/outfalls/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "/history?limit="
                        + max + "&offset=" + ((long) skip + max)
                : null;
        return new History(id, versionsMatched, steps.size(), max, skip, next, versions, page);
    }

    @PostMapping(
            path = "/outfalls",
            consumes = {"application/json", "application/geo+json"})
    public ResponseEntity<Record> create(@RequestBody(required = false) String body, Principal user) {
        OutfallReader.Creation c = reader.creation(parse(body), user.getName());
        mayWrite(user, c.draft());
        Entry e = commands.create(user.getName(), c.draft(), c.reason(), c.evidence(), c.discoveredOn());
        return ResponseEntity.created(URI.create("/outfalls/" + e.outfall().id()))
                .body(record(e));
    }

    @PutMapping(
            path = "/outfalls/{id}",
            consumes = {"application/json", "application/geo+json"})
    public Record edit(@PathVariable String id, @RequestBody(required = false) String body, Principal user) {
        mayWrite(user, ledger.require(id).outfall());
        OutfallReader.Edit edit = reader.edit(parse(body), id, user.getName());
        mayWrite(user, edit.draft());
        return record(commands.edit(user.getName(), id, edit.version(), edit.draft(), edit.reason()));
    }

    @PostMapping(path = "/outfalls/{id}/transitions", consumes = "application/json")
    public ResponseEntity<Record> step(
            @PathVariable String id, @RequestBody(required = false) String body, Principal user) {
        mayWrite(user, ledger.require(id).outfall());
        Entry e = commands.step(user.getName(), id, reader.step(parse(body)));
        return ResponseEntity.created(URI.create("/outfalls/" + id + "/history"))
                .body(record(e));
    }

    /**
     * A district bureau keeps its own district's ledger: a user holding roles {@code DISTRICT_<id>}
     * writes records lying in those districts only (before and after an edit); a user without any
     * such role is not limited by district.
     */
    private void mayWrite(Principal user, Outfall o) {
        if (!(user instanceof Authentication auth)) {
            return;
        }
        List<String> districts = auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(DISTRICT_ROLE))
                .map(a -> a.substring(DISTRICT_ROLE.length()))
                .toList();
        String district = OutfallAssessment.districtOf(ledger.atlas(), o);
        if (!districts.isEmpty() && !districts.contains(district)) {
            throw new ApiProblem(
                    HttpStatus.FORBIDDEN,
                    "district",
                    "user '" + user.getName() + "' keeps the ledger of district(s) " + String.join(", ", districts)
                            + " only; this outfall lies in " + (district == null ? "no district" : district));
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("body", "the request has no body");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY) {
            throw new ApiProblem(
                    HttpStatus.CONTENT_TOO_LARGE, "body", "a ledger write is at most " + MAX_BODY / 1024 + " KiB");
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("body", "not JSON: " + e.getOriginalMessage());
        }
    }

    private Summary summary(Entry e) {
        Outfall o = e.outfall();
        var d = OutfallAssessment.districtOf(ledger.atlas(), o);
        return new Summary(
                o.id(),
                o.nameZh(),
                o.nameEn(),
                o.type().code(),
                e.state().code(),
                o.normallyFlowing(),
                d,
                o.lon(),
                o.lat(),
                o.version(),
                o.provenance().method().code(),
                o.provenance().authoritative());
    }

    private Record record(Entry e) {
        Outfall o = e.outfall();
        State s = e.state();
        return new Record(
                o.id(),
                o.version(),
                o.nameZh(),
                o.nameEn(),
                o.type().code(),
                o.type().nameZh(),
                o.lon(),
                o.lat(),
                o.normallyFlowing(),
                o.details(),
                o.provenance(),
                s.code(),
                s.nameZh(),
                s.next().stream().map(State::code).toList(),
                e.steps(),
                ledger.assess(o),
                o.editedBy(),
                o.editedAt().toString(),
                Map.of(
                        "self",
                        "/outfalls/" + o.id(),
                        "history",
                        "/outfalls/" + o.id() + "/history",
                        "feature",
                        "/ogc/collections/outfalls/items/" + o.id(),
                        "upstream",
                        "/linked-data/outfalls/" + o.id() + "/navigation/UT/outfalls?distance=50",
                        "downstream",
                        "/linked-data/outfalls/" + o.id() + "/navigation/DD/sections?distance=100"));
    }
}
