package liuyu.geo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** PROJ's {@code cs2cs} (Debian proj-bin) as the oracle for coordinate conversions. */
public final class Cs2cs {
    private Cs2cs() {}

    /**
     * {@code xy} (easting, northing) in {@code source} to lon/lat in {@code geographic} (an EPSG geographic CRS,
     * which cs2cs writes latitude first): the result is lon, lat. {@code northingFirst} when the EPSG definition
     * of {@code source} orders its axes so (the Gauss-Krüger systems), as cs2cs then reads them.
     */
    public static double[][] toLonLat(String source, String geographic, boolean northingFirst, double[][] xy) {
        double[][] input = new double[xy.length][];
        for (int i = 0; i < xy.length; i++) {
            input[i] = northingFirst ? new double[] {xy[i][1], xy[i][0]} : xy[i];
        }
        List<String> lines = run(List.of("cs2cs", "-d", "12", source, geographic), input);
        double[][] out = new double[xy.length][];
        for (int i = 0; i < xy.length; i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            out[i] = new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[0])};
        }
        return out;
    }

    /**
     * lon/lat in {@code geographic} to (easting, northing) in {@code projected}; {@code northingFirst} when the
     * EPSG definition orders the axes so (the Gauss-Krüger systems; UTM is easting first).
     */
    public static double[][] toProjected(
            String geographic, String projected, boolean northingFirst, double[][] lonLat) {
        double[][] latLon = new double[lonLat.length][];
        for (int i = 0; i < lonLat.length; i++) {
            latLon[i] = new double[] {lonLat[i][1], lonLat[i][0]};
        }
        List<String> lines = run(List.of("cs2cs", "-d", "6", geographic, projected), latLon);
        double[][] out = new double[lonLat.length][];
        for (int i = 0; i < lonLat.length; i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            double a = Double.parseDouble(f[0]);
            double b = Double.parseDouble(f[1]);
            out[i] = northingFirst ? new double[] {b, a} : new double[] {a, b};
        }
        return out;
    }

    private static List<String> run(List<String> command, double[][] pairs) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            StringBuilder in = new StringBuilder();
            for (double[] xy : pairs) {
                in.append(xy[0]).append(' ').append(xy[1]).append('\n');
            }
            p.getOutputStream().write(in.toString().getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("cs2cs failed: " + text);
            }
            return new ArrayList<>(text.lines().toList());
        } catch (IOException e) {
            throw new IllegalStateException("cs2cs not runnable: install the Debian package proj-bin", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Distance in metres between two nearby lon/lat points (local flat approximation, ample below a metre). */
    public static double metres(double[] a, double[] b) {
        double dx = (a[0] - b[0]) * 111_320 * Math.cos(Math.toRadians(a[1]));
        double dy = (a[1] - b[1]) * 110_574;
        return Math.hypot(dx, dy);
    }
}
