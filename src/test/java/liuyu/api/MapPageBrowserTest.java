package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import liuyu.atlas.AtlasStore;
import liuyu.testing.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The map page as a person uses it: Selenium drives the Debian chromium (through the Debian
 * chromedriver, never a downloaded one) against the running service. Each step clicks and draws
 * with real mouse events and saves a screenshot to target/map-screenshots/. No browser, no pass.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties =
                "spring.datasource.url=jdbc:h2:mem:map-page;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class MapPageBrowserTest {
    private static final Path SHOTS = Path.of("target/map-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    AtlasStore atlases;

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

    @BeforeEach
    void desktopWidth() {
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void theMapDrawsEveryOgcCollectionWithALegendAndTogglesAndMarksSchematicAndSyntheticLayers() throws IOException {
        open("/map/");
        int layers = atlases.current().layers().size();
        assertThat(body().getDomAttribute("data-layers-loaded")).isEqualTo(String.valueOf(layers));
        List<WebElement> legend = browser.findElements(By.cssSelector("#layer-list li[data-layer]"));
        assertThat(legend).hasSize(layers);
        assertThat(legend)
                .extracting(li -> li.getDomAttribute("data-method"))
                .contains("derived", "schematic", "synthetic");
        assertThat(paths("path.leaflet-interactive")).as("vector shapes drawn").isGreaterThan(20);
        // synthetic polygons are hatched: their fill refers to a pattern of the page
        assertThat(browser.findElements(By.cssSelector("path[fill^='url(#hatch-']")))
                .isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#patterns pattern"))).isNotEmpty();
        // schematic layers are dashed
        assertThat(browser.findElements(By.cssSelector("path[stroke-dasharray='6 4']")))
                .isNotEmpty();

        int before = paths("path");
        WebElement outfalls = browser.findElement(By.cssSelector("#layer-list li[data-layer='outfalls']"));
        int outfallCount = Integer.parseInt(outfalls.getDomAttribute("data-features"));
        assertThat(outfallCount).isPositive();
        outfalls.findElement(By.tagName("input")).click();
        assertThat(outfalls.getDomAttribute("data-visible")).isEqualTo("false");
        assertThat(paths("path")).as("outfalls hidden").isEqualTo(before - outfallCount);
        outfalls.findElement(By.tagName("input")).click();
        assertThat(paths("path")).as("outfalls shown again").isEqualTo(before);

        Object navigationMs = js(
                "const n = performance.getEntriesByType('navigation')[0]; return Math.round(n.loadEventEnd - n.startTime);");
        System.out.println("map page load (localhost, demo atlas): load event " + navigationMs
                + " ms, every layer drawn " + body().getDomAttribute("data-load-ms") + " ms after navigation start");
        shot("01-layers");
    }

    @Test
    void aClickOnMiyunReservoirShowsTheLevel1ZoneAndTheRulesInForceInChineseAndEnglish() throws IOException {
        open("/map/");
        zoomTo(116.95, 40.52, 11);
        clickAt(116.95, 40.52);
        WebElement answer = waitFor("#answer[data-zone-ids]");
        assertThat(answer.getDomAttribute("data-zone-ids").split(" ")).contains("miyun-level-1", "miyun", "110118");
        WebElement zone =
                answer.findElement(By.cssSelector(".zone[data-layer='protection-zones'][data-id='miyun-level-1']"));
        assertThat(zone.getDomAttribute("data-level")).isEqualTo("1");
        assertThat(zone.getDomProperty("textContent"))
                .contains("密云水库一级保护区")
                .contains("Miyun reservoir level-1 protection zone")
                .contains("schematic");
        assertThat(Integer.parseInt(answer.getDomAttribute("data-rules"))).isPositive();
        WebElement rule = answer.findElement(By.cssSelector(
                ".zone-rules[data-zone='miyun-level-1'] .rule[data-rule='source-level-1-unrelated-projects']"));
        assertThat(rule.getDomProperty("textContent"))
                .contains("一级保护区内禁止新建")
                .contains("No new, rebuilt or extended project")
                .contains("miyun-water-ecology-2023/2.3.2.2");
        assertThat(rule.findElement(By.cssSelector(".verdict")).getDomAttribute("data-verdict"))
                .isEqualTo("FORBIDDEN");
        assertThat(answer.getDomProperty("textContent"))
                .contains("not legal determinations (miyun-work-rules-2023/art17)");
        // the popup names the zones with their provenance
        WebElement popup = waitFor(".leaflet-popup-content .popup");
        assertThat(popup.getDomProperty("textContent"))
                .contains("Miyun Reservoir")
                .contains("not authoritative");
        shot("02-locate-miyun");
    }

    @Test
    void drawingAPolygonOnTheLevel1ZoneAndPickingAnActivityGivesAForbiddenVerdictWithClausesAuthoritiesAndDownstream()
            throws IOException {
        open("/map/");
        new Select(browser.findElement(By.id("activity"))).selectByValue("construction-residential");
        zoomTo(116.95, 40.52, 12);
        browser.findElement(By.id("draw-polygon")).click();
        assertThat(body().getDomAttribute("data-mode")).isEqualTo("draw");
        clickAt(116.94, 40.51);
        clickAt(116.96, 40.51);
        clickAt(116.96, 40.53);
        clickAt(116.94, 40.53);
        assertThat(browser.findElement(By.id("draw-status")).getDomAttribute("data-vertices"))
                .isEqualTo("4");
        browser.findElement(By.id("draw-finish")).click();
        WebElement report = waitFor("#report[data-verdict]");
        assertThat(report.getDomAttribute("data-verdict")).isEqualTo("FORBIDDEN");
        assertThat(report.getDomAttribute("data-shape")).isEqualTo("Polygon");
        WebElement hit = report.findElement(By.cssSelector(".hit[data-rule='source-level-1-unrelated-projects']"));
        assertThat(hit.getDomAttribute("data-verdict")).isEqualTo("FORBIDDEN");
        assertThat(hit.getDomProperty("textContent"))
                .contains("miyun-water-ecology-2023/2.3.2.2")
                .contains("密云水库一级保护区");
        assertThat(report.findElements(By.cssSelector(".authorities li"))).isNotEmpty();
        assertThat(report.findElement(By.cssSelector(".authorities")).getDomProperty("textContent"))
                .contains("密云区水务局")
                .contains("密云水库综合执法大队");
        assertThat(report.findElements(
                        By.cssSelector(".downstream li[data-layer='sections'][data-id='miyun-reservoir']")))
                .hasSize(1);
        assertThat(body().getDomAttribute("data-mode"))
                .as("back to asking where I am")
                .isEqualTo("locate");
        shot("03-check-polygon");

        // water-supply works are what a level-1 zone is for: conditional (with approval), not forbidden
        new Select(browser.findElement(By.id("activity"))).selectByValue("water-supply-facility");
        browser.findElement(By.id("draw-point")).click();
        clickAt(116.95, 40.52);
        new WebDriverWait(browser, WAIT).until(d -> "Point".equals(report.getDomAttribute("data-shape")));
        assertThat(report.getDomAttribute("data-verdict")).isEqualTo("CONDITIONAL");
    }

    @Test
    void aSectionNavigatesUpstreamDrawingReachesAndListingOutfallsByNetworkDistanceWithItsWaterQuality()
            throws IOException {
        open("/map/");
        double[] section = sectionLonLat("miyun-reservoir");
        zoomTo(section[0], section[1], 11);
        choose("sections", "miyun-reservoir", section);
        WebElement network = waitFor("#network[data-id='miyun-reservoir']");
        assertThat(network.getDomAttribute("data-source")).isEqualTo("sections");
        WebElement quality = waitFor("#quality[data-quality-class]");
        // this class's own records database holds the demo observations seeded at start: the reservoir sits at its
        // target class II (gis/layers/sections.geojson) in 2024 and 2025 alike, every value inside the class II band
        assertThat(quality.getDomAttribute("data-quality-class")).isEqualTo("II");
        assertThat(quality.getDomAttribute("data-trend")).isEqualTo("stable");
        assertThat(quality.getDomProperty("textContent")).contains("SYNTHETIC");

        network.findElement(By.cssSelector("button[data-nav='UT']")).click();
        WebElement done = waitFor("#network[data-reaches]");
        int reaches = Integer.parseInt(done.getDomAttribute("data-reaches"));
        assertThat(reaches).isPositive();
        assertThat(paths("path.nav-reach")).as("reaches drawn as lines").isEqualTo(reaches);
        List<WebElement> linked = done.findElements(By.cssSelector(".linked li"));
        assertThat(linked).extracting(li -> li.getDomAttribute("data-layer")).contains("outfalls", "sections");
        List<Double> km = linked.stream()
                .map(li -> Double.parseDouble(li.getDomAttribute("data-km")))
                .toList();
        assertThat(km).as("listed by network distance").isSorted();
        shot("04-navigate-upstream");

        network.findElement(By.cssSelector("button[data-nav='DD']")).click();
        new WebDriverWait(browser, WAIT).until(d -> "DD".equals(done.getDomAttribute("data-mode")));
        // downstream with diversions from the reservoir includes the 京密引水渠 canal
        assertThat(done.getText()).contains("京密引水渠");
        assertThat(paths("path.nav-reach")).isEqualTo(Integer.parseInt(done.getDomAttribute("data-reaches")));
        shot("05-navigate-downstream");
    }

    @Test
    void anOutfallNavigatesDownstreamToTheReservoirSection() throws Exception {
        open("/map/");
        double[] outfall = lonLat("outfalls", "syn-of-02");
        zoomTo(outfall[0], outfall[1], 13);
        choose("outfalls", "syn-of-02", outfall);
        WebElement network = waitFor("#network[data-source='outfalls'][data-id='syn-of-02']");
        assertThat(network.getDomProperty("textContent")).contains("synthetic");
        assertThat(network.findElements(By.id("quality")))
                .as("water quality is for sections")
                .isEmpty();
        WebElement ledger = waitFor("#ledger[data-state]");
        assertThat(ledger.getDomAttribute("data-state"))
                .isEqualTo("monitored"); // the ledger record, seeded from the demo layer
        // Chinese shown (the default language), the English in the page for the switch
        assertThat(ledger.getText()).contains("城镇污水处理厂排污口").contains("审批").doesNotContain("approves");
        assertThat(ledger.getDomProperty("textContent")).contains("approves");
        // each compliance flag names its clauses as the API gives them (document, section, clause id), never
        // "[object Object]"
        tools.jackson.databind.JsonNode flags = new liuyu.testing.Http(port)
                .get("/outfalls/syn-of-02")
                .body()
                .path("assessment")
                .path("flags");
        assertThat(flags.size()).isPositive();
        assertThat(ledger.getDomAttribute("data-flags")).isEqualTo(String.valueOf(flags.size()));
        assertThat(ledger.getDomProperty("textContent")).doesNotContain("[object");
        List<WebElement> shown = ledger.findElements(By.cssSelector(".flags li[data-flag]"));
        assertThat(shown).hasSize(flags.size());
        for (int i = 0; i < flags.size(); i++) {
            tools.jackson.databind.JsonNode clauses = flags.get(i).path("clauses");
            assertThat(clauses.size()).isPositive();
            List<WebElement> cites = shown.get(i).findElements(By.cssSelector(".cite[data-clause]"));
            assertThat(cites).hasSize(clauses.size());
            for (int j = 0; j < clauses.size(); j++) {
                tools.jackson.databind.JsonNode c = clauses.get(j);
                assertThat(cites.get(j).getDomAttribute("data-clause"))
                        .isEqualTo(c.path("clause").asString());
                assertThat(cites.get(j).getText())
                        .isEqualTo(c.path("document").asString() + " "
                                + c.path("section").asString() + " · "
                                + c.path("clause").asString());
            }
        }
        network.findElement(By.cssSelector("button[data-nav='DM']")).click();
        WebElement done = waitFor("#network[data-reaches]");
        assertThat(Integer.parseInt(done.getDomAttribute("data-reaches"))).isPositive();
        assertThat(paths("path.nav-reach")).isEqualTo(Integer.parseInt(done.getDomAttribute("data-reaches")));
        WebElement reservoir =
                done.findElement(By.cssSelector(".linked li[data-layer='sections'][data-id='miyun-reservoir']"));
        assertThat(Double.parseDouble(reservoir.getDomAttribute("data-km"))).isPositive();
        shot("07-outfall-downstream");
    }

    @Test
    void aSelfIntersectingPolygonIsRefusedWithTheServersReason() throws IOException {
        open("/map/");
        zoomTo(116.55, 40.05, 11);
        new Select(browser.findElement(By.id("activity"))).selectByValue("dumping");
        browser.findElement(By.id("draw-polygon")).click();
        clickAt(116.5, 40.0);
        clickAt(116.6, 40.1);
        clickAt(116.6, 40.0);
        clickAt(116.5, 40.1);
        browser.findElement(By.id("draw-finish")).click();
        WebElement report = waitFor("#report[data-error='true']");
        assertThat(report.getDomAttribute("data-verdict")).isNull();
        assertThat(report.findElement(By.cssSelector(".error")).getText())
                .contains("invalid geometry")
                .contains("Self-intersection");
        shot("08-invalid-polygon");
    }

    @Test
    void atPhoneWidthThePanelSitsBelowTheMap() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/map/");
        Map<?, ?> box = (Map<?, ?>)
                js(
                        "const m = document.getElementById('map').getBoundingClientRect(),"
                                + " a = document.getElementById('panel').getBoundingClientRect();"
                                + " return {mapBottom: m.bottom, mapWidth: m.width, panelTop: a.top, panelWidth: a.width, viewport: window.innerWidth};");
        double viewport = ((Number) box.get("viewport")).doubleValue();
        assertThat(((Number) box.get("panelTop")).doubleValue())
                .isGreaterThanOrEqualTo(((Number) box.get("mapBottom")).doubleValue() - 1);
        assertThat(((Number) box.get("mapWidth")).doubleValue()).isGreaterThan(viewport * 0.95);
        assertThat(((Number) box.get("panelWidth")).doubleValue()).isGreaterThan(viewport * 0.95);
        zoomTo(116.95, 40.52, 11);
        clickAt(116.95, 40.52);
        assertThat(waitFor("#answer[data-zone-ids]").getDomAttribute("data-zone-ids"))
                .contains("miyun-level-1");
        shot("06-phone");
    }

    // ------------------------------------------------------------------ helpers

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
        waitFor("body[data-ready='true']");
    }

    private WebElement body() {
        return browser.findElement(By.tagName("body"));
    }

    private WebElement waitFor(String css) {
        try {
            return new WebDriverWait(browser, WAIT).until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                return found.isEmpty() ? null : found.get(0);
            });
        } catch (TimeoutException e) {
            try {
                shot("failed-waiting-for-" + css.replaceAll("[^A-Za-z0-9-]+", "_")); // what the page showed instead
            } catch (IOException | RuntimeException ignored) {
                // the timeout is the failure to report
            }
            throw new AssertionError("the page never showed " + css, e);
        }
    }

    private int paths(String css) {
        return browser.findElements(By.cssSelector("#map " + css)).size();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Centres the map without animation, so the next pixel computed is where the map really is. */
    private void zoomTo(double lon, double lat, int zoom) {
        js("window.liuyu.map.setView([arguments[1], arguments[0]], arguments[2], {animate: false});", lon, lat, zoom);
    }

    private double[] sectionLonLat(String id) {
        return lonLat("sections", id);
    }

    private double[] lonLat(String layer, String id) {
        var f = atlases.current().layer(layer).features().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow();
        var c = f.geometry().getCoordinate();
        return new double[] {c.x, c.y};
    }

    /** A click answers "this place" first; the feature is then chosen from those listed under the click. */
    private void choose(String layer, String id, double[] lonLat) {
        clickAt(lonLat);
        waitFor("#answer .here-features li[data-layer='" + layer + "'][data-id='" + id + "'] button")
                .click();
    }

    private void clickAt(double[] lonLat) {
        clickAt(lonLat[0], lonLat[1]);
    }

    /** A real mouse click where the map shows lon/lat (the page exposes its Leaflet map for this). */
    private void clickAt(double lon, double lat) {
        Map<?, ?> p = (Map<?, ?>) js(
                "const m = window.liuyu.map, pt = m.latLngToContainerPoint([arguments[1], arguments[0]]),"
                        + " s = m.getSize(); return {x: pt.x - s.x / 2, y: pt.y - s.y / 2};",
                lon,
                lat);
        WebElement map = browser.findElement(By.id("map"));
        // Selenium measures offsets from the element's centre
        new Actions(browser)
                .moveToElement(map, (int) Math.round(((Number) p.get("x")).doubleValue()), (int)
                        Math.round(((Number) p.get("y")).doubleValue()))
                .click()
                .perform();
    }

    private void shot(String name) throws IOException {
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
