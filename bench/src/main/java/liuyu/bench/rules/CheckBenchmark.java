package liuyu.bench.rules;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.Feature;
import liuyu.atlas.GeneratedAtlas;
import liuyu.atlas.Layer;
import liuyu.geo.MetricProjection;
import liuyu.network.NetworkProperties;
import liuyu.network.RiverNetwork;
import liuyu.rules.Project;
import liuyu.rules.ProjectChecker;
import liuyu.rules.RuleCatalogue;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Project checks on the demo atlas and catalogue, in-process. {@code check1000VertexPolygon}: a
 * 1,000-vertex polygon project, 2–6 km across, around the Miyun reservoir, checked against every
 * rule; {@code shape=smooth} is a site outline (radius noise ±5 % per vertex), {@code jagged} a
 * spiky worst case (radius 30–100 % per vertex) whose outline crosses every zone piece many times.
 * The baseline answers the core of the same question without the index: scan every zone, test
 * intersection, project and intersect in metres.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class CheckBenchmark {
    @org.openjdk.jmh.annotations.Param({"smooth", "jagged"})
    public String shape;

    private Atlas atlas;
    private RiverNetwork river;
    private ProjectChecker checker;
    private final ProjectChecker.Options options = new ProjectChecker.Options(500, 50, LocalDate.of(2026, 11, 24));
    private List<Project> polygons;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        atlas = new AtlasLoader().load(Path.of("gis"));
        river = RiverNetwork.of(atlas, new NetworkProperties("rivers", "catchments", 1000, 5));
        checker = new ProjectChecker(RuleCatalogue.load(Path.of("gis/rules"), atlas));
        Random random = new Random(5);
        polygons = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            double cx = 116.75 + random.nextDouble() * 0.4;
            double cy = 40.40 + random.nextDouble() * 0.25;
            double radius = 0.01 + random.nextDouble() * 0.02;
            Geometry star = shape.equals("jagged") ? GeneratedAtlas.star(cx, cy, radius, 1000, random) : smooth(cx, cy, radius, random);
            polygons.add(new Project("p" + i, star, "construction-residential", Map.of()));
        }
    }

    private static Geometry smooth(double cx, double cy, double radius, Random random) {
        org.locationtech.jts.geom.Coordinate[] ring = new org.locationtech.jts.geom.Coordinate[1001];
        double cosLat = Math.cos(Math.toRadians(cy));
        for (int v = 0; v < 1000; v++) {
            double angle = 2 * Math.PI * v / 1000;
            double r = radius * (0.95 + 0.05 * random.nextDouble());
            ring[v] = new org.locationtech.jts.geom.Coordinate(cx + r * Math.cos(angle) / cosLat, cy + r * Math.sin(angle));
        }
        ring[1000] = ring[0];
        return liuyu.geo.GeoJson.FACTORY.createPolygon(ring);
    }

    private Project polygon() {
        next = (next + 1) & 63;
        return polygons.get(next);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object check1000VertexPolygon() {
        return checker.check(atlas, river, polygon(), options);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object baselineScanEveryZone() {
        Project p = polygon();
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(p.geometry());
        Geometry metric = MetricProjection.toMetric(p.geometry());
        double total = 0;
        for (Layer layer : atlas.layers()) {
            if (layer.info().geometry() != liuyu.atlas.GeometryKind.POLYGON) {
                continue;
            }
            for (Feature zone : layer.features()) {
                if (prepared.intersects(zone.geometry())) {
                    total += metric.intersection(MetricProjection.toMetric(zone.geometry())).getArea();
                }
            }
        }
        return total;
    }

    /** 10,000 mixed projects (points, lines, polygons; every activity) checked one after another. */
    @State(Scope.Benchmark)
    public static class Batch {
        List<Project> projects;

        @Setup(Level.Trial)
        public void make(CheckBenchmark b) {
            Random random = new Random(9);
            List<String> activities = new ArrayList<>(RuleCatalogue.load(Path.of("gis/rules"), b.atlas).activities().keySet());
            projects = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                double lon = GeneratedAtlas.MIN_LON + random.nextDouble() * (GeneratedAtlas.MAX_LON - GeneratedAtlas.MIN_LON);
                double lat = GeneratedAtlas.MIN_LAT + random.nextDouble() * (GeneratedAtlas.MAX_LAT - GeneratedAtlas.MIN_LAT);
                Geometry g = switch (i % 3) {
                    case 0 -> liuyu.geo.GeoJson.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat));
                    case 1 -> liuyu.geo.GeoJson.FACTORY.createLineString(new org.locationtech.jts.geom.Coordinate[] {
                        new org.locationtech.jts.geom.Coordinate(lon, lat), new org.locationtech.jts.geom.Coordinate(lon + 0.02, lat + 0.01)});
                    default -> GeneratedAtlas.star(lon, lat, 0.003 + random.nextDouble() * 0.01, 8 + random.nextInt(60), random);
                };
                projects.add(new Project("b" + i, g, activities.get(i % activities.size()), Map.of()));
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public int batchOf10000MixedProjects(Batch batch) {
        int forbidden = 0;
        for (Project p : batch.projects) {
            if (checker.check(atlas, river, p, options).verdict() == liuyu.rules.Verdict.FORBIDDEN) {
                forbidden++;
            }
        }
        return forbidden;
    }
}
