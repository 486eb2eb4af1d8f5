package liuyu.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import liuyu.testing.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The map page in the Debian chromium through the Debian chromedriver (never a downloaded one), with real
 * mouse events at the pixel where the map shows a lon/lat, and screenshots under target/map-screenshots/.
 * No browser, no pass: a missing package fails the test, naming it.
 */
final class MapPageDriver implements AutoCloseable {
    static final Path SHOTS = Path.of("target/map-screenshots");
    static final Duration WAIT = Duration.ofSeconds(30);

    final ChromeDriver browser;
    private final int port;
    /** Where the last {@link #clickAt} pressed, in viewport pixels: a failed wait names what lay there. */
    private Map<?, ?> lastClick;

    MapPageDriver(int port) throws IOException {
        this.port = port;
        browser = Chromium.start();
        Files.createDirectories(SHOTS);
    }

    @Override
    public void close() {
        browser.quit();
    }

    void size(int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
    }

    void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
        waitFor("body[data-ready='true']");
    }

    WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    WebElement waitFor(String css) {
        try {
            return new WebDriverWait(browser, WAIT).until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector(css));
                return found.isEmpty() ? null : found.get(0);
            });
        } catch (TimeoutException e) {
            try {
                shot("failed-waiting-for-" + css.replaceAll("[^A-Za-z0-9-]+", "_"));
            } catch (IOException | RuntimeException ignored) {
                // the timeout is the failure to report
            }
            throw new AssertionError("the page never showed " + css + "; " + state(), e);
        }
    }

    /**
     * What a person would look at when the page did not do what was expected: the page's mode and status, the
     * report and answer panels, the element under the last click (an overlay there swallows the click), and the
     * browser's console.
     */
    String state() {
        try {
            Object page = js(
                    "const q = s => document.querySelector(s), text = e => e ? e.textContent.trim().slice(0, 300) : null;"
                            + " const c = arguments[0], under = c ? document.elementFromPoint(c.x, c.y) : null;"
                            + " return JSON.stringify({url: location.href, body: Object.assign({}, document.body.dataset),"
                            + " status: text(q('#status')), report: q('#report') && Object.assign({text: text(q('#report'))}, q('#report').dataset),"
                            + " answer: q('#answer') && Object.assign({}, q('#answer').dataset), lastClick: c,"
                            + " underLastClick: under && (under.tagName + (under.id ? '#' + under.id : '') + ' class=' + under.getAttribute('class'))});",
                    lastClick);
            StringBuilder console = new StringBuilder();
            browser.manage()
                    .logs()
                    .get(LogType.BROWSER)
                    .forEach(entry -> console.append("\n  console ")
                            .append(entry.getLevel())
                            .append(' ')
                            .append(entry.getMessage()));
            return "page: " + page + console;
        } catch (RuntimeException unreadable) {
            return "page state unreadable: " + unreadable.getMessage();
        }
    }

    /** What the browser's console logged at level SEVERE (errors, failed loads) since the last call. */
    List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(entry -> entry.getMessage())
                .toList();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /**
     * The map at this view, checked: Leaflet silently ignores a setView that arrives during a zoom animation (one the
     * page started itself, such as fitting the atlas), so the view is set again until the map shows it.
     */
    void zoomTo(double lon, double lat, int zoom) {
        try {
            new WebDriverWait(browser, WAIT)
                    .until(d -> Boolean.TRUE.equals(js(
                            "const m = window.liuyu.map; m.setView([arguments[1], arguments[0]], arguments[2], {animate: false});"
                                    + " const off = m.latLngToContainerPoint([arguments[1], arguments[0]])"
                                    + ".distanceTo(m.getSize().divideBy(2));"
                                    + " return m.getZoom() === arguments[2] && off < 1;",
                            lon,
                            lat,
                            zoom)));
        } catch (TimeoutException e) {
            throw new AssertionError(
                    "the map never showed " + lon + ", " + lat + " at zoom " + zoom + "; " + state(), e);
        }
    }

    double zoom() {
        return ((Number) js("return window.liuyu.map.getZoom();")).doubleValue();
    }

    /** A real mouse click where the map shows lon/lat. */
    void clickAt(double lon, double lat) {
        Map<?, ?> p = (Map<?, ?>) js(
                "const m = window.liuyu.map, pt = m.latLngToContainerPoint([arguments[1], arguments[0]]),"
                        + " s = m.getSize(), r = m.getContainer().getBoundingClientRect();"
                        + " return {x: pt.x - s.x / 2, y: pt.y - s.y / 2, page: {x: r.left + pt.x, y: r.top + pt.y}};",
                lon,
                lat);
        lastClick = (Map<?, ?>) p.get("page");
        WebElement map = browser.findElement(By.id("map"));
        new Actions(browser)
                .moveToElement(map, (int) Math.round(((Number) p.get("x")).doubleValue()), (int)
                        Math.round(((Number) p.get("y")).doubleValue()))
                .click()
                .perform();
    }

    /**
     * A click on a button and, at once, a real click {@code abovePx} pixels above where the map shows lon/lat: one
     * quick gesture, the pointer's travel taking no time, as a practised hand picks a tool and clicks the map.
     */
    void clickThenClickAt(WebElement button, double lon, double lat, int abovePx) {
        Map<?, ?> p = (Map<?, ?>) js(
                "const m = window.liuyu.map, pt = m.latLngToContainerPoint([arguments[1], arguments[0]]),"
                        + " r = m.getContainer().getBoundingClientRect();"
                        + " return {x: Math.round(r.left + pt.x), y: Math.round(r.top + pt.y) - arguments[2]};",
                lon,
                lat,
                abovePx);
        lastClick = p;
        PointerInput mouse = new PointerInput(PointerInput.Kind.MOUSE, "mouse");
        Sequence gesture = new Sequence(mouse, 0)
                .addAction(mouse.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(button), 0, 0))
                .addAction(mouse.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                .addAction(mouse.createPointerUp(PointerInput.MouseButton.LEFT.asArg()))
                .addAction(mouse.createPointerMove(
                        Duration.ZERO,
                        PointerInput.Origin.viewport(),
                        ((Number) p.get("x")).intValue(),
                        ((Number) p.get("y")).intValue()))
                .addAction(mouse.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                .addAction(mouse.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        browser.perform(List.of(gesture));
    }

    void search(String text, String system) {
        js("document.getElementById('coord-system').value = arguments[0];", system);
        WebElement box = find("#search");
        box.clear();
        box.sendKeys(text);
        box.sendKeys(org.openqa.selenium.Keys.ENTER);
    }

    void shot(String name) throws IOException {
        Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
