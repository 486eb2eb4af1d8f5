package liuyu.terrain;

import java.nio.charset.StandardCharsets;
import java.util.List;
import liuyu.imports.ImportException;

/**
 * GDAL's command-line tools (Debian {@code gdal-bin}) read every raster format users bring — GeoTIFF,
 * ERDAS, ASCII grids — in any CRS PROJ knows; Liuyu reads what they write instead of parsing rasters itself.
 * The tools run through the importer's runner; here a failure becomes a TerrainException with GDAL's words.
 */
final class Gdal {
    private Gdal() {}

    /** Runs {@code command}; its standard output, or a TerrainException carrying GDAL's own message. */
    static String run(String... command) {
        liuyu.imports.Gdal.Result r;
        try {
            r = liuyu.imports.Gdal.onPath().run(List.of(command), null);
        } catch (ImportException e) {
            throw new TerrainException(e.getMessage());
        }
        if (r.code() != 0) {
            String why = r.err().strip();
            throw new TerrainException(command[0] + " failed: " + (why.isEmpty() ? "exit code " + r.code() : why));
        }
        return new String(r.out(), StandardCharsets.UTF_8);
    }
}
