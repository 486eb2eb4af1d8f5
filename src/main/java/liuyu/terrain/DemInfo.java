package liuyu.terrain;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What GDAL says about a DEM: its grid, georeferencing, CRS (as a PROJ string, so Proj4J can transform
 * without an EPSG database) and nodata value.
 *
 * @param geoTransform GDAL's affine transform: x0, pixel width, row rotation, y0, column rotation, pixel height
 */
public record DemInfo(
        Path file,
        int width,
        int height,
        double[] geoTransform,
        String crsName,
        String proj4,
        boolean geographic,
        Double nodata,
        String verticalDatum) {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern EPSG_ID = Pattern.compile("ID\\[\"EPSG\",(\\d+)]]\\s*$");

    /** Reads the DEM's metadata with {@code gdalinfo -json}; refuses rotated grids and files without a CRS. */
    public static DemInfo read(Path file) {
        JsonNode info = JSON.readTree(Gdal.run("gdalinfo", "-json", file.toString()));
        JsonNode size = info.path("size");
        JsonNode gt = info.path("geoTransform");
        if (!gt.isArray() || gt.size() != 6) {
            throw new TerrainException(file + ": the DEM has no georeferencing (no geotransform)");
        }
        double[] t = new double[6];
        for (int i = 0; i < 6; i++) {
            t[i] = gt.get(i).asDouble();
        }
        if (t[2] != 0 || t[4] != 0) {
            throw new TerrainException(file + ": rotated grids are not supported; warp the DEM first (gdalwarp)");
        }
        String wkt = info.path("coordinateSystem").path("wkt").asString("");
        if (wkt.isBlank()) {
            throw new TerrainException(
                    file + ": the DEM declares no CRS; assign one with gdal_translate -a_srs EPSG:…");
        }
        String proj4 = Gdal.run("gdalsrsinfo", "-o", "proj4", file.toString()).strip();
        JsonNode band = info.path("bands").path(0);
        Double nodata = band.has("noDataValue") && band.get("noDataValue").isNumber()
                ? band.get("noDataValue").asDouble()
                : null;
        return new DemInfo(
                file,
                size.get(0).asInt(),
                size.get(1).asInt(),
                t,
                crsName(wkt),
                proj4,
                proj4.contains("+proj=longlat"),
                nodata,
                verticalDatum(wkt));
    }

    /** Cell width in the CRS's units (degrees or metres). */
    public double cellWidth() {
        return geoTransform[1];
    }

    /** Cell height in the CRS's units, positive. */
    public double cellHeight() {
        return Math.abs(geoTransform[5]);
    }

    /** The larger side of a cell in metres (degrees converted at the DEM's centre latitude). */
    public double cellSizeM() {
        if (!geographic) {
            return Math.max(cellWidth(), cellHeight());
        }
        double lat = geoTransform[3] + geoTransform[5] * height / 2.0;
        return Math.max(cellWidth() * 111_320 * Math.cos(Math.toRadians(lat)), cellHeight() * 110_574);
    }

    /** How the derived layers name their source: file, grid, CRS and height datum. */
    public String description() {
        return String.format(
                Locale.ROOT,
                "DEM %s (%d × %d cells of %.1f m, %s; heights: %s)",
                file.getFileName(),
                width,
                height,
                cellSizeM(),
                crsName,
                verticalDatum);
    }

    private static String crsName(String wkt) {
        // the CRS's own name is the first quoted string of its WKT; the EPSG code, when there is one, its last ID
        int q = wkt.indexOf('"');
        String name = q < 0 ? "unnamed CRS" : wkt.substring(q + 1, wkt.indexOf('"', q + 1));
        Matcher id = EPSG_ID.matcher(wkt);
        return id.find() ? "EPSG:" + id.group(1) + " " + name : name;
    }

    private static String verticalDatum(String wkt) {
        int v = wkt.indexOf("VDATUM[\"");
        if (v < 0) {
            v = wkt.indexOf("VERTCRS[\"");
        }
        if (v < 0) {
            return "metres, height datum not declared in the file (taken as the 1985 national height datum, 1985国家高程基准)";
        }
        int q = wkt.indexOf('"', v);
        return "metres on " + wkt.substring(q + 1, wkt.indexOf('"', q + 1));
    }
}
