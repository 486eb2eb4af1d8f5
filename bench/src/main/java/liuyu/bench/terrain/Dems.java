package liuyu.bench.terrain;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;

/** Benchmark DEMs: closed-form surfaces at 10 m cells in EPSG:4548, written as GeoTIFF by gdal_translate. */
final class Dems {
    static final double X0 = 490_000;
    static final double Y0 = 4_510_000;

    private Dems() {
    }

    /** A bowl whose 155 m line is a 15 km circle, roughened by metre-high waves (many small islands and coves). */
    static Path bowl(Path dir, int n) throws Exception {
        double cx = X0 + n * 5.0;
        double cy = Y0 - n * 5.0;
        return write(dir.resolve("bowl-" + n + ".tif"), n, (x, y) -> {
            double r = Math.hypot(x - cx, y - cy) / 15_000;
            return 140 + 15 * r * r + Math.sin(x / 300) * Math.cos(y / 400);
        });
    }

    /** Parallel valleys 4 km apart draining south, with small waves on the slopes. */
    static Path valleys(Path dir, int n) throws Exception {
        return write(dir.resolve("valleys-" + n + ".tif"), n, (x, y) ->
            200 + 0.01 * (y - (Y0 - n * 10.0)) + 60 * Math.abs(Math.sin((x - X0) * Math.PI / 4_000))
                + 2 * Math.sin(x / 170) * Math.cos(y / 230));
    }

    private static Path write(Path tif, int n, DoubleBinaryOperator z) throws Exception {
        if (Files.exists(tif)) {
            return tif;
        }
        Path raw = tif.resolveSibling(tif.getFileName() + ".bin");
        ByteBuffer row = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 20)) {
            for (int r = 0; r < n; r++) {
                row.clear();
                for (int c = 0; c < n; c++) {
                    row.putFloat((float) z.applyAsDouble(X0 + (c + 0.5) * 10, Y0 - (r + 0.5) * 10));
                }
                out.write(row.array());
            }
        }
        Files.writeString(tif.resolveSibling(tif.getFileName() + ".hdr"), String.format(Locale.ROOT,
            "ENVI\nsamples = %d\nlines = %d\nbands = 1\nheader offset = 0\nfile type = ENVI Standard\ndata type = 4\n"
                + "interleave = bsq\nbyte order = 0\n", n, n));
        run("gdal_translate", "-q", "-of", "GTiff", "-co", "COMPRESS=DEFLATE", "-co", "BIGTIFF=IF_SAFER", "-a_srs", "EPSG:4548",
            "-a_ullr", Double.toString(X0), Double.toString(Y0), Double.toString(X0 + n * 10.0), Double.toString(Y0 - n * 10.0),
            raw.toString(), tif.toString());
        Files.delete(raw);
        Files.delete(tif.resolveSibling(tif.getFileName() + ".hdr"));
        return tif;
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }
}
