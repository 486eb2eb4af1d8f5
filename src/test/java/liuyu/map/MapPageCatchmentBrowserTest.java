package liuyu.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import liuyu.terrain.SyntheticDems;
import liuyu.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * "What drains here" from the map, on an atlas (not the demo) whose atlas.yaml names a synthetic tilted-V valley
 * DEM: the channel runs south along x = x0 + 1005 m (EPSG:4548), so the area draining to a channel cell 3005 m
 * below the top is 2 km × 3.01 km = 6.02 km² (the closed form CatchmentApiTest also uses). Its own in-memory database.
 */
@ActiveProfiles("dev") // a test atlas without an identity provider starts only with the development users
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:map-catchment;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "liuyu.quality.demo-observations=false"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class MapPageCatchmentBrowserTest {
    static final double X0 = 499_000;
    static final double Y0 = 4_487_000;
    static final double CHANNEL = X0 + 1005;

    @LocalServerPort
    int port;

    MapPageDriver page;

    @DynamicPropertySource
    static void atlas(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("liuyu-map-catchment");
        SyntheticDems.valley(dir.resolve("valley.tif"), X0, Y0);
        double[] nw = SyntheticDems.lonLat(X0 - 100, Y0 + 100);
        double[] se = SyntheticDems.lonLat(CHANNEL, Y0 - 4100);
        double[] in = SyntheticDems.lonLat(CHANNEL - 300, Y0 - 1000);
        Files.writeString(
                dir.resolve("zones.geojson"), """
            {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "west-half", "properties": {"nameZh": "西半",
             "method": "synthetic", "source": "test", "licence": "CC0-1.0", "accuracy": "exact", "authoritative": false},
             "geometry": {"type": "Polygon", "coordinates": [[[%1$.9f, %2$.9f], [%3$.9f, %2$.9f], [%3$.9f, %4$.9f], [%1$.9f, %4$.9f],
             [%1$.9f, %2$.9f]]]}}]}""".formatted(nw[0], nw[1], se[0], se[1]), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("sections.geojson"), """
            {"type": "FeatureCollection", "features": [
             {"type": "Feature", "id": "s-in", "properties": {"nameZh": "上游", "method": "synthetic", "source": "test",
              "licence": "CC0-1.0", "accuracy": "exact", "authoritative": false},
              "geometry": {"type": "Point", "coordinates": [%.9f, %.9f]}}]}""".formatted(in[0], in[1]), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("atlas.yaml"), """
            atlas: {id: map-catchment, titleEn: Map catchment test atlas, version: test-1}
            dem: {file: valley.tif, method: synthetic, source: "a tilted V valley made by the test", licence: CC0-1.0,
                  accuracy: "exact by construction", authoritative: false}
            layers:
              - {id: zones, file: zones.geojson, geometry: polygon, titleEn: Zones, method: synthetic, source: test,
                 licence: CC0-1.0, accuracy: exact, authoritative: false}
              - {id: sections, file: sections.geojson, geometry: point, titleEn: Sections, method: synthetic, source: test,
                 licence: CC0-1.0, accuracy: exact, authoritative: false}
            """, StandardCharsets.UTF_8);
        registry.add("liuyu.atlas.dir", dir::toString);
    }

    @BeforeAll
    void start() throws IOException {
        page = new MapPageDriver(port);
        page.size(1280, 900);
    }

    @AfterAll
    void stop() {
        page.close();
    }

    @Test
    void theAnswerOffersWhatDrainsHereAndDrawsTheValleyAboveTheChannelPoint() throws Exception {
        page.open("/map/");
        assertThat(page.find("body").getDomAttribute("data-terrain")).isEqualTo("true");
        // outside the demo, synthetic layers are off until ticked
        assertThat(page.find("#layer-list li[data-layer='zones']").getDomAttribute("data-visible"))
                .isEqualTo("false");
        assertThat(page.find("#layer-list li[data-layer='zones'] input").isSelected())
                .isFalse();

        double[] outlet = SyntheticDems.lonLat(CHANNEL + 3, Y0 - 3005);
        page.zoomTo(outlet[0], outlet[1], 17);
        page.clickAt(outlet[0], outlet[1]);
        WebElement answer = page.waitFor("#answer[data-zone-ids]");
        page.find("#catchment-go").click();
        WebElement box = page.waitFor("#catchment[data-area-km2]");
        double shown = Double.parseDouble(box.getDomAttribute("data-area-km2"));
        assertThat(shown).as("closed form 2 km × 3.01 km").isCloseTo(6.02, within(6.02 * 0.01));
        // the same answer as the endpoint asked directly for the place the page answered
        Http.Reply direct = new Http(port)
                .get("/catchment?lon=" + answer.getDomAttribute("data-lon") + "&lat="
                        + answer.getDomAttribute("data-lat"));
        JsonNode p = direct.body().path("properties");
        assertThat(shown).isEqualTo(p.path("areaKm2").asDouble());
        assertThat(box.getDomAttribute("data-zones")).isEqualTo("west-half");
        assertThat(box.getDomAttribute("data-inside")).isEqualTo("s-in");
        assertThat(box.getDomProperty("textContent"))
                .contains("km²")
                .contains("synthetic")
                .contains("non-authoritative DEM");
        assertThat(page.all("#map path.catchment-area")).hasSize(1);
        page.shot("19-catchment");
    }
}
