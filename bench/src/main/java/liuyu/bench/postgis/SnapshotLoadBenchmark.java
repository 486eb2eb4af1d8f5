package liuyu.bench.postgis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.Feature;
import liuyu.atlas.GeneratedAtlas;
import liuyu.atlas.Layer;
import liuyu.atlas.PostgisImporter;
import liuyu.atlas.PostgisLayerSource;
import liuyu.geo.GeoJson;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Snapshot load of one generated 100,000-feature polygon layer ({@link GeneratedAtlas#tiled}, 40-vertex
 * cells): from PostGIS, against the baseline of the same layer read from a GeoJSON atlas directory.
 * Each load includes building the index. Heap: the retained size of the snapshot is printed once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
public class SnapshotLoadBenchmark {
    private SingleConnectionDataSource db;
    private Path dir;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        Layer layer = GeneratedAtlas.tiled(100_000, 1, 9, 7).layers().iterator().next();
        PostgisCluster cluster = PostgisCluster.shared();
        db = new SingleConnectionDataSource(cluster.newDatabase(), cluster.user(), "", true);
        Migrations.postgis(db).migrate();
        new PostgisImporter(db).importLayers(List.of(layer), true, imported -> { });

        dir = Files.createTempDirectory("liuyu-bench-atlas");
        Files.writeString(dir.resolve("atlas.yaml"), """
            atlas: {id: bench, titleEn: Bench, version: "1"}
            layers:
              - {id: tiled-0, file: tiled.geojson, geometry: polygon, titleEn: Tiled, method: synthetic,
                 source: generated, licence: CC0-1.0, accuracy: none, authoritative: false}
            """);
        JsonMapper json = JsonMapper.builder().build();
        try (JsonGenerator out = json.createGenerator(Files.newOutputStream(dir.resolve("tiled.geojson")))) {
            out.writeStartObject();
            out.writeStringProperty("type", "FeatureCollection");
            out.writeName("features");
            out.writeStartArray();
            for (Feature f : layer.features()) {
                java.util.Map<String, Object> props = new java.util.LinkedHashMap<>(f.properties());
                props.put("source", "generated");
                props.put("licence", "CC0-1.0");
                props.put("accuracy", "none");
                props.put("authoritative", false);
                GeoJson.writeFeature(f.id(), props, f.geometry(), out, new GeoJson.Style(false, 15));
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        Atlas held = new PostgisLayerSource(db).load();
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        System.out.printf("%nsnapshot of %d features retains about %d MiB of heap%n", held.zones().zoneCount(), (after - before) >> 20);
    }

    @TearDown(Level.Trial)
    public void close() {
        db.destroy();
    }

    @Benchmark
    public Atlas loadFromPostgis() {
        return new PostgisLayerSource(db).load();
    }

    @Benchmark
    public Atlas baselineFromGeoJsonFiles() {
        return new AtlasLoader().load(dir);
    }
}
