package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liuyu.atlas.AtlasStore;
import liuyu.testing.Chromium;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The map page as a person gets it: a real headless Chromium (Debian chromium) loads /map/, runs its
 * JavaScript against the running service, and we read the resulting DOM. No browser, no pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("integration")
class MapPageChromiumTest {

    @LocalServerPort
    int port;

    @Autowired
    AtlasStore atlases;

    @TempDir
    Path profile;

    String chromium(String url, String... extra) throws Exception {
        assertThat(Chromium.BINARY)
                .as("Debian package chromium must be installed (.ci/run installs it)")
                .isExecutable();
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Chromium.BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=20000",
                "--window-size=1280,800"));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void theMapPageDrawsEveryLayerAndAnswersWhereAPointIs() throws Exception {
        String dom = chromium("http://127.0.0.1:" + port + "/map/?lon=116.41&lat=39.92", "--dump-dom");
        int layers = atlases.current().layers().size();
        assertThat(dom).contains("data-ready=\"true\"").contains("data-layers-loaded=\"" + layers + "\"");
        assertThat(count(dom, "<li data-layer=")).isEqualTo(layers);
        assertThat(count(dom, "<path class=\"leaflet-interactive\""))
                .as("vector shapes drawn")
                .isGreaterThan(20);
        assertThat(dom).contains("data-layer=\"districts\" data-id=\"110101\"").contains("东城区");
        assertThat(dom).contains("not authoritative");
    }

    @Test
    void theMapPageNeedsNothingFromOutsideTheService() throws Exception {
        String html = Files.readString(Path.of("src/main/resources/static/map/index.html"))
                + Files.readString(Path.of("src/main/resources/static/map/map.js"));
        Matcher m = Pattern.compile("https?://").matcher(html);
        assertThat(m.find())
                .as("no absolute URLs: every asset comes from this service")
                .isFalse();
    }

    @Test
    void aScreenshotOfTheMapCanBeTaken() throws Exception {
        Path shot = profile.resolve("map.png");
        chromium("http://127.0.0.1:" + port + "/map/?lon=116.95&lat=40.52", "--screenshot=" + shot);
        assertThat(Files.size(shot)).isGreaterThan(10_000);
        Files.copy(shot, Path.of("target/map.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
