package liuyu.bench.ogc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import liuyu.atlas.Atlas;
import liuyu.atlas.GeneratedAtlas;
import liuyu.atlas.Layer;
import liuyu.atlas.PostgisImporter;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import liuyu.tiles.VectorTiles;
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
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Mapbox Vector Tiles of the 100,000-polygon atlas at zoom 8–14, tiles picked at random over the
 * Beijing box: made from the in-memory index (cold: no cache), served from the per-snapshot cache,
 * and made by PostGIS ST_AsMVT (ST_AsMVTGeom with the same 4096 extent and 64 buffer, GiST index) in
 * the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class VectorTileBenchmark {
    @Param({"8", "11", "14"})
    public int zoom;

    private Atlas atlas;
    private Layer layer;
    private VectorTiles cache;
    private int[][] tiles;
    private int next;
    private PreparedStatement mvt;

    @Setup(Level.Trial)
    public void load() throws SQLException {
        HundredThousand data = HundredThousand.get();
        atlas = data.atlas;
        layer = data.layer;
        cache = new VectorTiles();
        double[][] points = GeneratedAtlas.points(1024, 8);
        tiles = new int[points.length][];
        double n = 1 << zoom;
        for (int i = 0; i < points.length; i++) {
            double lon = points[i][0];
            double lat = Math.toRadians(points[i][1]);
            int x = (int) ((lon + 180) / 360 * n);
            int y = (int) ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n);
            tiles[i] = new int[] {y, x};
        }
        Connection c = data.db.getConnection();
        mvt = c.prepareStatement("""
            WITH b AS (SELECT ST_TileEnvelope(?, ?, ?) AS e),
                 t AS (SELECT f.id, f.properties ->> 'nameZh' AS "nameZh",
                              ST_AsMVTGeom(ST_Transform(f.geom, 3857), b.e, 4096, 64, true) AS geom
                         FROM zone_feature f, b
                        WHERE f.geom && ST_Transform(ST_Expand(b.e, (ST_XMax(b.e) - ST_XMin(b.e)) * 64 / 4096), 4326))
            SELECT ST_AsMVT(t, 'tiled', 4096, 'geom') FROM t""");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        mvt.close();
    }

    private int[] tile() {
        next = (next + 1) & (tiles.length - 1);
        return tiles[next];
    }

    @Benchmark
    public int cold() {
        int[] t = tile();
        return VectorTiles.encode(layer, zoom, t[0], t[1]).length;
    }

    @Benchmark
    public int cached() {
        int[] t = tile();
        return cache.tile(atlas, layer, zoom, t[0], t[1]).length;
    }

    @Benchmark
    public int baselinePostgisAsMvt() throws SQLException {
        int[] t = tile();
        mvt.setInt(1, zoom);
        mvt.setInt(2, t[1]);
        mvt.setInt(3, t[0]);
        try (ResultSet rs = mvt.executeQuery()) {
            rs.next();
            byte[] b = rs.getBytes(1);
            return b == null ? 0 : b.length;
        }
    }
}
