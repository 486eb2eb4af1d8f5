package liuyu.api.rules;

import static liuyu.api.rules.CheckReportsApiTest.as;
import static liuyu.api.rules.CheckReportsApiTest.feature;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Re-checking a recorded report on today's atlas: when the zones the project lay in have been redrawn away
 * from it, the re-check is a new record linked to the old one that names the changed verdict and hits.
 */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.quality.demo-observations=false"})
@Tag("integration")
class RecheckApiTest {
    @LocalServerPort
    int port;

    @Autowired
    AtlasStore atlases;

    JsonNode post(String path, String body, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r =
                CheckReportsApiTest.HTTP.send(as(user, b).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = CheckReportsApiTest.JSON.readTree(r.body());
        return r.statusCode() == 201
                ? node
                : CheckReportsApiTest.JSON
                        .createObjectNode()
                        .put("status", r.statusCode())
                        .put("parameter", node.path("parameter").asString(""));
    }

    @Test
    void aRecheckAfterTheZonesWereRedrawnNamesTheChangedVerdictAndIsLinkedToTheOldReport() throws Exception {
        String villa = feature(
                "villa", 116.95, 40.52, 0.002, "{\"activity\": \"construction-residential\", \"applicant\": \"甲公司\"}");
        JsonNode first = post("/check-reports", villa, "planner").get(0);
        assertThat(first.path("report").path("verdict").asString()).isEqualTo("FORBIDDEN");
        long id = first.path("reportId").asLong();

        JsonNode same = post("/check-reports/" + id + "/recheck", null, "planner");
        assertThat(same.path("previousReportId").asLong()).isEqualTo(id);
        assertThat(same.path("changes").path("changed").asBoolean()).isFalse();
        assertThat(same.path("changes").path("verdict").path("after").asString())
                .isEqualTo("FORBIDDEN");

        Atlas before = atlases.base();
        try {
            atlases.replace(moved(before, 1.0));
            JsonNode again =
                    post("/check-reports/" + first.path("reportNumber").asString() + "/recheck", null, "monitor");
            assertThat(again.path("previousReportId").asLong()).isEqualTo(id);
            assertThat(again.path("recordedBy").asString()).isEqualTo("monitor");
            assertThat(again.path("applicant").asString()).isEqualTo("甲公司");
            JsonNode changes = again.path("changes");
            assertThat(changes.path("changed").asBoolean()).isTrue();
            assertThat(changes.path("previousReportNumber").asString())
                    .isEqualTo(first.path("reportNumber").asString());
            assertThat(changes.path("verdict").path("before").asString()).isEqualTo("FORBIDDEN");
            assertThat(changes.path("verdict").path("after").asString()).isNotEqualTo("FORBIDDEN");
            assertThat(changes.path("verdict").path("changed").asBoolean()).isTrue();
            List<String> gone = new ArrayList<>();
            for (JsonNode h : changes.path("hits")) {
                if (absent(h.path("after")) && !absent(h.path("layer"))) {
                    gone.add(h.path("rule").asString() + "@" + h.path("zone").asString());
                }
            }
            List<String> expected = new ArrayList<>();
            for (JsonNode h : first.path("report").path("hits")) {
                if (!absent(h.path("layer"))) {
                    expected.add(
                            h.path("rule").asString() + "@" + h.path("zone").asString());
                }
            }
            assertThat(expected).contains("source-level-1-unrelated-projects@miyun-level-1");
            assertThat(gone).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(changes.path("versions").path("atlas").path("changed").asBoolean())
                    .isTrue();

            HttpResponse<String> read = CheckReportsApiTest.HTTP.send(
                    as(
                                    "planner",
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/check-reports/"
                                            + again.path("reportId").asLong())))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(CheckReportsApiTest.JSON.readTree(read.body()).path("changes"))
                    .isEqualTo(changes);
        } finally {
            atlases.replace(before);
        }
        assertThat(post("/check-reports/" + id + "/recheck", null, "viewer")
                        .path("status")
                        .asInt())
                .isEqualTo(403);
        assertThat(post("/check-reports/999999/recheck", null, "planner")
                        .path("status")
                        .asInt())
                .isEqualTo(404);
    }

    /** A member the answer does not give: written as null or left out. */
    static boolean absent(JsonNode member) {
        return member.isMissingNode() || member.isNull();
    }

    /** The atlas with every zone but districts and basins shifted east by {@code degrees}: the zones redrawn elsewhere. */
    static Atlas moved(Atlas atlas, double degrees) {
        List<Layer> layers = new ArrayList<>();
        for (Layer l : atlas.layers()) {
            if (l.info().geometry() != liuyu.atlas.GeometryKind.POLYGON
                    || l.id().equals("districts")
                    || l.id().equals("basins")) {
                layers.add(l);
                continue;
            }
            List<Feature> features = new ArrayList<>();
            for (Feature f : l.features()) {
                Geometry g =
                        AffineTransformation.translationInstance(degrees, 0).transform(f.geometry());
                features.add(new Feature(f.layer(), f.id(), g, f.properties(), f.provenance()));
            }
            layers.add(new Layer(l.info(), features));
        }
        return new Atlas(atlas.id(), atlas.title(), atlas.version() + "-redrawn", layers);
    }
}
