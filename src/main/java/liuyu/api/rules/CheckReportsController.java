package liuyu.api.rules;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import liuyu.api.ApiProblem;
import liuyu.api.guard.Budget;
import liuyu.records.CheckReportStore;
import liuyu.rules.CheckReport;
import liuyu.rules.Project;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recorded project checks: {@code POST /check-reports} checks like {@code POST /checks} and stores each
 * report with the authenticated planner, all or nothing; {@code GET /check-reports/{id}} reads one back.
 */
@RestController
public class CheckReportsController {
    private final ChecksController checks;
    private final CheckReportStore store;
    private final JsonMapper json;

    public CheckReportsController(ChecksController checks, CheckReportStore store, JsonMapper json) {
        this.checks = checks;
        this.store = store;
        this.json = json;
    }

    public record Recorded(long reportId, String recordedBy, Instant recordedAt, JsonNode project, JsonNode report) {
    }

    @PostMapping("/check-reports")
    public ResponseEntity<List<Recorded>> record(@RequestBody(required = false) String body, Principal user,
                                                 HttpServletRequest request) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("body", "send a GeoJSON Feature or FeatureCollection of projects");
        }
        JsonNode root = ChecksController.parse(json, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<CheckReportStore.Entry> entries = new ArrayList<>();
        List<JsonNode> projects = new ArrayList<>();
        JsonNode features = root.path("type").asString("").equals("FeatureCollection") ? root.path("features") : null;
        int i = 0;
        for (ChecksController.Checked c : checks.checkAll(root, null, null, null, Budget.of(request))) {
            Project p = c.project();
            CheckReport r = c.report();
            JsonNode submitted = features == null ? root : features.get(i++);
            projects.add(submitted);
            entries.add(new CheckReportStore.Entry(p.id(), p.activity(), r.verdict().name(), r.ruleset(), r.atlasVersion(),
                json.writeValueAsString(submitted), json.writeValueAsString(r)));
        }
        List<Recorded> out = new ArrayList<>();
        for (CheckReportStore.Stored s : store.append(user.getName(), entries)) {
            out.add(view(s));
        }
        return ResponseEntity.created(URI.create("/check-reports/" + out.get(0).reportId())).body(out);
    }

    @GetMapping("/check-reports/{id}")
    public Recorded report(@PathVariable String id) {
        long reportId;
        try {
            reportId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("id", "a report id is a number, got '" + id + "'");
        }
        return store.find(reportId).map(this::view)
            .orElseThrow(() -> ApiProblem.notFound("id", "no recorded check report with id " + reportId));
    }

    private Recorded view(CheckReportStore.Stored s) {
        return new Recorded(s.reportId(), s.recordedBy(), s.recordedAt(), json.readTree(s.entry().projectJson()),
            json.readTree(s.entry().reportJson()));
    }
}
