package liuyu.api.rules;

import static liuyu.api.rules.CheckReportsApiTest.feature;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * {@code asOf} over HTTP, on the demo atlas whose protection zones were redrawn on 2025-01-01 (their earlier
 * versions kept 1° further east): /locate, /rules and /checks answer with the zones and rules in force that day
 * and name the versions they used.
 */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.quality.demo-observations=false"})
@Tag("integration")
class AsOfApiTest {
    @LocalServerPort
    int port;

    @Autowired
    AtlasStore atlases;

    JsonNode get(String path) throws Exception {
        return CheckReportsApiTest.JSON.readTree(CheckReportsApiTest.HTTP
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    JsonNode check(String asOf, String body) throws Exception {
        return CheckReportsApiTest.JSON.readTree(CheckReportsApiTest.HTTP
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/checks?asOf=" + asOf))
                                .header("Content-Type", "application/geo+json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    /** The {@code layer} member of each element (not of nested members: rules name layers in their zones too). */
    static List<String> layers(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.path("layer").asString()));
        return out;
    }

    static List<String> zones(JsonNode located, String layer) {
        List<String> out = new ArrayList<>();
        located.path("within").forEach(z -> {
            if (z.path("layer").asString().equals(layer)) {
                out.add(z.path("id").asString());
            }
        });
        return out;
    }

    @Test
    void locateRulesAndChecksAnswerWithTheZonesAndVersionsInForceThatDay() throws Exception {
        Atlas before = atlases.base();
        try {
            atlases.replace(redrawnOn2025(before));
            String content = atlases.current().layer("protection-zones").info().version();

            JsonNode old = get("/locate?lon=116.95&lat=40.52&asOf=2024-06-01");
            assertThat(old.path("asOf").asString()).isEqualTo("2024-06-01");
            assertThat(zones(old, "protection-zones")).isEmpty();
            assertThat(old.path("layerVersions").path("protection-zones").asString())
                    .isEqualTo(content + "/2018-01-01");
            JsonNode now = get("/locate?lon=116.95&lat=40.52&asOf=2025-06-01");
            assertThat(zones(now, "protection-zones")).isNotEmpty().allMatch(id -> !id.endsWith("-2018"));
            assertThat(now.path("layerVersions").path("protection-zones").asString())
                    .isEqualTo(content + "/2025-01-01");
            // the old shapes lie 1° east: there the answer flips the other way
            assertThat(zones(get("/locate?lon=117.95&lat=40.52&asOf=2024-06-01"), "protection-zones"))
                    .isNotEmpty()
                    .allMatch(id -> id.endsWith("-2018"));
            assertThat(zones(get("/locate?lon=117.95&lat=40.52"), "protection-zones"))
                    .isEmpty();

            JsonNode rulesOld = get("/rules?lon=116.95&lat=40.52&asOf=2024-06-01");
            assertThat(layers(rulesOld.path("zones"))).isNotEmpty().doesNotContain("protection-zones");
            assertThat(rulesOld.path("ruleset").asString()).startsWith("liuyu-protection-rules@");
            assertThat(layers(get("/rules?lon=116.95&lat=40.52&asOf=2025-06-01").path("zones")))
                    .contains("protection-zones");

            String villa = feature("villa", 116.95, 40.52, 0.002, "{\"activity\": \"construction-residential\"}");
            JsonNode checkedOld = check("2024-06-01", villa);
            JsonNode checkedNew = check("2025-06-01", villa);
            assertThat(checkedOld.path("asOf").asString()).isEqualTo("2024-06-01");
            assertThat(layers(checkedOld.path("hits"))).doesNotContain("protection-zones");
            assertThat(layers(checkedNew.path("hits"))).contains("protection-zones");
            assertThat(checkedNew.path("verdict").asString()).isEqualTo("FORBIDDEN");
            assertThat(checkedNew.path("layerVersions").path("protection-zones").asString())
                    .isEqualTo(content + "/2025-01-01");
        } finally {
            atlases.replace(before);
        }
    }

    @Test
    void rulesAsOfListsOnlyTheRulesInForceThatDayAndABadDayIsRefused() throws Exception {
        // every demo rule has a validFrom; 2010-01-01 precedes them all
        assertThat(get("/rules?asOf=2010-01-01").size()).isZero();
        JsonNode inForce = get("/rules?asOf=2026-06-01");
        assertThat(inForce.size()).isPositive();
        inForce.forEach(r -> {
            assertThat(r.path("validFrom").asString()).isLessThanOrEqualTo("2026-06-01");
            assertThat(r.path("validTo").isMissingNode()
                            || r.path("validTo").isNull()
                            || r.path("validTo").asString().compareTo("2026-06-01") >= 0)
                    .isTrue();
        });
        for (String path : new String[] {
            "/rules?asOf=2024-02-30",
            "/locate?lon=116.4&lat=39.9&asOf=yesterday",
            "/rules?lon=116.4&lat=39.9&asOf=3000-01-01"
        }) {
            JsonNode problem = get(path);
            assertThat(problem.path("status").asInt()).as(path).isEqualTo(400);
            assertThat(problem.path("parameter").asString()).as(path).isEqualTo("asOf");
        }
        assertThat(check("2024-13-01", feature("x", 116.4, 39.9, 0.001, "{\"activity\": \"dumping\"}"))
                        .path("parameter")
                        .asString())
                .isEqualTo("asOf");
    }

    /** The atlas whose protection zones took their present shape on 2025-01-01, replacing versions drawn 1° east. */
    static Atlas redrawnOn2025(Atlas atlas) {
        List<Layer> layers = new ArrayList<>();
        for (Layer l : atlas.layers()) {
            if (!l.id().equals("protection-zones")) {
                layers.add(l);
                continue;
            }
            List<Feature> features = new ArrayList<>();
            for (Feature f : l.features()) {
                Map<String, Object> old = new LinkedHashMap<>(f.properties());
                old.put("validFrom", "2018-01-01");
                old.put("validTo", "2024-12-31");
                old.put("replacedBy", f.id());
                features.add(new Feature(
                        f.layer(),
                        f.id() + "-2018",
                        AffineTransformation.translationInstance(1.0, 0).transform(f.geometry()),
                        old,
                        f.provenance()));
                Map<String, Object> current = new LinkedHashMap<>(f.properties());
                current.put("validFrom", "2025-01-01");
                features.add(new Feature(f.layer(), f.id(), f.geometry(), current, f.provenance()));
            }
            layers.add(new Layer(l.info(), features));
        }
        return new Atlas(atlas.id(), atlas.title(), atlas.version() + "-dated", layers);
    }
}
