package liuyu.terrain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GDAL's command-line tools (Debian {@code gdal-bin}) read every raster format users bring — GeoTIFF,
 * ERDAS, ASCII grids — in any CRS PROJ knows; Liuyu reads what they write instead of parsing rasters itself.
 */
final class Gdal {
    static final String INSTALL = "GDAL's command-line tools are needed to read a DEM: install them with "
        + "'apt-get install gdal-bin' (Debian/Ubuntu) and make sure gdalinfo is on the PATH";
    private static final long TIMEOUT_MINUTES = 30;

    private Gdal() {
    }

    /** Runs {@code command}; its standard output, or a TerrainException carrying GDAL's own message. */
    static String run(String... command) {
        Path log = null;
        try {
            log = Files.createTempFile("liuyu-gdal", ".log");
            Process p = new ProcessBuilder(List.of(command)).redirectError(log.toFile()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new TerrainException(command[0] + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
            if (p.exitValue() != 0) {
                String why = Files.readString(log, StandardCharsets.UTF_8).strip();
                throw new TerrainException(command[0] + " failed: " + (why.isEmpty() ? "exit code " + p.exitValue() : why));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // ProcessBuilder says "Cannot run program" when the tool is not installed
            throw new TerrainException(command[0] + " could not be run (" + e.getMessage() + "). " + INSTALL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TerrainException(command[0] + " was interrupted");
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a leftover temp log is harmless
                }
            }
        }
    }
}
