package liuyu.api.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.geo.GeoJson;
import liuyu.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The OGC API over the bundled demo atlas (gis/): real outlines with many vertices, every layer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("integration")
class OgcDemoAtlasTest {
    @LocalServerPort
    int port;

    @Autowired
    AtlasStore atlases;

    Http http;
    Atlas atlas;

    @BeforeEach
    void client() {
        http = new Http(port);
        atlas = atlases.current();
    }

    private static List<String> ids(JsonNode fc) {
        List<String> out = new ArrayList<>();
        fc.path("features").forEach(f -> out.add(f.path("id").asString()));
        return out;
    }

    @Test
    void levelOneSelectsTheMiyunLevel1ProtectionZone() {
        // "禁止在饮用水水源一级保护区内新建、改建、扩建与供水设施和保护水源无关的建设项目" (miyun-water-ecology-2023/2.3.2.2): the zone clients must find
        JsonNode fc = http.json("/ogc/collections/protection-zones/items?level=1");
        assertThat(ids(fc)).containsExactly("miyun-level-1");
        assertThat(fc.path("features")
                        .get(0)
                        .path("properties")
                        .path("waterSource")
                        .asString())
                .isEqualTo("密云水库");
        assertThat(fc.path("features")
                        .get(0)
                        .path("properties")
                        .path("authoritative")
                        .asBoolean(true))
                .isFalse();
    }

    @Test
    void walkingNextReturnsEveryFeatureOfEveryLayerExactlyOnce() {
        for (Layer layer : atlas.layers()) {
            List<String> seen = new ArrayList<>();
            String url = "/ogc/collections/" + layer.id() + "/items?limit=7";
            while (url != null) {
                JsonNode page = http.json(url);
                seen.addAll(ids(page));
                url = Http.link(page, "next");
            }
            assertThat(seen)
                    .as(layer.id())
                    .containsExactlyElementsOf(
                            layer.features().stream().map(Feature::id).toList());
        }
    }

    @Test
    void bboxAnswersEqualBruteForceOnTheDemoOutlines() {
        Random random = new Random(8);
        int hits = 0;
        for (int i = 0; i < 40; i++) {
            double x = 115.4 + random.nextDouble() * 2.0;
            double y = 39.4 + random.nextDouble() * 1.6;
            double w = 0.01 + random.nextDouble() * 0.4;
            double h = 0.01 + random.nextDouble() * 0.3;
            Geometry box = GeoJson.FACTORY.toGeometry(new org.locationtech.jts.geom.Envelope(x, x + w, y, y + h));
            for (Layer layer : atlas.layers()) {
                List<String> expected = layer.features().stream()
                        .filter(f -> box.intersects(f.geometry()))
                        .map(Feature::id)
                        .toList();
                JsonNode fc = http.json("/ogc/collections/" + layer.id() + "/items?limit=10000&bbox=" + x + "," + y
                        + "," + (x + w) + "," + (y + h));
                assertThat(ids(fc)).as(layer.id()).containsExactlyElementsOf(expected);
                hits += expected.size();
            }
        }
        assertThat(hits).isGreaterThan(40);
    }
}
