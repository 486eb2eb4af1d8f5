package liuyu.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.system.ApplicationHome;

/**
 * Where a command finds its atlas. An {@code --atlas} given is read from the current directory, as any path on a
 * command line; without one, {@code gis} in the current directory, else the {@code gis} beside the jar (the
 * project's own demo atlas when the jar is {@code target/…-exec.jar}), so a command runs from anywhere.
 */
final class AtlasDirs {
    private AtlasDirs() {}

    /** The atlas directory to read, or an error naming every place looked at. */
    static Path resolve(String given) {
        if (given != null) {
            Path dir = Path.of(given).toAbsolutePath().normalize();
            if (!Files.isRegularFile(dir.resolve("atlas.yaml"))) {
                throw new IllegalArgumentException("no atlas.yaml in " + dir + " (--atlas=" + given
                        + " is read from the current directory " + Path.of("").toAbsolutePath() + ")");
            }
            return dir;
        }
        List<Path> tried = candidates();
        for (Path dir : tried) {
            if (Files.isRegularFile(dir.resolve("atlas.yaml"))) {
                return dir;
            }
        }
        throw new IllegalArgumentException("no atlas found (looked in " + tried + "); give --atlas=DIR");
    }

    private static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        out.add(Path.of("gis").toAbsolutePath().normalize());
        Path home = new ApplicationHome(AtlasDirs.class)
                .getDir()
                .toPath()
                .toAbsolutePath()
                .normalize();
        for (Path dir = home; dir != null && out.size() < 4; dir = dir.getParent()) {
            Path gis = dir.resolve("gis");
            if (!out.contains(gis)) {
                out.add(gis);
            }
        }
        return out;
    }
}
