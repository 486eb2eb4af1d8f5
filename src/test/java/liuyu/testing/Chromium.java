package liuyu.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** The Debian Chromium the browser tests drive: headless, 1280 × 900, nothing downloaded. */
public final class Chromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /** A new headless browser; fails (never skips) when the Debian packages are missing. */
    public static ChromeDriver start() {
        assertThat(BINARY)
                .as("Debian package chromium must be installed at " + BINARY + " (.ci/run installs it)")
                .isExecutable();
        assertThat(DRIVER)
                .as("Debian package chromium-driver must be installed at " + DRIVER + " (.ci/run installs it)")
                .isExecutable();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,900");
        // the console is kept, so that a failed browser test can print what the page logged
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // an explicit driver executable: Selenium Manager never runs, so nothing is downloaded
        return new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
    }
}
