package liuyu.api.rules;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import liuyu.api.ApiProblem;
import liuyu.api.Params;
import liuyu.api.StreamedJson;
import liuyu.api.guard.Budget;
import liuyu.rules.Project;
import liuyu.rules.ProjectChecker;
import liuyu.rules.ProjectChecks;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /checks}: a GeoJSON Feature gives one report; a FeatureCollection a streamed JSON array
 * of reports, one per feature, in order. The whole batch is read and validated before any report is
 * written, so a bad feature refuses the batch instead of cutting the answer short.
 */
@RestController
public class ChecksController {
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final ProjectChecks checks;
    private final JsonMapper json;

    public ChecksController(ProjectChecks checks, JsonMapper json) {
        this.checks = checks;
        this.json = json;
    }

    @PostMapping("/checks")
    public void check(
            HttpServletRequest request,
            HttpServletResponse response,
            @RequestParam(required = false) String buffer,
            @RequestParam(required = false) String downstreamKm,
            @RequestParam(required = false) String asOf)
            throws IOException {
        ProjectChecker.Options options = options(buffer, downstreamKm, asOf);
        JsonNode root = body(request);
        Budget budget = Budget.of(request);
        ProjectChecks.Prepared prepared = checks.prepare(root);
        budget.check();
        StreamedJson.write(json, response, "application/json", out -> {
            if (prepared.batch().single()) {
                out.writePOJO(checks.check(prepared, prepared.batch().projects().get(0), options));
                return;
            }
            out.writeStartArray();
            for (Project p : prepared.batch().projects()) {
                budget.check(); // past the budget the answer is cut off: the client sees a failed transfer
                // (StreamedJson)
                out.writePOJO(checks.check(prepared, p, options));
                out.flush(); // one report at a time: a planner's batch starts arriving at once; a client gone
                // fails the write
            }
            out.writeEndArray();
        });
    }

    static ProjectChecker.Options options(String buffer, String downstreamKm, String asOf) {
        return new ProjectChecker.Options(
                buffer == null ? ProjectChecker.Options.NEAR_METRES : Params.number("buffer", buffer, 0, 10_000),
                downstreamKm == null
                        ? ProjectChecker.Options.DOWNSTREAM_KM
                        : Params.number("downstreamKm", downstreamKm, 0.001, 9999),
                RulesController.asOf(asOf));
    }

    private JsonNode body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new ApiProblem(
                    HttpStatus.CONTENT_TOO_LARGE, "body", "the body is limited to " + MAX_BODY_BYTES + " bytes");
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiProblem(
                    HttpStatus.CONTENT_TOO_LARGE, "body", "the body is limited to " + MAX_BODY_BYTES + " bytes");
        }
        return parse(json, bytes);
    }

    static JsonNode parse(JsonMapper json, byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiProblem.badRequest("body", "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
