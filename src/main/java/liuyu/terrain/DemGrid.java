package liuyu.terrain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A DEM's heights in memory, row by row from the top, NaN where the DEM has no data. GDAL converts the
 * file (any format it reads) to raw 32-bit floats; Liuyu reads those, never the format itself.
 */
public record DemGrid(DemInfo info, float[] z) {

    public static DemGrid read(DemInfo info) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("liuyu-dem");
            Path raw = dir.resolve("dem.bin");
            Gdal.run(
                    "gdal_translate",
                    "-q",
                    "-of",
                    "ENVI",
                    "-ot",
                    "Float32",
                    "-b",
                    "1",
                    info.file().toString(),
                    raw.toString());
            String header = Files.readString(dir.resolve("dem.hdr"));
            ByteOrder order = header.contains("byte order = 1") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            int n = Math.multiplyExact(info.width(), info.height());
            float[] z = new float[n];
            float nodata = info.nodata() == null ? Float.NaN : info.nodata().floatValue();
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(order);
            try (InputStream in = Files.newInputStream(raw)) {
                int i = 0;
                int read;
                while (i < n
                        && (read = in.readNBytes(
                                        buffer.array(), 0, (int) Math.min(buffer.capacity(), (long) (n - i) * 4)))
                                > 0) {
                    buffer.position(0).limit(read);
                    while (buffer.remaining() >= 4) {
                        float v = buffer.getFloat();
                        z[i++] = v == nodata || !Float.isFinite(v) ? Float.NaN : v;
                    }
                }
                if (i != n) {
                    throw new TerrainException(info.file() + ": GDAL gave " + i + " heights, expected " + n);
                }
            }
            return new DemGrid(info, z);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a leftover temp directory is harmless
                }
            }
        }
    }

    public int width() {
        return info.width();
    }

    public int height() {
        return info.height();
    }

    /** X of the centre of column {@code col}, in the DEM's CRS. */
    public double x(int col) {
        return info.geoTransform()[0] + (col + 0.5) * info.geoTransform()[1];
    }

    /** Y of the centre of row {@code row}, in the DEM's CRS. */
    public double y(int row) {
        return info.geoTransform()[3] + (row + 0.5) * info.geoTransform()[5];
    }
}
