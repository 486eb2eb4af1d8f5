package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import liuyu.LiuyuApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;

/** The bundled demo atlas in gis/: loads, is honest about itself, and the index agrees with brute force. */
@Tag("integration")
class DemoAtlasTest {
    private static final Atlas DEMO = new AtlasLoader().load(Path.of("gis"));

    @Test
    void indexedAnswerEqualsBruteForceForThousandsOfRandomPointsOverBeijing() {
        int hits = 0;
        for (double[] p : GeneratedAtlas.points(5000, 99)) {
            var indexed = DEMO.zones().containing(p[0], p[1]);
            assertThat(indexed).containsExactlyElementsOf(DEMO.zones().containingByScan(p[0], p[1]));
            hits += indexed.size();
        }
        assertThat(hits).isGreaterThan(5000);
    }

    @Test
    void nothingInTheDemoAtlasClaimsToBeAuthoritativeOrSurveyed() {
        for (Layer layer : DEMO.layers()) {
            assertThat(layer.info().provenance().authoritative()).as(layer.id()).isFalse();
            assertThat(layer.info().provenance().method()).as(layer.id()).isNotEqualTo(Method.SURVEYED);
            for (Feature f : layer.features()) {
                assertThat(f.provenance().authoritative())
                        .as(layer.id() + "/" + f.id())
                        .isFalse();
                assertThat(f.provenance().method()).isNotEqualTo(Method.SURVEYED);
            }
        }
    }

    @Test
    void theServiceRefusesToStartOnABrokenAtlasNamingFileFeatureAndProblem(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("atlas.yaml"), Files.readString(Path.of("gis/atlas.yaml")));
        Files.createDirectories(dir.resolve("layers"));
        try (var files = Files.list(Path.of("gis/layers"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve("layers").resolve(f.getFileName()));
            }
        }
        Path reservoirs = dir.resolve("layers/reservoirs.geojson");
        Files.writeString(
                reservoirs,
                Files.readString(reservoirs)
                        .replace("\"id\": \"guanting\"", "\"id\": \"miyun\"")
                        .replace("\"id\":\"guanting\"", "\"id\":\"miyun\""));
        assertThatThrownBy(() ->
                        SpringApplication.run(LiuyuApplication.class, "--liuyu.atlas.dir=" + dir, "--server.port=0"))
                .rootCause()
                .isInstanceOf(AtlasLoadException.class)
                .hasMessageContaining("reservoirs.geojson: feature 'miyun': duplicate id");
    }
}
