package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import liuyu.testing.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's own atlas (written here, not the demo): no synthetic record is seeded anywhere, the map and
 * every answer name this atlas, and each feature is drawn by its own provenance. The dev profile gives
 * the development users, which a non-demo atlas without an identity provider needs to start at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class MapPageOwnAtlasBrowserTest {
    private static final Path SHOTS = Path.of("target/map-screenshots");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SURVEYED =
            "\"method\": \"surveyed\", \"source\": \"Riverside survey 2025\", \"licence\": \"CC-BY-4.0\","
                    + " \"accuracy\": \"0.5 m\", \"authoritative\": true";
    private static final String SCHEMATIC =
            "\"method\": \"schematic\", \"source\": \"sketch\", \"licence\": \"CC0-1.0\","
                    + " \"accuracy\": \"kilometres\", \"authoritative\": false";
    private static final String SYNTHETIC =
            "\"method\": \"synthetic\", \"source\": \"training example\", \"licence\": \"CC0-1.0\","
                    + " \"accuracy\": \"invented\", \"authoritative\": false";
    static final Path ATLAS = ownAtlas();

    @DynamicPropertySource
    static void atlas(DynamicPropertyRegistry registry) {
        registry.add("liuyu.atlas.dir", ATLAS::toString);
    }

    /** Zones of a schematic layer, one feature surveyed; outfalls, one labelled synthetic by the user; one section. */
    static Path ownAtlas() {
        try {
            Path dir = Files.createTempDirectory("own-atlas");
            Files.writeString(dir.resolve("atlas.yaml"), """
                atlas:
                  id: riverside
                  titleEn: Riverside survey atlas
                  version: "7"
                layers:
                  - {id: districts, file: districts.geojson, geometry: polygon, titleEn: District, titleZh: 区, method: surveyed,
                     source: Riverside survey 2025, licence: CC-BY-4.0, accuracy: 0.5 m, authoritative: true}
                  - {id: zones, file: zones.geojson, geometry: polygon, titleEn: Zones, titleZh: 区, method: schematic,
                     source: sketch, licence: CC0-1.0, accuracy: kilometres, authoritative: false}
                  - {id: outfalls, file: outfalls.geojson, geometry: point, titleEn: Outfalls, titleZh: 排污口, method: surveyed,
                     source: Riverside survey 2025, licence: CC-BY-4.0, accuracy: 0.5 m, authoritative: true}
                  - {id: sections, file: sections.geojson, geometry: point, titleEn: Sections, titleZh: 断面, method: surveyed,
                     source: Riverside survey 2025, licence: CC-BY-4.0, accuracy: 0.5 m, authoritative: true}
                """);
            Files.writeString(dir.resolve("districts.geojson"), """
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "id": "110105", "geometry": {"type": "Polygon", "coordinates": [[[116.20, 39.70], [116.70, 39.70], [116.70, 40.00], [116.20, 40.00], [116.20, 39.70]]]},
                  "properties": {"nameZh": "河滨区", "nameEn": "Riverside district", %s}}]}
                """.formatted(SURVEYED));
            Files.writeString(dir.resolve("zones.geojson"), """
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "id": "zone-schematic", "geometry": {"type": "Polygon", "coordinates": [[[116.30, 39.80], [116.40, 39.80], [116.40, 39.90], [116.30, 39.90], [116.30, 39.80]]]},
                  "properties": {"nameZh": "示意区", "nameEn": "Sketched zone", %s}},
                 {"type": "Feature", "id": "zone-surveyed", "geometry": {"type": "Polygon", "coordinates": [[[116.50, 39.80], [116.60, 39.80], [116.60, 39.90], [116.50, 39.90], [116.50, 39.80]]]},
                  "properties": {"nameZh": "实测区", "nameEn": "Surveyed zone", %s}}]}
                """.formatted(SCHEMATIC, SURVEYED));
            Files.writeString(dir.resolve("outfalls.geojson"), """
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "id": "rs-of-1", "geometry": {"type": "Point", "coordinates": [116.45, 39.85]},
                  "properties": {"nameZh": "河滨污水处理厂排口", "nameEn": "Riverside WWTP outfall", "type": "urban-wwtp", "normallyFlowing": true, %s}},
                 {"type": "Feature", "id": "rs-of-example", "geometry": {"type": "Point", "coordinates": [116.46, 39.86]},
                  "properties": {"nameZh": "培训示例排口", "nameEn": "Training example", "type": "rainwater", "normallyFlowing": true, %s}}]}
                """.formatted(SURVEYED, SYNTHETIC));
            Files.writeString(dir.resolve("sections.geojson"), """
                {"type": "FeatureCollection", "features": [
                 {"type": "Feature", "id": "rs-1", "geometry": {"type": "Point", "coordinates": [116.47, 39.84]},
                  "properties": {"nameZh": "河滨断面", "nameEn": "Riverside section", "type": "national", "waterbody": "river",
                   "targetClass": "III", "district": "110105", %s}}]}
                """.formatted(SURVEYED));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate db;

    ChromeDriver browser;

    @BeforeAll
    void startBrowser() throws IOException {
        browser = Chromium.start();
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void noSyntheticRecordIsSeededAnywhereAndTheLedgerKeepsTheUsersOwnProvenance() throws Exception {
        assertThat(db.queryForObject("SELECT count(*) FROM observation", Integer.class))
                .as("observations")
                .isZero();
        assertThat(db.queryForObject("SELECT count(*) FROM outfall WHERE method = 'synthetic'", Integer.class))
                .isZero();
        assertThat(db.queryForObject(
                        "SELECT count(*) FROM outfall_event WHERE reason LIKE '%SYNTHETIC%'", Integer.class))
                .isZero();

        JsonNode ledger = get("/outfalls");
        assertThat(ledger.path("numberMatched").asInt()).isEqualTo(1);
        assertThat(ledger.toString())
                .contains("rs-of-1")
                .doesNotContain("rs-of-example")
                .doesNotContain("syn-of-");
        JsonNode record = get("/outfalls/rs-of-1");
        assertThat(record.toString())
                .contains("\"surveyed\"")
                .contains("Riverside survey 2025")
                .doesNotContain("SYNTHETIC");

        JsonNode collections = get("/ogc/collections?f=json").path("collections");
        assertThat(collections.size()).isEqualTo(4);
        for (JsonNode c : collections) {
            JsonNode items = get("/ogc/collections/" + c.path("id").asString() + "/items?limit=1000&f=json");
            for (JsonNode f : items.path("features")) {
                assertThat(f.path("properties").path("method").asString())
                        .as(c.path("id") + " " + f.path("id"))
                        .isNotEqualTo("synthetic");
            }
        }
    }

    @Test
    void layersAndAnswersNameTheUsersAtlasNotTheDemo() throws Exception {
        JsonNode layers = get("/layers");
        assertThat(layers.path("atlas").asString()).isEqualTo("riverside");
        assertThat(layers.path("demo").asBoolean()).isFalse();
        assertThat(layers.path("atlasLabel").asString()).isEqualTo("Riverside survey atlas (riverside)");
        JsonNode notes = get("/locate?lon=116.55&lat=39.85").path("notes");
        assertThat(notes.get(0).asString()).startsWith("Atlas served: Riverside survey atlas (riverside), version 7");
        assertThat(notes.toString()).doesNotContain("DEMO").doesNotContain("demo");
    }

    @Test
    void theBannerNamesTheUsersAtlasAndASurveyedFeatureInASchematicLayerIsDrawnSolid() throws IOException {
        browser.get("http://127.0.0.1:" + port + "/map/");
        waitFor("body[data-ready='true']");
        WebElement body = browser.findElement(By.tagName("body"));
        assertThat(body.getDomAttribute("data-demo")).isEqualTo("false");
        assertThat(body.getDomAttribute("data-atlas")).isEqualTo("riverside");
        String banner = browser.findElement(By.id("honesty")).getText();
        assertThat(banner)
                .contains("Riverside survey atlas (riverside)")
                .doesNotContain("Demo")
                .doesNotContain("演示");

        WebElement surveyed = waitFor("path[data-feature='zone-surveyed']");
        assertThat(surveyed.getDomAttribute("data-method")).isEqualTo("surveyed");
        assertThat(surveyed.getDomAttribute("stroke-dasharray")).as("solid").isNull();
        WebElement schematic = waitFor("path[data-feature='zone-schematic']");
        assertThat(schematic.getDomAttribute("data-method")).isEqualTo("schematic");
        assertThat(schematic.getDomAttribute("stroke-dasharray")).isEqualTo("6 4");
        List<WebElement> outfalls = browser.findElements(By.cssSelector("path[data-layer='outfalls']"));
        assertThat(outfalls).hasSize(1);
        assertThat(outfalls.get(0).getDomAttribute("stroke-dasharray")).isNull();
        Files.copy(
                browser.getScreenshotAs(OutputType.FILE).toPath(),
                SHOTS.resolve("own-atlas.png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private WebElement waitFor(String css) {
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                return found.isEmpty() ? null : found.get(0);
            });
        } catch (TimeoutException e) {
            throw new AssertionError("the page never showed " + css, e);
        }
    }
}
