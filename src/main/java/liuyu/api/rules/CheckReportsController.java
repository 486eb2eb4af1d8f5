package liuyu.api.rules;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liuyu.api.ApiProblem;
import liuyu.api.Params;
import liuyu.api.guard.Budget;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.reports.Changes;
import liuyu.reports.ReportPdf;
import liuyu.rules.CheckReport;
import liuyu.rules.CheckReportStore;
import liuyu.rules.CheckReportStore.District;
import liuyu.rules.Project;
import liuyu.rules.ProjectChecks;
import liuyu.rules.RuleCatalogue;
import liuyu.rules.Verdict;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Recorded project checks. {@code POST /check-reports} checks like {@code POST /checks} and stores each report
 * with the authenticated user and a report number, all or nothing; {@code GET /check-reports} lists them, filtered
 * and paged; {@code GET /check-reports/{id}} reads one back as JSON or as a printable Chinese PDF;
 * {@code POST /check-reports/{id}/recheck} re-runs one on today's rules and atlas and says what changed.
 */
@RestController
public class CheckReportsController {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int MAX_OFFSET = 1_000_000_000;
    static final int MAX_APPLICANT = 200;
    static final int MAX_FILTER = 200;

    private final ProjectChecks checks;
    private final CheckReportStore store;
    private final AtlasStore atlases;
    private final RuleCatalogue rules;
    private final JsonMapper json;

    public CheckReportsController(
            ProjectChecks checks, CheckReportStore store, AtlasStore atlases, RuleCatalogue rules, JsonMapper json) {
        this.checks = checks;
        this.store = store;
        this.atlases = atlases;
        this.rules = rules;
        this.json = json;
    }

    /** A recorded report; {@code changes} is set on a re-check: what differs from the report it re-ran. */
    public record Recorded(
            long reportId,
            String reportNumber,
            String recordedBy,
            Instant recordedAt,
            String applicant,
            List<District> districts,
            Long previousReportId,
            String href,
            JsonNode project,
            JsonNode report,
            Changes changes) {}

    /** One line of a listing: the record without the project and report bodies. */
    public record Summary(
            long reportId,
            String reportNumber,
            String projectId,
            String activity,
            String verdict,
            String applicant,
            List<District> districts,
            String recordedBy,
            Instant recordedAt,
            String ruleset,
            String atlasVersion,
            Long previousReportId,
            String href) {}

    public record Link(String rel, String href) {}

    public record Listing(
            List<Summary> items,
            long numberMatched,
            int numberReturned,
            int limit,
            long offset,
            Map<String, String> filters,
            List<Link> links) {}

    @PostMapping("/check-reports")
    public ResponseEntity<List<Recorded>> record(
            @RequestBody(required = false) String body,
            @RequestParam(required = false) String asOf,
            Principal user,
            HttpServletRequest request) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("body", "send a GeoJSON Feature or FeatureCollection of projects");
        }
        JsonNode root = ChecksController.parse(json, body.getBytes(StandardCharsets.UTF_8));
        JsonNode features = root.path("type").asString("").equals("FeatureCollection") ? root.path("features") : null;
        List<JsonNode> submitted = new ArrayList<>();
        Budget budget = Budget.of(request);
        List<ProjectChecks.Checked> checked =
                checks.checkAll(root, ChecksController.options(null, null, asOf), budget::check);
        for (int i = 0; i < checked.size(); i++) {
            submitted.add(features == null ? root : features.get(i));
        }
        List<CheckReportStore.Entry> entries = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            String field = (features == null ? "" : "features[" + i + "].") + "properties.applicant";
            entries.add(entry(checked.get(i), submitted.get(i), applicant(submitted.get(i), field), null));
        }
        List<Recorded> out = new ArrayList<>();
        for (CheckReportStore.Stored s : store.append(user.getName(), entries)) {
            out.add(view(s, null));
        }
        return ResponseEntity.created(URI.create("/check-reports/" + out.get(0).reportId()))
                .body(out);
    }

    @GetMapping("/check-reports")
    public Listing list(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String district,
            @RequestParam(required = false) String verdict,
            @RequestParam(required = false) String activity,
            @RequestParam(required = false) String applicant,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset) {
        LocalDate fromDay = from == null ? null : day("from", from);
        LocalDate toDay = to == null ? null : day("to", to);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            throw ApiProblem.badRequest("to", "to (" + to + ") is before from (" + from + ")");
        }
        if (verdict != null) {
            try {
                Verdict.valueOf(verdict);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(
                        "verdict", "verdict is one of ALLOWED, CONDITIONAL, FORBIDDEN, got '" + verdict + "'");
            }
        }
        bounded("district", district);
        bounded("activity", activity);
        bounded("applicant", applicant);
        int pageSize = Params.integer("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        long skip = Params.integer("offset", offset, 0, MAX_OFFSET, 0);
        CheckReportStore.Page page = store.list(
                new CheckReportStore.Filter(fromDay, toDay, district, verdict, activity, applicant), pageSize, skip);
        List<Summary> items = new ArrayList<>();
        for (CheckReportStore.Stored s : page.items()) {
            CheckReportStore.Entry e = s.entry();
            items.add(new Summary(
                    s.reportId(),
                    s.reportNumber(),
                    e.projectId(),
                    e.activity(),
                    e.verdict(),
                    e.applicant(),
                    e.districts(),
                    s.recordedBy(),
                    s.recordedAt(),
                    e.ruleset(),
                    e.atlasVersion(),
                    e.previousReportId(),
                    href(s.reportId())));
        }
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("from", from);
        filters.put("to", to);
        filters.put("district", district);
        filters.put("verdict", verdict);
        filters.put("activity", activity);
        filters.put("applicant", applicant);
        filters.values().removeIf(v -> v == null);
        List<Link> links = new ArrayList<>();
        links.add(new Link("self", page(filters, pageSize, skip)));
        if (skip + items.size() < page.matched()) {
            links.add(new Link("next", page(filters, pageSize, skip + pageSize)));
        }
        if (skip > 0) {
            links.add(new Link("prev", page(filters, pageSize, Math.max(0, skip - pageSize))));
        }
        return new Listing(items, page.matched(), items.size(), pageSize, skip, filters, links);
    }

    /** JSON by default; the printable report with {@code f=pdf} or {@code Accept: application/pdf}. */
    @GetMapping("/check-reports/{id}")
    public ResponseEntity<?> report(
            @PathVariable String id,
            @RequestParam(required = false) String f,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean pdf;
        if (f != null) {
            if (!f.equals("json") && !f.equals("pdf")) {
                throw ApiProblem.badRequest("f", "f is json or pdf, got '" + f + "'");
            }
            pdf = f.equals("pdf");
        } else {
            pdf = accept != null && accept.contains(MediaType.APPLICATION_PDF_VALUE) && !accept.contains("json");
        }
        CheckReportStore.Stored stored = find(id);
        Recorded r = view(stored, previous(stored));
        if (!pdf) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(r);
        }
        byte[] document = new ReportPdf(atlases.current(), rules)
                .render(new ReportPdf.Sheet(
                        r.reportNumber(),
                        r.recordedBy(),
                        r.recordedAt(),
                        r.applicant(),
                        r.districts().stream().map(District::nameZh).toList(),
                        r.changes() == null ? null : r.changes().previousReportNumber(),
                        r.project(),
                        r.report()));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(r.reportNumber() + ".pdf")
                                .build()
                                .toString())
                .body(document);
    }

    /** Re-runs a recorded project on today's rules and atlas; the new report is recorded, linked to the old one. */
    @PostMapping("/check-reports/{id}/recheck")
    public ResponseEntity<Recorded> recheck(@PathVariable String id, Principal user, HttpServletRequest request) {
        CheckReportStore.Stored old = find(id);
        ObjectNode project = (ObjectNode) json.readTree(old.entry().projectJson());
        project.put("id", old.entry().projectId()); // a batch member without an id keeps the id it was recorded under
        Budget budget = Budget.of(request);
        ProjectChecks.Checked checked = checks.checkAll(
                        project, ChecksController.options(null, null, null), budget::check)
                .get(0);
        CheckReportStore.Entry entry = entry(checked, project, old.entry().applicant(), old.reportId());
        CheckReportStore.Stored s = store.append(user.getName(), List.of(entry)).get(0);
        Recorded r = view(s, old);
        return ResponseEntity.created(URI.create(r.href())).body(r);
    }

    private CheckReportStore.Entry entry(ProjectChecks.Checked c, JsonNode submitted, String applicant, Long previous) {
        Project p = c.project();
        CheckReport r = c.report();
        List<District> districts = new ArrayList<>();
        for (Feature f : atlases.current().zones().intersecting(p.geometry(), r.asOf())) {
            if (f.layer().equals(AtlasSchema.DISTRICTS)) {
                districts.add(new District(f.id(), f.nameZh()));
            }
        }
        return new CheckReportStore.Entry(
                p.id(),
                p.activity(),
                r.verdict().name(),
                r.ruleset(),
                r.atlasVersion(),
                json.writeValueAsString(submitted),
                json.writeValueAsString(r),
                applicant,
                districts,
                previous);
    }

    private static String applicant(JsonNode feature, String field) {
        JsonNode a = feature.path("properties").path("applicant");
        if (a.isMissingNode() || a.isNull()) {
            return null;
        }
        if (!a.isString() || a.asString().isBlank() || a.asString().length() > MAX_APPLICANT) {
            throw ApiProblem.badRequest(
                    field,
                    "applicant is the name of the applying unit or person, 1 to " + MAX_APPLICANT + " characters");
        }
        return a.asString().strip();
    }

    private CheckReportStore.Stored find(String id) {
        Long reportId = CheckReportStore.idOfNumber(id).orElse(null);
        if (reportId == null) {
            try {
                reportId = Long.parseLong(id);
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest(
                        "id", "a report id is a number or a report number like LY-2026-000123, got '" + id + "'");
            }
        }
        long wanted = reportId;
        CheckReportStore.Stored s = store.find(wanted).orElse(null);
        // a report number names its year too: LY-2025-000007 does not find the record numbered LY-2026-000007
        if (s == null || (id.startsWith("LY-") && !s.reportNumber().equals(id))) {
            throw ApiProblem.notFound("id", "no recorded check report " + id);
        }
        return s;
    }

    private CheckReportStore.Stored previous(CheckReportStore.Stored s) {
        Long previous = s.entry().previousReportId();
        return previous == null ? null : store.find(previous).orElse(null);
    }

    private Recorded view(CheckReportStore.Stored s, CheckReportStore.Stored previous) {
        JsonNode report = json.readTree(s.entry().reportJson());
        Changes changes = previous == null
                ? null
                : Changes.between(
                        previous.reportId(),
                        previous.reportNumber(),
                        json.readTree(previous.entry().reportJson()),
                        report);
        return new Recorded(
                s.reportId(),
                s.reportNumber(),
                s.recordedBy(),
                s.recordedAt(),
                s.entry().applicant(),
                s.entry().districts(),
                s.entry().previousReportId(),
                href(s.reportId()),
                json.readTree(s.entry().projectJson()),
                report,
                changes);
    }

    private static String href(long reportId) {
        return "/check-reports/" + reportId;
    }

    private static String page(Map<String, String> filters, int limit, long offset) {
        UriComponentsBuilder b =
                ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null);
        filters.forEach(b::queryParam);
        return b.queryParam("limit", limit)
                .queryParam("offset", offset)
                .encode()
                .build()
                .toUriString();
    }

    private static LocalDate day(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblem.badRequest(name, name + " must be an ISO date (YYYY-MM-DD), got '" + value + "'");
        }
    }

    private static void bounded(String name, String value) {
        if (value != null && (value.isBlank() || value.length() > MAX_FILTER)) {
            throw ApiProblem.badRequest(name, name + " must be 1 to " + MAX_FILTER + " characters");
        }
    }
}
