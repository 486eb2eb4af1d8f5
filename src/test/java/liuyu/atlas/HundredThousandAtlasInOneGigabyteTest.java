package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 100,000-polygon generated atlas (4 layers × 25,000 cells of 40 vertices, written as GeoJSON files) is loaded
 * from its files in a separate JVM limited to a 1 GB heap, and answers points as the generator's brute force does.
 * Slow (minutes on a shared machine): a candidate for the slow test set.
 */
@Tag("integration")
class HundredThousandAtlasInOneGigabyteTest {
    @TempDir
    Path dir;

    @Test
    void theHundredThousandPolygonAtlasLoadsAndAnswersInAOneGigabyteHeap() throws Exception {
        Atlas generated = GeneratedAtlas.tiled(25_000, 4, 9, 1);
        GeneratedAtlas.write(generated, dir);
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                LoadInOneGigabyte.class.getName(),
                dir.toString()));
        List<String> expected = new ArrayList<>();
        expected.add("zones " + generated.zones().zoneCount());
        for (double[] p : GeneratedAtlas.points(20, 3)) {
            command.add(p[0] + "," + p[1]);
            expected.add(String.join(
                    " ",
                    generated.zones().containingByScan(p[0], p[1]).stream()
                            .map(Feature::id)
                            .toList()));
        }
        generated = null; // the test JVM's copy is not needed any more
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var out = process.inputReader()) {
            out.lines()
                    .filter(l -> !l.contains(" WARN ") && !l.contains(" INFO "))
                    .forEach(lines::add);
        }
        assertThat(process.waitFor(20, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).containsExactlyElementsOf(expected);
        assertThat(expected.get(0)).isEqualTo("zones 100080");
    }
}
