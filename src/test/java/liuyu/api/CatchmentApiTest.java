package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import liuyu.terrain.SyntheticDems;
import liuyu.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /catchment} on an atlas whose atlas.yaml names a synthetic tilted-V valley DEM (channel along
 * x = 500 005 in EPSG:4548), with a zone covering the valley's western half and two sections.
 */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.quality.demo-observations=false"})
@Tag("integration")
class CatchmentApiTest {
    static final double X0 = 499_000;
    static final double Y0 = 4_487_000;
    static final double CHANNEL = X0 + 1005;

    @LocalServerPort
    int port;

    Http http;

    @DynamicPropertySource
    static void atlas(DynamicPropertyRegistry registry) throws Exception {
        Path dir = valleyAtlas(true);
        registry.add("liuyu.atlas.dir", dir::toString);
    }

    /**
     * A temp atlas over the valley: {@code valley.tif}, a zone covering its western half and two sections; atlas.yaml
     * names the DEM when {@code demInManifest}.
     */
    static Path valleyAtlas(boolean demInManifest) throws Exception {
        Path dir = Files.createTempDirectory("liuyu-catchment-atlas");
        SyntheticDems.valley(dir.resolve("valley.tif"), X0, Y0);
        double[] nw = SyntheticDems.lonLat(X0 - 100, Y0 + 100);
        double[] se = SyntheticDems.lonLat(CHANNEL, Y0 - 4100);
        double[] in = SyntheticDems.lonLat(CHANNEL - 300, Y0 - 1000);
        double[] out = SyntheticDems.lonLat(CHANNEL, Y0 - 3900);
        write(dir.resolve("zones.geojson"), """
            {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "west-half", "properties": {"nameZh": "西半",
             "method": "synthetic", "source": "test", "licence": "CC0-1.0", "accuracy": "exact", "authoritative": false},
             "geometry": {"type": "Polygon", "coordinates": [[[%1$.9f, %2$.9f], [%3$.9f, %2$.9f], [%3$.9f, %4$.9f], [%1$.9f, %4$.9f],
             [%1$.9f, %2$.9f]]]}}]}""".formatted(nw[0], nw[1], se[0], se[1]));
        write(dir.resolve("sections.geojson"), """
            {"type": "FeatureCollection", "features": [
             {"type": "Feature", "id": "s-in", "properties": {"nameZh": "上游", "method": "synthetic", "source": "test",
              "licence": "CC0-1.0", "accuracy": "exact", "authoritative": false},
              "geometry": {"type": "Point", "coordinates": [%.9f, %.9f]}},
             {"type": "Feature", "id": "s-out", "properties": {"nameZh": "下游", "method": "synthetic", "source": "test",
              "licence": "CC0-1.0", "accuracy": "exact", "authoritative": false},
              "geometry": {"type": "Point", "coordinates": [%.9f, %.9f]}}]}""".formatted(in[0], in[1], out[0], out[1]));
        write(dir.resolve("atlas.yaml"), """
            atlas: {id: catchment-test, titleEn: Catchment test atlas, version: test-1}
            %s
            layers:
              - {id: zones, file: zones.geojson, geometry: polygon, titleEn: Zones, method: synthetic, source: test,
                 licence: CC0-1.0, accuracy: exact, authoritative: false}
              - {id: sections, file: sections.geojson, geometry: point, titleEn: Sections, method: synthetic, source: test,
                 licence: CC0-1.0, accuracy: exact, authoritative: false}
            """.formatted(demInManifest ? """
            dem: {file: valley.tif, method: synthetic, source: "a tilted V valley made by the test", licence: CC0-1.0,
                  accuracy: "exact by construction", authoritative: false}""" : ""));
        return dir;
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    static String at(double x, double y) {
        double[] p = SyntheticDems.lonLat(x, y);
        return String.format(Locale.ROOT, "lon=%.9f&lat=%.9f", p[0], p[1]);
    }

    @Test
    void aPointOnTheChannelAnswersTheValleyAboveItWithItsZoneOverlapAndTheSectionsInside() throws Exception {
        Http.Reply r = http.get("/catchment?" + at(CHANNEL + 3, Y0 - 3005));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/geo+json");
        JsonNode p = r.body().path("properties");
        // 2 km wide, 301 rows of 10 m above and including the outlet's row
        assertThat(p.path("areaKm2").asDouble()).isCloseTo(6.02, within(1e-6));
        assertThat(r.body().path("geometry").path("type").asString()).isEqualTo("Polygon");
        assertThat(p.path("outlet").path("onStream").asBoolean()).isTrue();
        JsonNode zone = p.path("zones").get(0);
        assertThat(zone.path("id").asString()).isEqualTo("west-half");
        // the zone ends at the channel's centre line: it holds the western 100.5 of the 200 columns
        assertThat(zone.path("shareOfCatchment").asDouble()).isCloseTo(100.5 / 200, within(0.002));
        assertThat(p.path("inside")).hasSize(1);
        assertThat(p.path("inside").get(0).path("id").asString()).isEqualTo("s-in");
        assertThat(p.path("dem").path("provenance").path("method").asString()).isEqualTo("synthetic");
        assertThat(p.path("dem").path("description").asString())
                .contains("valley.tif (200 × 400 cells of 10.0 m, EPSG:4548");
        assertThat(p.path("notes").get(0).asString()).contains("non-authoritative DEM");
    }

    @Test
    void aPointOutsideTheDemIs422AndBadParametersAre400NamingThem() throws Exception {
        Http.Reply outside = http.get("/catchment?" + at(X0 - 1000, Y0));
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.body().path("detail").asString()).contains("outside the DEM");
        Http.Reply nan = http.get("/catchment?lon=NaN&lat=40.5");
        assertThat(nan.status()).isEqualTo(400);
        assertThat(nan.body().path("parameter").asString()).isEqualTo("lon");
        Http.Reply snap = http.get("/catchment?" + at(CHANNEL, Y0 - 100) + "&snapM=5000");
        assertThat(snap.status()).isEqualTo(400);
        assertThat(snap.body().path("parameter").asString()).isEqualTo("snapM");
        Http.Reply stream = http.get("/catchment?" + at(CHANNEL, Y0 - 100) + "&streamKm2=0");
        assertThat(stream.status()).isEqualTo(400);
        assertThat(stream.body().path("parameter").asString()).isEqualTo("streamKm2");
    }
}
