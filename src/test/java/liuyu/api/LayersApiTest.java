package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("integration")
class LayersApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyLayerOfTheDemoAtlasIsListedWithItsProvenance() throws Exception {
        HttpResponse<String> r = get("/layers");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        List<String> ids = new ArrayList<>();
        for (JsonNode layer : body.path("layers")) {
            ids.add(layer.path("id").asString());
            assertThat(layer.path("provenance").path("method").asString()).isIn("derived", "schematic", "synthetic");
            assertThat(layer.path("provenance").path("authoritative").asBoolean(true))
                    .isFalse();
            assertThat(layer.path("featureCount").asInt()).isPositive();
        }
        assertThat(ids)
                .contains(
                        "reservoirs",
                        "districts",
                        "basins",
                        "protection-zones",
                        "shore-bands",
                        "rivers",
                        "sections",
                        "outfalls");
    }

    @Test
    void aLayerIsAnRfc7946FeatureCollectionWhoseFeaturesCarryProvenance() throws Exception {
        HttpResponse<String> r = get("/layers/districts");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        JsonNode fc = JSON.readTree(r.body());
        assertThat(fc.path("type").asString()).isEqualTo("FeatureCollection");
        assertThat(fc.path("features").size()).isEqualTo(16);
        for (JsonNode f : fc.path("features")) {
            assertThat(f.path("properties").path("method").asString()).isEqualTo("derived");
            assertThat(f.path("properties").path("source").asString()).contains("echarts");
            assertThat(f.path("geometry").path("type").asString()).isIn("Polygon", "MultiPolygon");
        }
    }

    @Test
    void outfallsAreLabelledSynthetic() throws Exception {
        HttpResponse<String> r = get("/layers/outfalls");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode fc = JSON.readTree(r.body());
        assertThat(fc.path("features").size())
                .as("the 18 demo outfalls of gis/layers/outfalls.geojson")
                .isEqualTo(18);
        for (JsonNode f : fc.path("features")) {
            assertThat(f.path("properties").path("method").asString()).isEqualTo("synthetic");
            assertThat(f.path("properties").path("nameEn").asString().toLowerCase())
                    .contains("synthetic");
        }
    }
}
