package liuyu.terrain;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Writes a GeoTIFF from a closed-form surface: heights sampled at cell centres into a raw ENVI grid,
 * which GDAL's gdal_translate turns into a georeferenced GeoTIFF — the tests' DEMs have known answers.
 */
final class SyntheticDem {
    /** Height at a cell centre given in the DEM's own CRS; NaN for nodata. */
    interface Surface {
        double z(double x, double y);
    }

    private SyntheticDem() {}

    /**
     * A {@code cols × rows} GeoTIFF whose top-left corner is (x0, y0) and whose cells are {@code dx × dy}
     * in the units of {@code epsg}.
     */
    static Path write(Path tif, String epsg, double x0, double y0, double dx, double dy, int cols, int rows, Surface s)
            throws IOException, InterruptedException {
        Path raw = tif.resolveSibling(tif.getFileName() + ".bin");
        ByteBuffer row = ByteBuffer.allocate(cols * 4).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(raw), 1 << 16)) {
            for (int r = 0; r < rows; r++) {
                row.clear();
                double y = y0 - (r + 0.5) * dy;
                for (int c = 0; c < cols; c++) {
                    double z = s.z(x0 + (c + 0.5) * dx, y);
                    row.putFloat(Double.isNaN(z) ? -9999f : (float) z);
                }
                out.write(row.array());
            }
        }
        Files.writeString(
                tif.resolveSibling(tif.getFileName() + ".hdr"),
                String.format(
                        Locale.ROOT,
                        "ENVI\nsamples = %d\nlines = %d\nbands = 1\nheader offset = 0\nfile type = ENVI Standard\ndata type = 4\n"
                                + "interleave = bsq\nbyte order = 0\n",
                        cols,
                        rows),
                StandardCharsets.US_ASCII);
        String ulx = Double.toString(x0);
        String uly = Double.toString(y0);
        String lrx = Double.toString(x0 + cols * dx);
        String lry = Double.toString(y0 - rows * dy);
        Process p = new ProcessBuilder(
                        "gdal_translate",
                        "-q",
                        "-of",
                        "GTiff",
                        "-co",
                        "COMPRESS=DEFLATE",
                        "-a_srs",
                        epsg,
                        "-a_ullr",
                        ulx,
                        uly,
                        lrx,
                        lry,
                        "-a_nodata",
                        "-9999",
                        raw.toString(),
                        tif.toString())
                .inheritIO()
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("gdal_translate failed for " + tif);
        }
        Files.delete(raw);
        Files.delete(tif.resolveSibling(tif.getFileName() + ".hdr"));
        return tif;
    }
}
