package liuyu.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import liuyu.cli.ImportCommand;
import liuyu.geo.Cs2cs;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Source files for import tests, made by GDAL's ogr2ogr from known lon/lat geometries (as agencies' files are
 * made by their GIS software), and the oracles to check an import against: GDAL reading the raw vertices,
 * PROJ's cs2cs converting them.
 */
public final class Fixtures {
    public static final String Z1 = "密云一级保护区";
    public static final String Z2 = "怀柔水库二级保护区";
    /** Two zones near Miyun and Huairou, attributes in Chinese, as lon/lat GeoJSON. */
    public static final String ZONES = """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"编号":"z1","名称":"%s","级别":1},"geometry":{"type":"Polygon","coordinates":
          [[[116.90,40.50],[117.00,40.50],[117.00,40.60],[116.90,40.60],[116.90,40.50]],
           [[116.97,40.57],[116.98,40.57],[116.98,40.58],[116.97,40.58],[116.97,40.57]]]}},
        {"type":"Feature","properties":{"编号":"z2","名称":"%s","级别":2},"geometry":{"type":"Polygon","coordinates":
          [[[116.60,40.30],[116.75,40.30],[116.70,40.45],[116.60,40.30]]]}}]}
        """.formatted(Z1, Z2);
    /** Inside z1 (outside its hole), inside z2, inside z1's hole. */
    public static final double[] IN_Z1 = {116.95, 40.55};

    public static final double[] IN_Z2 = {116.68, 40.34};
    public static final double[] IN_HOLE = {116.975, 40.575};

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {}

    public static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** Runs ogr2ogr; fails the test with GDAL's message if it fails. */
    public static void ogr2ogr(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ogr2ogr"));
        cmd.addAll(List.of(args));
        Gdal.Result r = new Gdal("").run(cmd, null);
        assertThat(r.code())
                .as("ogr2ogr " + String.join(" ", args) + ": " + r.err())
                .isZero();
    }

    /** The vertices of every feature as GDAL reads them from {@code file}, in file order (easting, northing or lon, lat). */
    public static List<List<double[]>> rawVertices(Path file, String... openOptions) {
        List<String> cmd = new ArrayList<>(
                List.of("ogr2ogr", "-f", "GeoJSON", "-lco", "RFC7946=NO", "-lco", "COORDINATE_PRECISION=10"));
        for (String o : openOptions) {
            cmd.addAll(List.of("-oo", o));
        }
        cmd.addAll(List.of("/vsistdout/", file.toString()));
        Gdal.Result r = new Gdal("").run(cmd, null);
        assertThat(r.code()).as(r.err()).isZero();
        List<List<double[]>> out = new ArrayList<>();
        for (JsonNode f : JSON.readTree(r.out()).path("features")) {
            List<double[]> vs = new ArrayList<>();
            collect(f.path("geometry").path("coordinates"), vs);
            out.add(vs);
        }
        return out;
    }

    private static void collect(JsonNode n, List<double[]> out) {
        if (n.isArray() && !n.isEmpty() && n.get(0).isNumber()) {
            out.add(new double[] {n.get(0).doubleValue(), n.get(1).doubleValue()});
        } else {
            n.forEach(c -> collect(c, out));
        }
    }

    /**
     * Largest distance in metres between the stored vertices of {@code geometries} and PROJ's conversion of the
     * source's raw vertices (same order).
     */
    public static double worstAgainstCs2cs(
            List<List<double[]>> raw, String crs, String geographic, List<Geometry> geometries) {
        double worst = 0;
        for (int i = 0; i < raw.size(); i++) {
            double[][] proj = Cs2cs.toLonLat(crs, geographic, true, raw.get(i).toArray(double[][]::new));
            Coordinate[] stored = geometries.get(i).getCoordinates();
            assertThat(stored).hasSize(proj.length);
            for (int k = 0; k < proj.length; k++) {
                worst = Math.max(worst, Cs2cs.metres(new double[] {stored[k].x, stored[k].y}, proj[k]));
            }
        }
        return worst;
    }

    /** Every file under {@code dir} with its bytes' digest: compared before and after a refused import. */
    public static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(
                        dir.relativize(p).toString(),
                        java.util.HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(Files.readAllBytes(p))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    /** Output of one run of the command. */
    public record Run(int code, String out, String err) {}

    public static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ImportCommand.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static Run run(String... args) {
        return run(Map.of(), args);
    }

    public static final String[] PROVENANCE = {
        "--method=surveyed",
        "--source=北京市水务局 test fixture",
        "--licence=test only",
        "--accuracy=fixture: exact",
        "--authoritative=true"
    };

    public static String[] args(String... first) {
        String[] all = new String[first.length + PROVENANCE.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(PROVENANCE, 0, all, first.length, PROVENANCE.length);
        return all;
    }
}
