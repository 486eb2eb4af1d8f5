package liuyu.bench.atlas;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.GeneratedAtlas;
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
 * In-process point-in-zone over every polygon layer. {@code contains} is the indexed containment
 * question, {@code locate} the whole /locate answer (containment, boundary distances in metres,
 * nearest other zones within 5 km); the baseline scans every zone without the index.
 * Atlases: the demo atlas in gis/; {@code tiled-100k}, {@link GeneratedAtlas#tiled} with 4 layers
 * each tiling the Beijing box with 25,000 cells of 40 vertices (100,000 polygons; a point lies in
 * one cell per layer, as with real zone layers); {@code overlapping-100k}, {@link GeneratedAtlas#of}
 * with 100,000 random star polygons of 3–40 vertices in 5 layers, where a point lies in ~11 zones
 * (a stress case, not a realistic atlas).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LocateBenchmark {
    @Param({"demo", "tiled-100k", "overlapping-100k"})
    public String atlas;

    private Atlas snapshot;
    private double[][] points;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        snapshot = switch (atlas) {
            case "demo" -> new AtlasLoader().load(Path.of("gis"));
            case "tiled-100k" -> GeneratedAtlas.tiled(25_000, 4, 9, 1);
            case "overlapping-100k" -> GeneratedAtlas.of(100_000, 5, 40, 1);
            default -> throw new IllegalArgumentException(atlas);
        };
        points = GeneratedAtlas.points(65_536, 42);
    }

    private double[] point() {
        next = (next + 1) & (points.length - 1);
        return points[next];
    }

    @Benchmark
    public Object contains() {
        double[] p = point();
        return snapshot.zones().containing(p[0], p[1]);
    }

    @Benchmark
    public Object locate() {
        double[] p = point();
        return snapshot.locate(p[0], p[1]);
    }

    @Benchmark
    public Object baselineScan() {
        double[] p = point();
        return snapshot.zones().containingByScan(p[0], p[1]);
    }
}
