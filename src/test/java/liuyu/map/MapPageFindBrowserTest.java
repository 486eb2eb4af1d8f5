package liuyu.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import liuyu.atlas.AtlasStore;
import liuyu.geo.Gcj02;
import liuyu.testing.Http;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The map page's find, measure and click precedence on the demo atlas, in a real browser: every place it lands
 * on is checked against {@code /locate} asked directly, measured figures against GeographicLib on the intended
 * coordinates. Its own in-memory database.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties =
                "spring.datasource.url=jdbc:h2:mem:map-find;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class MapPageFindBrowserTest {
    @LocalServerPort
    int port;

    @Autowired
    AtlasStore atlases;

    MapPageDriver page;
    Http http;

    @BeforeAll
    void start() throws IOException {
        page = new MapPageDriver(port);
        http = new Http(port);
    }

    @AfterAll
    void stop() {
        page.close();
    }

    @BeforeEach
    void desktop() {
        page.size(1280, 900);
    }

    /** The zone ids /locate gives for a point, as a set. */
    private Set<String> locate(String query) throws Exception {
        Http.Reply r = http.get("/locate?" + query);
        assertThat(r.status()).isEqualTo(200);
        Set<String> ids = new TreeSet<>();
        r.body().path("within").forEach(z -> ids.add(z.path("id").asString()));
        return ids;
    }

    private WebElement answerAfterSearch() {
        page.waitFor("#search-results[data-count]");
        return page.waitFor("#answer[data-zone-ids][data-lon]");
    }

    private static Set<String> ids(WebElement answer) {
        return new TreeSet<>(
                Arrays.asList(answer.getDomAttribute("data-zone-ids").split(" ")));
    }

    @Test
    void aChineseNameLandsOnThePlaceAndAnswersAsLocateDoes() throws Exception {
        page.open("/map/");
        page.search("密云水库", "wgs84");
        WebElement answer = answerAfterSearch();
        WebElement first = page.find("#search-results li[data-i='0']");
        assertThat(first.getDomAttribute("data-layer")).isEqualTo("reservoirs");
        assertThat(first.getDomAttribute("data-id")).isEqualTo("miyun");
        assertThat(first.getDomAttribute("class")).contains("chosen");
        String lon = answer.getDomAttribute("data-lon");
        String lat = answer.getDomAttribute("data-lat");
        assertThat(ids(answer)).contains("miyun").isEqualTo(locate("lon=" + lon + "&lat=" + lat));
        // the map shows the reservoir: its centre lies within the view
        Boolean inView = (Boolean) page.js(
                "return window.liuyu.map.getBounds().contains([arguments[1], arguments[0]]);",
                Double.parseDouble(lon),
                Double.parseDouble(lat));
        assertThat(inView).isTrue();
        page.shot("10-search-chinese-name");
    }

    @Test
    void pinyinInitialsFindTheReservoirAndTheDistrict() throws Exception {
        page.open("/map/");
        page.search("mysk", "wgs84");
        WebElement answer = answerAfterSearch();
        assertThat(page.find("#search-results li[data-i='0']").getDomAttribute("data-id"))
                .isEqualTo("miyun");
        assertThat(ids(answer)).contains("miyun");
        assertThat(page.find("#search-results li[data-i='0']").getText()).contains("miyunshuiku");
        page.search("hd", "wgs84");
        // the list is redrawn when the answer arrives: an element read just before that is stale, so read it again
        new WebDriverWait(page.browser, MapPageDriver.WAIT)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> "110108"
                        .equals(page.find("#search-results li[data-i='0']").getDomAttribute("data-id")));
        page.shot("11-search-pinyin-initials");
    }

    @Test
    void aDmsPositionLandsThereAndAnswersAsLocateDoes() throws Exception {
        page.open("/map/");
        page.search("40°31'12\"N 116°57'E", "wgs84");
        WebElement answer = answerAfterSearch();
        assertThat(page.find("#search-results li[data-i='0']").getDomAttribute("data-kind"))
                .isEqualTo("position");
        assertThat(Double.parseDouble(answer.getDomAttribute("data-lon"))).isEqualTo(116.95);
        assertThat(Double.parseDouble(answer.getDomAttribute("data-lat"))).isEqualTo(40.52);
        assertThat(ids(answer)).contains("miyun-level-1").isEqualTo(locate("lon=116.95&lat=40.52"));
        page.shot("12-search-dms");
    }

    @Test
    void aGcj02PositionFromAmapLandsOnTheSameZonesAsLocateWithCrsGcj02() throws Exception {
        double[] gcj = Gcj02.fromWgs84(116.95, 40.52); // as 高德 shows the point
        String text = String.format(java.util.Locale.ROOT, "%.6f,%.6f", gcj[0], gcj[1]);
        page.open("/map/");
        page.search(text, "gcj02");
        WebElement answer = answerAfterSearch();
        assertThat(Double.parseDouble(answer.getDomAttribute("data-lon"))).isCloseTo(116.95, within(2e-6));
        assertThat(Double.parseDouble(answer.getDomAttribute("data-lat"))).isCloseTo(40.52, within(2e-6));
        assertThat(ids(answer))
                .contains("miyun-level-1")
                .isEqualTo(locate("lon=" + gcj[0] + "&lat=" + gcj[1] + "&crs=GCJ-02"));
        assertThat(page.find("#search-results li[data-i='0']").getText()).contains("GCJ-02");
        page.shot("13-search-gcj02");
    }

    @Test
    void aMeasuredLineAndAreaAreWithinHalfAPercentOfGeographicLib() throws Exception {
        page.open("/map/");
        page.zoomTo(116.45, 39.95, 12);
        double[][] line = {{116.40, 39.92}, {116.45, 39.97}, {116.50, 39.93}};
        page.find("#measure-line").click();
        assertThat(page.find("body").getDomAttribute("data-mode")).isEqualTo("measure");
        for (double[] v : line) {
            page.clickAt(v[0], v[1]);
        }
        WebElement result = page.waitFor("#measure-result[data-vertices='3']");
        double oracle = 0;
        for (int i = 1; i < line.length; i++) {
            oracle += Geodesic.WGS84.Inverse(line[i - 1][1], line[i - 1][0], line[i][1], line[i][0]).s12;
        }
        double shown = Double.parseDouble(result.getDomAttribute("data-length-m"));
        assertThat(shown).isCloseTo(oracle, within(oracle * 0.005));
        assertThat(result.getText()).contains("km");
        assertThat(page.all("#answer[data-zone-ids]"))
                .as("measuring clicks do not ask 'this place'")
                .isEmpty();
        page.shot("14-measure-line");

        double[][] square = {{116.40, 39.90}, {116.44, 39.90}, {116.44, 39.93}, {116.40, 39.93}};
        page.find("#measure-area").click();
        for (double[] v : square) {
            page.clickAt(v[0], v[1]);
        }
        result = page.waitFor("#measure-result[data-vertices='4'][data-area-m2]");
        PolygonArea area = new PolygonArea(Geodesic.WGS84, false);
        for (double[] v : square) {
            area.AddPoint(v[1], v[0]);
        }
        double m2 = Math.abs(area.Compute(false, true).area);
        assertThat(Double.parseDouble(result.getDomAttribute("data-area-m2"))).isCloseTo(m2, within(m2 * 0.005));
        assertThat(result.getText()).contains("km²").contains("亩");
        page.find("#measure-stop").click();
        assertThat(page.find("body").getDomAttribute("data-mode")).isEqualTo("locate");
        page.shot("15-measure-area");
    }

    /**
     * The answer's popup points at the place answered. Choosing a tool closes it, and a click right then on the
     * place's marker (2 px above its centre, inside its 5 px radius, where the popup's tip ends) is a vertex: the
     * fading popup does not take it. Leaflet fades a closed popup out over 200 ms, and until then its tip stopped the
     * click from reaching the map; a planner's quick click after choosing "point" was lost, and no check was made.
     */
    @Test
    void aClickOnTheAnsweredPlaceRightAfterChoosingAToolIsAVertexNotLostToTheClosingPopup() throws Exception {
        page.open("/map/?lon=116.95&lat=40.52");
        page.waitFor("#answer[data-lon]:not([data-loading])");
        page.zoomTo(116.95, 40.52, 12);
        page.waitFor(".leaflet-popup");
        new Select(page.find("#activity")).selectByValue("construction-residential");
        page.clickThenClickAt(page.find("#draw-point"), 116.95, 40.52, 2);
        assertThat(page.waitFor("#report[data-verdict]").getDomAttribute("data-verdict"))
                .isEqualTo("FORBIDDEN");
        assertThat(page.find("body").getDomAttribute("data-mode")).isEqualTo("locate");
    }

    @Test
    void atTheFirstZoomAClickOnTheReservoirSectionAnswersThisPlaceAndListsTheSectionToChoose() throws Exception {
        page.open("/map/");
        double firstZoom = page.zoom();
        assertThat(firstZoom).isLessThanOrEqualTo(9);
        var section = atlases.current()
                .layer("sections")
                .feature("miyun-reservoir")
                .geometry()
                .getCoordinate();
        page.clickAt(section.x, section.y);
        WebElement answer = page.waitFor("#answer[data-zone-ids]");
        assertThat(page.zoom()).isEqualTo(firstZoom);
        assertThat(ids(answer)).as("this place first").contains("miyun").contains("110118");
        assertThat(page.find("#network").getDomAttribute("hidden"))
                .as("no section panel before choosing")
                .isNotNull();
        WebElement listed = page.find("#answer .here-features li[data-layer='sections'][data-id='miyun-reservoir']");
        assertThat(page.all("#catchment-go"))
                .as("the demo atlas has no DEM: no catchment offered")
                .isEmpty();
        page.shot("16-click-first-zoom");
        listed.findElement(org.openqa.selenium.By.tagName("button")).click();
        assertThat(page.waitFor("#network[data-id='miyun-reservoir']").getDomAttribute("data-source"))
                .isEqualTo("sections");
    }

    @Test
    void theLookScaleBarFitToBeijingLabelsAndGroupsWithOpacity() throws Exception {
        page.open("/map/");
        assertThat(page.find(".leaflet-control-scale-line").getText()).containsPattern("\\d+ k?m");
        List<WebElement> placed = page.all(".map-label[data-placed='true']");
        assertThat(placed).extracting(WebElement::getText).contains("密云水库");
        // labels never overlap: those that would are hidden
        @SuppressWarnings("unchecked")
        List<Map<String, Number>> boxes =
                (List<Map<String, Number>>) page.js("return Array.from(document.querySelectorAll("
                        + "'.map-label[data-placed=\"true\"]')).map(e => { const r = e.getBoundingClientRect();"
                        + " return {l: r.left, r: r.right, t: r.top, b: r.bottom}; });");
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                Map<String, Number> a = boxes.get(i);
                Map<String, Number> b = boxes.get(j);
                boolean overlap = a.get("l").doubleValue() < b.get("r").doubleValue()
                        && a.get("r").doubleValue() > b.get("l").doubleValue()
                        && a.get("t").doubleValue() < b.get("b").doubleValue()
                        && a.get("b").doubleValue() > b.get("t").doubleValue();
                assertThat(overlap).as("labels " + i + " and " + j).isFalse();
            }
        }
        assertThat(page.all("#layer-list li.group"))
                .extracting(e -> e.getDomAttribute("data-group"))
                .containsExactly("base", "protection", "water", "monitoring", "outfalls");
        // the demo is made of synthetic layers: they are shown
        assertThat(page.find("#layer-list li[data-layer='outfalls']").getDomAttribute("data-visible"))
                .isEqualTo("true");
        page.js("const r = document.querySelector('input[data-opacity=\"protection\"]'); r.value = 30;"
                + " r.dispatchEvent(new Event('input'));");
        String opacity = page.find("path[data-layer='protection-zones']").getDomAttribute("stroke-opacity");
        assertThat(Double.parseDouble(opacity)).isCloseTo(0.3, within(1e-9));
        page.zoomTo(116.95, 40.52, 14);
        page.find("#fit-beijing").click();
        assertThat(page.zoom()).isLessThanOrEqualTo(9);
        page.shot("17-look");
    }

    @Test
    void atPhoneWidthFindWorksAndTheMapStaysOnTop() throws Exception {
        page.size(390, 844);
        page.open("/map/");
        page.search("mysk", "wgs84");
        WebElement answer = answerAfterSearch();
        assertThat(ids(answer)).contains("miyun");
        Number mapWidth = (Number) page.js("return document.getElementById('map').getBoundingClientRect().width;");
        assertThat(mapWidth.doubleValue()).isGreaterThan(370);
        page.shot("18-phone-find");
    }
}
