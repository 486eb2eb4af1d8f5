package liuyu.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Point;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The base map on the demo atlas in a real browser: districts, reservoirs and rivers drawn from the service's own
 * vector tiles (requested from {@code /ogc/collections/{id}/tiles}, nothing from elsewhere), painted where the atlas
 * has them, and named in Chinese with the names the atlas holds, no two placed labels overlapping; and the language
 * switch: Chinese by default, every UI string in English after the switch (remembered over a reload), answers in
 * the chosen language as {@code /locate} gives them.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties =
                "spring.datasource.url=jdbc:h2:mem:map-base-language;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("integration")
class MapPageBaseAndLanguageBrowserTest {
    /** BASE_STYLE.reservoirs.fill in map.js: #b9d8ee. */
    static final List<Long> RESERVOIR_FILL = List.of(0xb9L, 0xd8L, 0xeeL);

    @LocalServerPort
    int port;

    @Autowired
    AtlasStore atlases;

    MapPageDriver page;

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
    void baseMapTilesComeFromTheServiceAndAreDrawnWithChineseLabels() throws Exception {
        page.open("/map/");
        page.waitFor("body[data-base-loaded='true']");
        assertThat(page.find("body").getDomAttribute("data-base-layers")).isEqualTo("districts reservoirs rivers");
        // a page that loads cleanly logs no error: no failed request (the icon included), no script error
        assertThat(page.consoleErrors()).isEmpty();
        page.shot("30-base-map-beijing");
        String base = page.find("body").getDomAttribute("data-base-ms");
        String layers = page.find("body").getDomAttribute("data-load-ms");
        System.out.println("map first render (demo atlas, localhost, headless Chromium): base map drawn " + base
                + " ms, every layer drawn " + layers + " ms after navigation start; load average "
                + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());

        // every resource the page fetched came from the service itself; the tiles of all three base layers among them
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fetched = (List<Map<String, Object>>)
                page.js(
                        "return performance.getEntriesByType('resource').map(e => ({name: e.name, status: e.responseStatus}));");
        assertThat(fetched)
                .allSatisfy(e -> assertThat((String) e.get("name")).startsWith("http://127.0.0.1:" + port + "/"));
        for (String layer : List.of("districts", "reservoirs", "rivers")) {
            List<Map<String, Object>> tiles = fetched.stream()
                    .filter(e ->
                            ((String) e.get("name")).contains("/ogc/collections/" + layer + "/tiles/WebMercatorQuad/"))
                    .toList();
            assertThat(tiles).as(layer + " tiles").isNotEmpty();
            assertThat(tiles)
                    .extracting(e -> ((Number) e.get("status")).intValue())
                    .allMatch(s -> s == 200 || s == 204);
        }
        int drawn = ((Number) page.js("return Array.from(document.querySelectorAll('.base-map canvas.vector-tile'))"
                        + ".reduce((n, c) => n + Number(c.dataset.features || 0), 0);"))
                .intValue();
        assertThat(drawn).isPositive();
        assertThat(page.all(".base-map canvas[data-error]")).isEmpty();

        // Miyun reservoir's interior (JTS's interior point, not the page's) is painted in the base's reservoir colour
        Feature miyun = atlases.current().layer("reservoirs").features().stream()
                .filter(f -> "密云水库".equals(f.nameZh()))
                .findFirst()
                .orElseThrow();
        Point inside = miyun.geometry().getInteriorPoint();
        page.zoomTo(inside.getX(), inside.getY(), 11);
        page.waitFor("body[data-base-loaded='true']");
        assertThat(basePixel(inside.getX(), inside.getY())).isEqualTo(RESERVOIR_FILL);

        // labels: names the atlas holds, 密云水库 among those placed, no two placed ones overlapping
        page.js("window.liuyu.map.setView([40.2, 116.6], 9, {animate: false});");
        page.waitFor("body[data-base-loaded='true']");
        page.waitFor(".map-label[data-source='tiles'][data-placed='true']");
        Set<String> names = new HashSet<>();
        for (String layer : List.of("districts", "reservoirs", "rivers")) {
            atlases.current().layer(layer).features().forEach(f -> names.add(f.nameZh()));
        }
        List<WebElement> placed = page.all(".map-label[data-source='tiles'][data-placed='true']");
        assertThat(placed)
                .extracting(e -> e.getDomProperty("textContent"))
                .allMatch(names::contains)
                .contains("密云水库");
        assertThat(placed).extracting(e -> e.getDomAttribute("data-layer")).contains("districts", "reservoirs");
        Number overlaps = (Number) page.js("const r = Array.from(document.querySelectorAll("
                + "'.map-label[data-placed=\"true\"]')).map(e => e.getBoundingClientRect()); let n = 0;"
                + " for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++)"
                + " if (r[i].left < r[j].right && r[i].right > r[j].left && r[i].top < r[j].bottom && r[i].bottom > r[j].top) n++;"
                + " return n;");
        assertThat(overlaps.intValue()).isZero();
        page.shot("31-base-map-labels");
    }

    /**
     * River names follow their rivers: every character of a placed name lies on the river as the atlas holds it
     * (its JTS geometry projected by the map, not the tiles the page drew from), one character after the next, and
     * no character touches another placed label.
     */
    @Test
    @SuppressWarnings("unchecked")
    void riverNamesAreWrittenAlongTheirRiversClearOfOtherLabels() throws Exception {
        page.open("/map/");
        page.js("window.liuyu.map.setView([40.25, 116.7], 10, {animate: false});");
        page.waitFor("body[data-base-loaded='true']");
        page.waitFor(".line-label[data-layer='rivers'][data-placed='true']");
        List<Map<String, Object>> labels = (List<Map<String, Object>>) page.js("return window.liuyu.lineLabels();");
        assertThat(labels).isNotEmpty();
        Map<String, Feature> rivers = new java.util.HashMap<>();
        atlases.current().layer("rivers").features().forEach(f -> rivers.put(f.id(), f));
        for (Map<String, Object> label : labels) {
            Feature river = rivers.get((String) label.get("feature"));
            assertThat(river).as("river " + label.get("feature")).isNotNull();
            String name = (String) label.get("name");
            assertThat(name).isEqualTo(river.nameZh());
            List<Map<String, Number>> chars = (List<Map<String, Number>>) label.get("chars");
            assertThat(chars).hasSize(name.codePointCount(0, name.length()));
            // the river's lines in the map's pixels, piece by piece
            List<List<List<Number>>> pieces = new java.util.ArrayList<>();
            for (int g = 0; g < river.geometry().getNumGeometries(); g++) {
                List<List<Number>> piece = new java.util.ArrayList<>();
                for (org.locationtech.jts.geom.Coordinate c :
                        river.geometry().getGeometryN(g).getCoordinates()) {
                    piece.add(List.of(c.x, c.y));
                }
                pieces.add((List<List<Number>>) page.js(
                        "return arguments[0].map(c => { const p = window.liuyu.map.latLngToContainerPoint([c[1], c[0]]);"
                                + " return [p.x, p.y]; });",
                        piece));
            }
            for (int i = 0; i < chars.size(); i++) {
                double x = chars.get(i).get("x").doubleValue();
                double y = chars.get(i).get("y").doubleValue();
                assertThat(pixelsToLines(x, y, pieces))
                        .as(name + " character " + i + " on its river")
                        .isLessThan(3.0);
                if (i > 0) {
                    double gap = Math.hypot(
                            x - chars.get(i - 1).get("x").doubleValue(),
                            y - chars.get(i - 1).get("y").doubleValue());
                    assertThat(gap)
                            .as(name + " characters " + (i - 1) + "–" + i)
                            .isBetween(9.0, 13.5);
                }
            }
        }
        // no character over another placed label, nor over a character of another river's name
        Number clashes = (Number) page.js("const frame = window.liuyu.map.getContainer().getBoundingClientRect();"
                + " const boxes = window.liuyu.lineLabels().flatMap((l, n) => l.chars.map(c => ({n: n,"
                + " left: frame.left + c.x - 6.5, right: frame.left + c.x + 6.5, top: frame.top + c.y - 6.5,"
                + " bottom: frame.top + c.y + 6.5})));"
                + " const others = Array.from(document.querySelectorAll('.map-label[data-placed=\"true\"]'))"
                + ".map(e => e.getBoundingClientRect());"
                + " const hit = (a, b) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;"
                + " let n = 0; for (const b of boxes) { n += others.filter(o => hit(b, o)).length;"
                + " n += boxes.filter(o => o.n !== b.n && hit(b, o)).length; } return n;");
        assertThat(clashes.intValue()).isZero();
        page.shot("32-river-names-along-rivers");
    }

    /** Distance in pixels from (x, y) to the nearest segment of the pieces. */
    private static double pixelsToLines(double x, double y, List<List<List<Number>>> pieces) {
        double best = Double.MAX_VALUE;
        for (List<List<Number>> piece : pieces) {
            for (int i = 1; i < piece.size(); i++) {
                double ax = piece.get(i - 1).get(0).doubleValue(),
                        ay = piece.get(i - 1).get(1).doubleValue();
                double bx = piece.get(i).get(0).doubleValue(),
                        by = piece.get(i).get(1).doubleValue();
                double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
                double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
                best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
            }
        }
        return best;
    }

    @Test
    void contentSecurityPolicyNamesNoThirdPartyHostUnlessConfigured() throws Exception {
        var r = new Http(port).response("/map/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("img-src 'self' data: blob:;");
        // left out of the answer (or null): no third-party tiles
        assertThat(new Http(port).json("/map/config").path("xyzTiles").isObject())
                .isFalse();
    }

    @Test
    void theEnglishSwitchTurnsEveryUiStringAndTheAnswersIntoEnglishAndIsRemembered() throws Exception {
        page.open("/map/");
        page.js("localStorage.removeItem('liuyu.lang'); location.reload();");
        page.waitFor("body[data-ready='true'][data-lang='zh']");
        assertThat(page.find("html").getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(page.find("#search-go").getText()).isEqualTo("查找");
        assertThat(page.find("#lang-switch").getText()).isEqualTo("English");
        assertThat(page.find("#panel").getText()).doesNotContain("Find", "Layers", "This place", "Log in");

        page.find("#lang-switch").click();
        page.waitFor("body[data-lang='en']");
        assertThat(page.find("html").getDomAttribute("lang")).isEqualTo("en");
        assertThat(page.find("#search-go").getText()).isEqualTo("Find");
        assertThat(page.find("#lang-switch").getText()).isEqualTo("中文");
        assertThat(page.find("#search").getDomProperty("placeholder")).isEqualTo("name, pinyin, coordinates");
        assertThat(page.find("#login-user").getDomAttribute("aria-label")).isEqualTo("user");
        // no Chinese left in the panel's visible text: buttons, headings, legend, activities, hints
        assertThat(page.find("#panel").getText())
                .doesNotContainPattern("\\p{IsHan}")
                .contains("Layers", "This place", "Log in");
        page.shot("32-english-ui");

        // an answer in English, as /locate gives it
        var located = new Http(port).json("/locate?lon=116.95&lat=40.52");
        String zh = null;
        String en = null;
        for (var z : located.path("within")) {
            if (z.path("id").asString().equals("miyun-level-1")) {
                zh = z.path("nameZh").asString();
                en = z.path("nameEn").asString();
            }
        }
        assertThat(zh).isNotBlank();
        assertThat(en).isNotBlank();
        page.zoomTo(116.95, 40.52, 11);
        page.clickAt(116.95, 40.52);
        WebElement zone = page.waitFor("#answer .zone[data-id='miyun-level-1']");
        assertThat(zone.getText()).contains(en).doesNotContain(zh).contains("schematic");
        assertThat(page.find("#answer h2").getText()).isEqualTo("This place");
        page.shot("33-english-answer");

        // remembered over a reload; switched back, the same answer in Chinese
        page.open("/map/");
        assertThat(page.find("body").getDomAttribute("data-lang")).isEqualTo("en");
        assertThat(page.find("#search-go").getText()).isEqualTo("Find");
        page.find("#lang-switch").click();
        page.waitFor("body[data-lang='zh']");
        page.zoomTo(116.95, 40.52, 11);
        page.clickAt(116.95, 40.52);
        zone = page.waitFor("#answer .zone[data-id='miyun-level-1']");
        assertThat(zone.getText()).contains(zh).doesNotContain(en).contains("示意");
        assertThat(page.js("return localStorage.getItem('liuyu.lang');")).isEqualTo("zh");
        page.shot("34-chinese-answer");
    }

    /** The base map canvas's RGB at the screen pixel showing lon/lat. */
    @SuppressWarnings("unchecked")
    private List<Long> basePixel(double lon, double lat) {
        return (List<Long>) page.js(
                "const pt = window.liuyu.map.latLngToContainerPoint([arguments[1], arguments[0]]);"
                        + " const box = document.getElementById('map').getBoundingClientRect();"
                        + " const x = box.left + pt.x, y = box.top + pt.y;"
                        + " for (const c of document.querySelectorAll('.base-map canvas.vector-tile')) {"
                        + "   const r = c.getBoundingClientRect();"
                        + "   if (x >= r.left && x < r.right && y >= r.top && y < r.bottom) {"
                        + "     const k = c.width / r.width;"
                        + "     const d = c.getContext('2d').getImageData(Math.floor((x - r.left) * k), Math.floor((y - r.top) * k), 1, 1).data;"
                        + "     return [d[0], d[1], d[2]]; } }"
                        + " return null;",
                lon,
                lat);
    }
}
