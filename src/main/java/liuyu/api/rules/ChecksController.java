package liuyu.api.rules;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import liuyu.api.ApiProblem;
import liuyu.api.Params;
import liuyu.api.guard.Budget;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasStore;
import liuyu.network.NetworkImportException;
import liuyu.network.NetworkService;
import liuyu.network.RiverNetwork;
import liuyu.rules.CheckReport;
import liuyu.rules.InvalidProject;
import liuyu.rules.Project;
import liuyu.rules.ProjectChecker;
import liuyu.rules.ProjectReader;
import liuyu.rules.RuleCatalogue;
import org.locationtech.jts.geom.Envelope;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
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

    private final ProjectChecker checker;
    private final ProjectReader reader;
    private final AtlasStore atlases;
    private final NetworkService networks;
    private final JsonMapper json;

    public ChecksController(ProjectChecker checker, RuleCatalogue rules, AtlasStore atlases, NetworkService networks, JsonMapper json) {
        this.checker = checker;
        this.reader = new ProjectReader(rules);
        this.atlases = atlases;
        this.networks = networks;
        this.json = json;
    }

    /** A project and its report. */
    public record Checked(Project project, CheckReport report) {
    }

    @PostMapping("/checks")
    public void check(HttpServletRequest request, HttpServletResponse response,
                      @RequestParam(required = false) String buffer, @RequestParam(required = false) String downstreamKm,
                      @RequestParam(required = false) String asOf) throws IOException {
        ProjectChecker.Options options = options(buffer, downstreamKm, asOf);
        ProjectReader.Batch batch = read(body(request));
        Budget budget = Budget.of(request);
        budget.check();
        Atlas atlas = atlases.current();
        sane(batch, atlas);
        RiverNetwork river = river();
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        try (JsonGenerator out = json.createGenerator(response.getOutputStream())) {
            if (batch.single()) {
                out.writePOJO(checker.check(atlas, river, batch.projects().get(0), options));
                return;
            }
            out.writeStartArray();
            for (Project p : batch.projects()) {
                budget.check(); // past the budget the answer stops short (the array is not closed): a client sees it failed
                out.writePOJO(checker.check(atlas, river, p, options));
                out.flush(); // one report at a time: a planner's batch starts arriving at once, and a client gone fails the write
            }
            out.writeEndArray();
        }
    }

    /** Checks every project of a body at once (for recording), with the same options and refusals as POST /checks. */
    List<Checked> checkAll(JsonNode root, String buffer, String downstreamKm, String asOf, Budget budget) {
        ProjectChecker.Options options = options(buffer, downstreamKm, asOf);
        ProjectReader.Batch batch = read(root);
        Atlas atlas = atlases.current();
        sane(batch, atlas);
        RiverNetwork river = river();
        List<Checked> out = new ArrayList<>();
        for (Project p : batch.projects()) {
            budget.check();
            out.add(new Checked(p, checker.check(atlas, river, p, options)));
        }
        return out;
    }

    private static ProjectChecker.Options options(String buffer, String downstreamKm, String asOf) {
        return new ProjectChecker.Options(
            buffer == null ? 500 : Params.number("buffer", buffer, 0, 10_000),
            downstreamKm == null ? 50 : Params.number("downstreamKm", downstreamKm, 0.001, 9999),
            RulesController.asOf(asOf));
    }

    private ProjectReader.Batch read(JsonNode root) {
        try {
            return reader.read(root);
        } catch (InvalidProject e) {
            HttpStatus status = switch (e.kind()) {
                case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
                case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
                case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            };
            throw new ApiProblem(status, e.field(), e.getMessage());
        }
    }

    /**
     * Refuses shapes no real project has, which would otherwise be checked as if real (overlap 0): one
     * that crosses the antimeridian or spans half the globe (RFC 7946 splits such shapes at 180°), the
     * whole world, or anything wider or taller than the atlas itself.
     */
    static void sane(ProjectReader.Batch batch, Atlas atlas) {
        Envelope extent = new Envelope();
        atlas.layers().forEach(l -> {
            if (l.extent() != null) {
                extent.expandToInclude(l.extent());
            }
        });
        for (int i = 0; i < batch.projects().size(); i++) {
            Envelope e = batch.projects().get(i).geometry().getEnvelopeInternal();
            String field = batch.single() ? "geometry" : "features[" + i + "].geometry";
            String reason = null;
            if (e.getWidth() >= 360 || e.getHeight() >= 180) {
                reason = "covers the whole world";
            } else if (e.getWidth() > 180) {
                reason = "spans more than 180° of longitude: it crosses the antimeridian or half the globe (split it at ±180°, RFC 7946 3.1.9)";
            } else if (!extent.isNull() && (e.getWidth() > extent.getWidth() || e.getHeight() > extent.getHeight())) {
                reason = String.format(java.util.Locale.ROOT, "is larger than the atlas extent (%.4f° × %.4f° against %.4f° × %.4f°)",
                    e.getWidth(), e.getHeight(), extent.getWidth(), extent.getHeight());
            }
            if (reason != null) {
                throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, field, "the project " + reason + "; no real project does")
                    .with("reason", reason.startsWith("covers") ? "whole-world" : reason.startsWith("spans") ? "antimeridian" : "larger-than-atlas");
            }
        }
    }

    private RiverNetwork river() {
        try {
            return networks.current();
        } catch (NetworkImportException e) {
            return null; // the report says nothing downstream was traced
        }
    }

    private JsonNode body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "body", "the body is limited to " + MAX_BODY_BYTES + " bytes");
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "body", "the body is limited to " + MAX_BODY_BYTES + " bytes");
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
