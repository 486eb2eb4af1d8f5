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
            throw new AssertionError("the page never showed " + css, e);
        }
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    void zoomTo(double lon, double lat, int zoom) {
        js("window.liuyu.map.setView([arguments[1], arguments[0]], arguments[2], {animate: false});", lon, lat, zoom);
    }

    double zoom() {
        return ((Number) js("return window.liuyu.map.getZoom();")).doubleValue();
    }

    /** A real mouse click where the map shows lon/lat. */
    void clickAt(double lon, double lat) {
        Map<?, ?> p = (Map<?, ?>) js(
                "const m = window.liuyu.map, pt = m.latLngToContainerPoint([arguments[1], arguments[0]]),"
                        + " s = m.getSize(); return {x: pt.x - s.x / 2, y: pt.y - s.y / 2};",
                lon,
                lat);
        WebElement map = browser.findElement(By.id("map"));
        new Actions(browser)
                .moveToElement(map, (int) Math.round(((Number) p.get("x")).doubleValue()), (int)
                        Math.round(((Number) p.get("y")).doubleValue()))
                .click()
                .perform();
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
