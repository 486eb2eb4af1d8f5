package liuyu.bench.terrain;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import liuyu.geo.GeoJson;
import liuyu.terrain.DemCrs;
import liuyu.terrain.DemInfo;
import liuyu.terrain.ShoreBands;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The level-1 zone and the two shore bands of a roughened bowl DEM ({@code size} × {@code size} cells of
 * 10 m): {@code bands} is the whole derivation (gdal_contour -p, connectivity, unions, CRS84); the baseline
 * is {@code gdal_contour -p} alone producing the same levels on the same DEM. The heap's peak during
 * {@code bands} is printed at the end of the trial (the JVM's pools' peak usage).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class BandsBenchmark {
    static final double[] LEVELS = {155, 157.5, 160};

    @Param({"5000"})
    public int size;

    private Path dir;
    private Path dem;
    private Geometry water;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "liuyu-bench-terrain"));
        dem = Dems.bowl(dir, size);
        DemCrs crs = new DemCrs(DemInfo.read(dem).proj4());
        Coordinate centre = crs.toLonLat(DemCrs.NATIVE.createPoint(new Coordinate(Dems.X0 + size * 5.0, Dems.Y0 - size * 5.0)))
            .getCoordinate();
        water = GeoJson.FACTORY.createPoint(centre).buffer(0.01);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    @Benchmark
    public Object bands() {
        return ShoreBands.derive(dem, water, LEVELS);
    }

    @Benchmark
    public Object baselineGdalContour() throws Exception {
        Path out = dir.resolve("contours-" + size + ".csv");
        Files.deleteIfExists(out);
        Dems.run("gdal_contour", "-q", "-p", "-f", "CSV", "-lco", "GEOMETRY=AS_WKT", "-amin", "lo", "-amax", "hi",
            "-fl", "155", "157.5", "160", dem.toString(), out.toString());
        return Files.size(out);
    }

    @TearDown(Level.Trial)
    public void peak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%n[terrain] peak heap during the trial: %d MiB%n", peak >> 20);
    }
}
