package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** /locate on the bundled demo atlas: known answers and every kind of bad request. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("integration")
class LocateApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    record Reply(int status, String contentType, JsonNode body) {}

    Reply get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), JSON.readTree(r.body()));
    }

    static boolean hasZone(JsonNode list, String layer, String id) {
        for (JsonNode z : list) {
            if (z.path("layer").asString().equals(layer)
                    && z.path("id").asString().equals(id)) {
                return true;
            }
        }
        return false;
    }

    static JsonNode zone(JsonNode list, String layer) {
        for (JsonNode z : list) {
            if (z.path("layer").asString().equals(layer)) {
                return z;
            }
        }
        return null;
    }

    /** Tiananmen lies 60 km from the nearest provincial boundary: no stray band of inner district edges may reach it. */
    @Test
    void tiananmenIsNotInTheProvincialBoundaryBuffer() throws Exception {
        Reply r = get("/locate?lon=116.3975&lat=39.9087");
        assertThat(r.status()).isEqualTo(200);
        assertThat(hasZone(r.body().path("within"), "districts", "110101")).isTrue();
        assertThat(zone(r.body().path("within"), "provincial-boundary-buffer")).isNull();
    }

    /** 2 km inside Miyun's border with Hebei (distance checked by PostGIS in DerivedLayersTest). */
    @Test
    void aPointTwoKmInsideMiyunsHebeiBorderIsInTheProvincialBoundaryBuffer() throws Exception {
        Reply r = get("/locate?lon=117.0&lat=40.676");
        assertThat(hasZone(r.body().path("within"), "districts", "110118")).isTrue();
        assertThat(hasZone(r.body().path("within"), "provincial-boundary-buffer", "beijing-provincial-boundary-5km"))
                .isTrue();
    }

    /** Shanghai lies 1,000 km outside the demo atlas: the answer says so in both languages instead of an empty list alone. */
    @Test
    void aPointInShanghaiIsAnsweredWithANoteThatItLiesOutsideTheAtlas() throws Exception {
        Reply r = get("/locate?lon=121.47&lat=31.23");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("within").size()).isZero();
        assertThat(r.body().path("notes").toString()).contains("outside every zone of the atlas served");
        assertThat(r.body().path("notesZh").toString()).contains("超出图集覆盖范围");
        assertThat(r.body().path("notes").size())
                .isEqualTo(r.body().path("notesZh").size());
        Reply beijing = get("/locate?lon=116.41&lat=39.92");
        assertThat(beijing.body().path("notes").toString()).doesNotContain("outside every zone");
    }

    @Test
    void aPointInDongchengIsInTheNorthCanalBasinAndDistrictDongcheng() throws Exception {
        Reply r = get("/locate?lon=116.41&lat=39.92");
        assertThat(r.status()).isEqualTo(200);
        JsonNode within = r.body().path("within");
        assertThat(hasZone(within, "districts", "110101")).isTrue();
        assertThat(hasZone(within, "basins", "beiyun")).isTrue();
        assertThat(zone(within, "districts").path("nameZh").asString()).isEqualTo("东城区");
        assertThat(zone(within, "districts").path("distanceToBoundaryM").asDouble())
                .isPositive();
        assertThat(zone(within, "basins").path("provenance").path("method").asString())
                .isEqualTo("schematic");
    }

    @Test
    void aPointOnMiyunReservoirIsInTheLevelOneZoneAndSaysTheLayerIsNotAuthoritative() throws Exception {
        Reply r = get("/locate?lon=116.95&lat=40.52");
        JsonNode within = r.body().path("within");
        assertThat(hasZone(within, "reservoirs", "miyun")).isTrue();
        assertThat(hasZone(within, "protection-zones", "miyun-level-1")).isTrue();
        assertThat(zone(within, "protection-zones")
                        .path("properties")
                        .path("level")
                        .asInt())
                .isEqualTo(1);
        assertThat(r.body().path("notes").get(0).asString())
                .startsWith("Atlas served: Liuyu demo atlas (demo), the bundled DEMO atlas, version 2026-11-24");
        assertThat(r.body().path("notes").get(1).asString())
                .contains("non-authoritative")
                .contains("protection-zones");
        assertThat(r.body().path("notesZh").size())
                .isEqualTo(r.body().path("notes").size());
        assertThat(r.body().path("notesZh").get(1).asString())
                .startsWith("本答复依据非权威图层：")
                .contains("饮用水水源保护区（密云水库，示意）（protection-zones，示意）");
    }

    @Test
    void aPointInTheShoreBandGetsTheBandAndItsPlantingRule() throws Exception {
        // Walk outward from the reservoir until the answer holds a shore band: the band is a ring
        // around the level-1 zone, so some point on this line crosses it.
        JsonNode band = null;
        for (int i = 0; i < 400 && band == null; i++) {
            double lat = 40.52 - i * 0.0005;
            band = zone(get("/locate?lon=116.95&lat=" + lat).body().path("within"), "shore-bands");
        }
        assertThat(band).as("a shore band south of the reservoir").isNotNull();
        assertThat(band.path("properties").path("planting").asString()).isNotBlank();
        assertThat(band.path("properties").path("lowerM").asDouble()).isIn(155.0, 157.5);
        assertThat(band.path("properties").path("citation").asString()).contains("miyun-water-ecology-2023/2.2.2.2a");
    }

    @Test
    void acceptsGcj02InputAndConvertsItToWgs84() throws Exception {
        Reply r = get("/locate?lon=116.41624&lat=39.92131&crs=GCJ-02");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("point").path("lon").asDouble()).isBetween(116.408, 116.412);
        assertThat(r.body().path("input").path("crs").asString()).isEqualTo("GCJ-02");
        assertThat(hasZone(r.body().path("within"), "districts", "110101")).isTrue();
    }

    @Test
    void reportsTheNearestZoneOfOtherLayersWithinFiveKilometres() throws Exception {
        // just outside the level-1 zone the zone itself is reported as nearby with its distance
        Reply r = get("/locate?lon=116.41&lat=39.92");
        assertThat(r.body().path("nearbyWithinM").asDouble()).isEqualTo(5000.0);
        for (JsonNode z : r.body().path("nearby")) {
            assertThat(z.path("distanceM").asDouble()).isBetween(0.0, 5000.0);
            assertThat(hasZone(
                            r.body().path("within"),
                            z.path("layer").asString(),
                            z.path("id").asString()))
                    .isFalse();
        }
        assertThat(hasZone(r.body().path("nearby"), "districts", "110102"))
                .as("西城区 borders 东城区")
                .isTrue();
    }

    @ParameterizedTest(name = "{0} → {1} naming {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/locate?lat=39.9|400|lon",
                "/locate?lon=116.4|400|lat",
                "/locate?lon=abc&lat=39.9|400|lon",
                "/locate?lon=NaN&lat=39.9|400|lon",
                "/locate?lon=116.4&lat=Infinity|400|lat",
                "/locate?lon=181&lat=39.9|400|lon",
                "/locate?lon=116.4&lat=-90.5|400|lat",
                "/locate?lon=116.4&lat=39.9&crs=EPSG:3857|400|crs",
                "/layers/no-such-layer|404|id",
            })
    void badRequestsAreProblemJsonNamingTheParameter(String path, int status, String parameter) throws Exception {
        Reply r = get(path);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("parameter").asString()).isEqualTo(parameter);
        assertThat(r.body().path("detail").asString()).contains(parameter);
    }
}
