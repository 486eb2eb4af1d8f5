package liuyu.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import liuyu.LiuyuApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Broken network data stops the service at start with the problem per feature, instead of a healthy
 * service answering 503 on every navigation; with skipping on it starts without the feature, saying so.
 */
@Tag("integration")
class NetworkStartTest {
    @TempDir
    Path dir;

    /** the demo atlas with the level path of the artificial path from 清水河 through the reservoir written as a number */
    private Path brokenAtlas() throws IOException {
        return brokenDemoAtlas(dir);
    }

    /** A copy of the demo atlas under {@code dir}/gis. */
    static Path demoAtlasCopy(Path dir) throws IOException {
        Path atlas = dir.resolve("gis");
        try (Stream<Path> files = Files.walk(Path.of("gis"))) {
            for (Path p : files.toList()) {
                Path to = atlas.resolve(Path.of("gis").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return atlas;
    }

    /** A copy of the demo atlas whose 清水河 artificial path has its level path written as a number. */
    static Path brokenDemoAtlas(Path dir) throws IOException {
        Path atlas = demoAtlasCopy(dir);
        Path rivers = atlas.resolve("layers/rivers.geojson");
        String text = Files.readString(rivers);
        int at = text.indexOf("\"id\":\"miyun-path-qingshui\"");
        int stem = text.indexOf("\"mainstem\":\"qingshui\"", at);
        String broken = text.substring(0, stem) + "\"mainstem\":7"
                + text.substring(stem + "\"mainstem\":\"qingshui\"".length());
        assertThat(broken).isNotEqualTo(text);
        Files.writeString(rivers, broken);
        return atlas;
    }

    private String[] args(Path atlas, String... more) {
        String[] base = {
            "--liuyu.atlas.dir=" + atlas, "--server.port=0", "--liuyu.records.dir=" + dir.resolve("records")
        };
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    @Test
    void aNumberWrittenAsTextStopsTheStartNamingTheFeature() throws IOException {
        Path atlas = brokenAtlas();
        assertThatThrownBy(() -> SpringApplication.run(LiuyuApplication.class, args(atlas))
                        .close())
                .rootCause()
                .isInstanceOf(NetworkImportException.class)
                .hasMessageContaining("bad-type: feature 'miyun-path-qingshui': mainstem must be text, got 7");
    }

    @Test
    void withSkippingOnTheServiceStartsWithoutTheFeatureAndSaysSo() throws IOException {
        Path atlas = brokenAtlas();
        try (ConfigurableApplicationContext app =
                SpringApplication.run(LiuyuApplication.class, args(atlas, "--liuyu.network.skip-invalid=true"))) {
            RiverNetwork river = app.getBean(NetworkService.class).current();
            assertThat(river.skipped()).containsExactly("miyun-path-qingshui");
            assertThat(river.network().index("miyun-path-qingshui")).isEqualTo(-1);
            assertThat(river.problems())
                    .anyMatch(p -> p.code().equals("bad-type") && p.message().endsWith("; skipped"));
        }
    }
}
