package liuyu.terrain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * A reservoir's level-1 zone and shore bands from a DEM: the zone is the land below the first level
 * connected to the reservoir's water body, each band the ring between two levels connected to what lies
 * below it. GDAL's {@code gdal_contour -p} cuts the DEM into polygons between the levels (interpolated
 * between cell centres, islands as holes); which of them belong to the reservoir is decided here.
 */
public final class ShoreBands {

    /** One ring between two levels, in CRS84. */
    public record Band(double lowerM, double upperM, Geometry geometry, double areaM2) {}

    /**
     * The derived zone and bands, in CRS84.
     *
     * @param otherBasins polygons below the first level that do not touch the water body, left out
     */
    public record Result(
            DemInfo dem,
            double[] levels,
            Geometry zone,
            double zoneAreaM2,
            List<Band> bands,
            int otherBasins,
            List<String> repairs) {}

    private ShoreBands() {}

    /** The levels as the command line gives them: increasing numbers, at least two. */
    public static double[] levels(String text) {
        double[] levels;
        try {
            levels = Arrays.stream(text.split(","))
                    .map(String::trim)
                    .mapToDouble(Double::parseDouble)
                    .toArray();
        } catch (NumberFormatException e) {
            throw new TerrainException(
                    "levels must be numbers in metres separated by commas, e.g. 155,157.5,160; got '" + text + "'");
        }
        if (levels.length < 2) {
            throw new TerrainException(
                    "give at least two levels: the zone's upper level and the top of the first band");
        }
        for (int i = 0; i < levels.length; i++) {
            if (!Double.isFinite(levels[i]) || (i > 0 && levels[i] <= levels[i - 1])) {
                throw new TerrainException("levels must be finite and strictly increasing; got '" + text + "'");
            }
        }
        return levels;
    }

    /** Derives the zone below {@code levels[0]} and the bands between the levels around {@code waterLonLat}. */
    public static Result derive(Path demFile, Geometry waterLonLat, double[] levels) {
        DemInfo dem = DemInfo.read(demFile);
        DemCrs crs = new DemCrs(dem.proj4());
        List<List<Polygon>> intervals = contour(dem, levels);
        List<String> repairs = new ArrayList<>();

        Geometry water = crs.toOwn(waterLonLat);
        List<Polygon> below = intervals.get(0);
        List<Polygon> zoneParts = touching(below, water);
        if (zoneParts.isEmpty()) {
            throw new TerrainException(String.format(
                    Locale.ROOT,
                    "%s: no land below %s m touches the water body; is the DEM over "
                            + "the reservoir, and are its heights in metres?",
                    demFile.getFileName(),
                    number(levels[0])));
        }
        Geometry region = union(zoneParts, repairs, "zone");
        Geometry zone = region;
        List<Band> bands = new ArrayList<>();
        for (int k = 1; k < levels.length; k++) {
            List<Polygon> ring = touching(intervals.get(k), region);
            Geometry band = union(ring, repairs, "band " + number(levels[k - 1]) + "-" + number(levels[k]));
            Geometry bandLonLat = crs.toLonLat(band);
            bands.add(new Band(levels[k - 1], levels[k], bandLonLat, DemCrs.areaM2(bandLonLat)));
            region = union(List.of(region, band), repairs, "region");
        }
        Geometry zoneLonLat = crs.toLonLat(zone);
        return new Result(
                dem, levels, zoneLonLat, DemCrs.areaM2(zoneLonLat), bands, below.size() - zoneParts.size(), repairs);
    }

    /** The polygons of each interval: below levels[0], then [levels[k-1], levels[k]) for each k. */
    private static List<List<Polygon>> contour(DemInfo dem, double[] levels) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("liuyu-contour");
            Path csv = dir.resolve("contours.csv");
            List<String> command = new ArrayList<>(List.of(
                    "gdal_contour",
                    "-q",
                    "-p",
                    "-f",
                    "CSV",
                    "-lco",
                    "GEOMETRY=AS_WKT",
                    "-amin",
                    "lo",
                    "-amax",
                    "hi",
                    "-fl"));
            for (double l : levels) {
                command.add(number(l));
            }
            command.add(dem.file().toString());
            command.add(csv.toString());
            Gdal.run(command.toArray(String[]::new));
            List<List<Polygon>> intervals = new ArrayList<>();
            for (int k = 0; k < levels.length; k++) {
                intervals.add(new ArrayList<>());
            }
            WKTReader wkt = new WKTReader(DemCrs.NATIVE);
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                // each row: "WKT","ID",lo,hi — the geometry is the first quoted field and holds no quote itself
                int end = line.indexOf('"', 1);
                String[] rest = line.substring(end + 2).split(",");
                double hi = Double.parseDouble(rest[rest.length - 1]);
                int k = interval(levels, hi);
                if (k >= 0) {
                    Geometry g = wkt.read(line.substring(1, end));
                    for (int i = 0; i < g.getNumGeometries(); i++) {
                        intervals.get(k).add((Polygon) g.getGeometryN(i));
                    }
                }
            }
            return intervals;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | RuntimeException e) {
            if (e instanceof TerrainException t) {
                throw t;
            }
            throw new TerrainException("gdal_contour wrote what Liuyu cannot read: " + e.getMessage());
        } finally {
            deleteQuietly(dir);
        }
    }

    /** Which interval ends at {@code hi}: 0 below the first level, k for [levels[k-1], levels[k]), -1 above the last. */
    private static int interval(double[] levels, double hi) {
        for (int k = 0; k < levels.length; k++) {
            if (Math.abs(hi - levels[k]) < 1e-9) {
                return k;
            }
        }
        return -1;
    }

    private static List<Polygon> touching(List<Polygon> polygons, Geometry g) {
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(g);
        return polygons.stream().filter(prepared::intersects).toList();
    }

    private static Geometry union(List<? extends Geometry> parts, List<String> repairs, String what) {
        if (parts.isEmpty()) {
            return DemCrs.NATIVE.createPolygon();
        }
        List<Geometry> valid = new ArrayList<>();
        for (Geometry p : parts) {
            if (p.isValid()) {
                valid.add(p);
            } else {
                repairs.add(what + ": an invalid contour polygon was repaired (JTS GeometryFixer)");
                valid.add(GeometryFixer.fix(p));
            }
        }
        return UnaryUnionOp.union(valid);
    }

    /** A level as GDAL and ids want it: 155, 157.5 — no trailing zeros. */
    public static String number(double level) {
        return level == Math.rint(level) ? Long.toString((long) level) : Double.toString(level);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
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
