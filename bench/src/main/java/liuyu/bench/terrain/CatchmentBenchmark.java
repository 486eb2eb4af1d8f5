package liuyu.bench.terrain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import liuyu.terrain.Delineation;
import liuyu.terrain.DemCrs;
import liuyu.terrain.DemGrid;
import liuyu.terrain.DemInfo;
import liuyu.terrain.FlowGrid;
import org.locationtech.jts.geom.Coordinate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Catchments of random points on a DEM of parallel valleys ({@code size} × {@code size} cells of 10 m),
 * after the flow grid is built once (its build time is printed). {@code catchment} is the whole answer
 * (snapping within 100 m, the walk up the D8 tree, the outline in CRS84); the baseline finds the same
 * cells by following every cell's D8 path down the whole grid (memoised), the way one delineates without
 * an upstream walk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class CatchmentBenchmark {
    @Param({"5000"})
    public int size;

    private FlowGrid flow;
    private Delineation catchments;
    private double[][] points;
    private int[] outlets;
    private int next;
    private int nextBaseline;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "liuyu-bench-terrain"));
        Path dem = Dems.valleys(dir, size);
        long start = System.nanoTime();
        DemInfo info = DemInfo.read(dem);
        flow = new FlowGrid(DemGrid.read(info));
        System.out.printf("%n[terrain] flow grid of %d × %d cells built in %.1f s%n", size, size, (System.nanoTime() - start) / 1e9);
        catchments = new Delineation(flow);
        DemCrs crs = new DemCrs(info.proj4());
        Random random = new Random(14);
        points = new double[256][];
        outlets = new int[points.length];
        for (int i = 0; i < points.length; i++) {
            int col = random.nextInt(size);
            int row = random.nextInt(size);
            Coordinate c = crs.toLonLat(DemCrs.NATIVE.createPoint(new Coordinate(Dems.X0 + (col + 0.5) * 10, Dems.Y0 - (row + 0.5) * 10)))
                .getCoordinate();
            points[i] = new double[] {c.x, c.y};
            outlets[i] = row * size + col;
        }
    }

    @Benchmark
    public Object catchment() {
        double[] p = points[next++ & (points.length - 1)];
        return catchments.of(p[0], p[1], Delineation.DEFAULT_SNAP_M, Delineation.DEFAULT_STREAM_KM2);
    }

    @Benchmark
    public Object baselineFullScan() {
        int outlet = outlets[nextBaseline++ & (outlets.length - 1)];
        int n = size * size;
        // 0 unknown, 1 drains through the outlet, 2 does not
        byte[] state = new byte[n];
        state[outlet] = 1;
        int[] path = new int[n];
        BitSet in = new BitSet(n);
        for (int c = 0; c < n; c++) {
            int len = 0;
            int v = c;
            while (v >= 0 && state[v] == 0) {
                path[len++] = v;
                v = flow.downstreamOf(v);
            }
            byte s = v >= 0 && state[v] == 1 ? (byte) 1 : (byte) 2;
            for (int k = 0; k < len; k++) {
                state[path[k]] = s;
            }
            if (state[c] == 1) {
                in.set(c);
            }
        }
        return in.cardinality();
    }
}
