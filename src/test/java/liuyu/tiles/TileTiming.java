package liuyu.tiles;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import liuyu.atlas.GeneratedAtlas;
import liuyu.atlas.Layer;

/**
 * Cold tile generation (no cache) on the benchmark's 100,000-polygon layer, without JMH or PostGIS, for a quick
 * before/after on a loaded machine: {@code TileTiming <zoom> <tiles>} prints the p50 wall time, the p50 CPU time of
 * the encoding thread (what a shared machine's load does not inflate) and the bytes per tile.
 * bench/ VectorTileBenchmark is the full comparison with ST_AsMVT.
 */
final class TileTiming {
    public static void main(String[] args) {
        int zoom = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        Layer layer = GeneratedAtlas.tiled(100_000, 1, 9, 7).layers().iterator().next();
        double[][] points = GeneratedAtlas.points(1024, 8);
        double n = 1 << zoom;
        List<Long> times = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long bytes = 0;
        VectorTiles.encode(layer, zoom, 0, 0); // class loading
        for (int i = 0; i < count; i++) {
            double[] p = points[i % points.length]; // past 1,024 the same tiles again, encoded again
            double lat = Math.toRadians(p[1]);
            int x = (int) ((p[0] + 180) / 360 * n);
            int y = (int) ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n);
            long t = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            bytes += VectorTiles.encode(layer, zoom, y, x).length;
            times.add(System.nanoTime() - t);
            cpu.add(threads.getCurrentThreadCpuTime() - c);
        }
        Collections.sort(times);
        Collections.sort(cpu);
        System.out.printf(
                Locale.ROOT,
                "z%d: %d tiles, p50 %.1f ms (CPU of this thread %.1f ms), max %.1f ms, %d bytes per tile%n",
                zoom,
                count,
                times.get(times.size() / 2) / 1e6,
                cpu.get(cpu.size() / 2) / 1e6,
                times.get(times.size() - 1) / 1e6,
                bytes / count);
    }
}
