package liuyu.bench.postgis;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.GeneratedAtlas;
import liuyu.atlas.Layer;
import liuyu.atlas.PostgisImporter;
import liuyu.atlas.PostgisLayerSource;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
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
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The baseline every other benchmark is measured against: the point-in-zone question (which zones
 * cover the point, and the distance in metres to each one's boundary) asked of PostGIS as one SQL
 * query per point over one JDBC connection, next to the in-memory snapshot loaded from the same
 * tables. PostGIS gets GiST indexes and outlines pre-projected to UTM 50N, its best case. Two more pairs: point in
 * zone alone ({@code containingInMemory} against {@code baselineCoversPostgis}: the covering zones, no distances) and
 * the whole {@code /locate} answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PointInZoneVsPostgisBenchmark {
    /**
     * demo, tiled-100k (generated here), or an atlas directory: the 1,000,000-polygon atlas is written once by
     * {@code liuyu.bench.atlas.LoadMemory generate DIR 250000 4} and given as {@code -p atlas=DIR} (generating it in
     * the benchmark's heap would need some 12 GB of JTS objects; loaded from its files it is packed).
     */
    @Param({"demo", "tiled-100k"})
    public String atlas;

    /**
     * Each atlas is generated, imported and read back once per JVM, not once per benchmark method: the 1M atlas
     * takes many minutes to set up, and a trial's state is the same for all four methods.
     */
    private static final Map<String, PointInZoneVsPostgisBenchmark> LOADED = new HashMap<>();

    private SingleConnectionDataSource db;
    private PreparedStatement query;
    private PreparedStatement coversQuery;
    private PreparedStatement locateQuery;
    private Atlas snapshot;
    private double[][] points;
    private int next;

    @Setup(Level.Trial)
    public void load() throws SQLException {
        PointInZoneVsPostgisBenchmark loaded = LOADED.get(atlas);
        if (loaded == null) {
            loadFresh();
            LOADED.put(atlas, this);
            return;
        }
        db = loaded.db;
        query = loaded.query;
        coversQuery = loaded.coversQuery;
        locateQuery = loaded.locateQuery;
        snapshot = loaded.snapshot;
        points = loaded.points;
        next = 0;
    }

    private void loadFresh() throws SQLException {
        PostgisCluster cluster = PostgisCluster.shared();
        db = new SingleConnectionDataSource(cluster.newDatabase(), cluster.user(), "", true);
        Migrations.postgis(db).migrate();
        List<Layer> layers = switch (atlas) {
            case "demo" -> new AtlasLoader().read(Path.of("gis"), false).layers();
            case "tiled-100k" -> new ArrayList<>(GeneratedAtlas.tiled(25_000, 4, 9, 1).layers());
            default -> new ArrayList<>(new AtlasLoader().load(Path.of(atlas)).layers());
        };
        new PostgisImporter(db).importLayers(layers, true, imported -> { });
        layers = null; // the generated copy: only the snapshot read back from PostGIS is measured
        snapshot = new PostgisLayerSource(db).load();
        Connection c = db.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE zone_metric AS SELECT layer_id, id, geom, ST_Boundary(ST_Transform(geom, 32650)) AS outline FROM zone_feature");
            s.execute("CREATE INDEX ON zone_metric USING gist (geom)");
            s.execute("CREATE INDEX ON zone_metric USING gist (outline)");
            s.execute("CREATE TABLE zone_layer AS SELECT DISTINCT layer_id FROM zone_metric");
            s.execute("ANALYZE zone_metric");
            s.execute("ANALYZE zone_layer");
            // the same data's size in PostGIS, beside the snapshot's retained heap (BENCHMARKS.md, issue 23): every
            // partition of zone_feature (a partitioned table's own size is zero)
            try (ResultSet rs = s.executeQuery("""
                SELECT count(*), sum(ST_NPoints(geom)),
                       (SELECT sum(pg_table_size(relid)) FROM pg_partition_tree('zone_feature')),
                       (SELECT sum(pg_indexes_size(relid)) FROM pg_partition_tree('zone_feature')),
                       pg_table_size('zone_metric'), pg_indexes_size('zone_metric') FROM zone_feature""")) {
                rs.next();
                System.out.printf("%n%s in PostGIS: %,d zones, %,d vertices; zone_feature table %,d MB + indexes %,d MB"
                    + " (%.1f bytes/vertex); with the benchmark's projected outlines (zone_metric) %,d MB + %,d MB%n",
                    atlas, rs.getLong(1), rs.getLong(2), rs.getLong(3) >> 20, rs.getLong(4) >> 20,
                    (rs.getLong(3) + rs.getLong(4)) / (double) rs.getLong(2), rs.getLong(5) >> 20, rs.getLong(6) >> 20);
            }
        }
        // the whole /locate question: covering zones with the distance to their boundary, and per layer the
        // nearest other zone within 5 km, by PostGIS's index-assisted KNN (<->) on the projected outlines
        locateQuery = c.prepareStatement("""
            WITH p AS (SELECT ST_SetSRID(ST_Point(?, ?), 4326) AS g, ST_Transform(ST_SetSRID(ST_Point(?, ?), 4326), 32650) AS m)
            SELECT true, z.layer_id, z.id, ST_Distance(z.outline, p.m) FROM zone_metric z, p WHERE ST_Covers(z.geom, p.g)
            UNION ALL
            SELECT false, l.layer_id, n.id, n.d FROM zone_layer l, p, LATERAL (
              SELECT z.id, ST_Distance(z.outline, p.m) AS d FROM zone_metric z
               WHERE z.layer_id = l.layer_id AND ST_DWithin(z.outline, p.m, 5000) AND NOT ST_Covers(z.geom, p.g)
               ORDER BY z.outline <-> p.m LIMIT 1) n""");
        query = c.prepareStatement("""
            SELECT layer_id, id, ST_Distance(outline, ST_Transform(p.g, 32650))
              FROM zone_metric, (SELECT ST_SetSRID(ST_Point(?, ?), 4326) AS g) p
             WHERE ST_Covers(geom, p.g)""");
        // point in zone alone: which zones cover the point (the service's own table and index)
        coversQuery = c.prepareStatement("""
            SELECT layer_id, id FROM zone_feature WHERE ST_Covers(geom, ST_SetSRID(ST_Point(?, ?), 4326))""");
        points = GeneratedAtlas.points(65_536, 42);
        for (int i = 0; i < 200; i++) { // both sides must name the same covering zones
            double[] p = points[i];
            java.util.Set<String> memory = new java.util.TreeSet<>();
            snapshot.zones().containing(p[0], p[1]).forEach(f -> memory.add(f.layer() + "/" + f.id()));
            java.util.Set<String> sql = new java.util.TreeSet<>(coversPostgis(p));
            if (!memory.equals(sql)) {
                throw new IllegalStateException("covering zones differ at " + p[0] + " " + p[1] + ": " + memory + " vs " + sql);
            }
        }
        // both sides must give the same nearby zones before their speed is compared
        for (int i = 0; i < 200; i++) {
            double[] p = points[i];
            java.util.Set<String> memory = new java.util.TreeSet<>();
            snapshot.locate(p[0], p[1]).nearby().forEach(h -> memory.add(h.feature().layer() + "/" + h.feature().id()));
            java.util.Set<String> sql = new java.util.TreeSet<>();
            for (Object[] row : locatePostgis(p)) {
                if (!(Boolean) row[0]) {
                    sql.add(row[1] + "/" + row[2]);
                }
            }
            if (!memory.equals(sql)) {
                throw new IllegalStateException("nearby zones differ at " + p[0] + " " + p[1] + ": " + memory + " vs " + sql);
            }
        }
    }

    private List<String> coversPostgis(double[] p) throws SQLException {
        coversQuery.setDouble(1, p[0]);
        coversQuery.setDouble(2, p[1]);
        List<String> zones = new ArrayList<>();
        try (ResultSet rs = coversQuery.executeQuery()) {
            while (rs.next()) {
                zones.add(rs.getString(1) + "/" + rs.getString(2));
            }
        }
        return zones;
    }

    /** Point in zone alone, asked of PostGIS: the zones whose polygon covers the point (GiST-indexed ST_Covers). */
    @Benchmark
    public Object baselineCoversPostgis() throws SQLException {
        return coversPostgis(point());
    }

    /** Point in zone alone, in memory: the zones that cover the point, no distances. */
    @Benchmark
    public Object containingInMemory() {
        double[] p = point();
        return snapshot.zones().containing(p[0], p[1]);
    }

    private List<Object[]> locatePostgis(double[] p) throws SQLException {
        locateQuery.setDouble(1, p[0]);
        locateQuery.setDouble(2, p[1]);
        locateQuery.setDouble(3, p[0]);
        locateQuery.setDouble(4, p[1]);
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = locateQuery.executeQuery()) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getBoolean(1), rs.getString(2), rs.getString(3), rs.getDouble(4)});
            }
        }
        return rows;
    }

    /** The whole /locate answer asked of PostGIS: covering zones, boundary distances, nearest other zone per layer. */
    @Benchmark
    public Object baselineLocatePostgis() throws SQLException {
        return locatePostgis(point());
    }

    private double[] point() {
        next = (next + 1) & (points.length - 1);
        return points[next];
    }

    /** The same question as the baseline: covering zones and the distance to each one's boundary. */
    @Benchmark
    public Object withinInMemory() {
        double[] p = point();
        return snapshot.zones().within(p[0], p[1]);
    }

    /** The whole /locate answer, which also finds the nearest other zone of every layer within 5 km. */
    @Benchmark
    public Object locateInMemory() {
        double[] p = point();
        return snapshot.locate(p[0], p[1]);
    }

    @Benchmark
    public Object baselinePostgis() throws SQLException {
        double[] p = point();
        query.setDouble(1, p[0]);
        query.setDouble(2, p[1]);
        List<Object> hits = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                hits.add(rs.getString(2));
                hits.add(rs.getDouble(3));
            }
        }
        return hits;
    }

}
