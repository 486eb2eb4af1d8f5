package liuyu.bench.ogc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import liuyu.LiuyuApplication;
import liuyu.atlas.Feature;
import liuyu.atlas.GeneratedAtlas;
import liuyu.geo.GeoJson;
import liuyu.postgis.PostgisCluster;
import org.locationtech.jts.io.WKBWriter;
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
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /ogc/collections/gen/items?limit=10000} over real HTTP against the whole service,
 * on a generated layer of 100,000 polygons: the first 100,000 cells of
 * {@link GeneratedAtlas#tiled}(100_000, 1, 4, seed 1) — a jittered tiling of the Beijing box,
 * 20 vertices per cell — written as an atlas directory with full provenance properties and
 * loaded by the ordinary loader. {@code query=page}: the first 10,000 features; {@code query=bbox}:
 * a box over the middle 35% × 35% of the layer (≈12,000 matches, the first 10,000 returned).
 * The baseline is the same question answered by a throwaway PostGIS ({@link PostgisCluster}):
 * {@code ST_AsGeoJSON(row, 'geom', 7)} over a GiST-indexed table, every row read over JDBC.
 * Server heap per request is the bytes allocated by Tomcat's request threads
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}), printed after each iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class OgcItemsBenchmark {
    static final int FEATURES = 100_000;
    static final int LIMIT = 10_000;

    @Param({"page", "bbox"})
    public String query;

    private ConfigurableApplicationContext service;
    private Path dir;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HttpRequest request;
    private Connection postgis;
    private PreparedStatement postgisQuery;
    private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long serverBytes;
    private long requests;
    private long bytesPerResponse;

    @Setup(Level.Trial)
    public void start() throws Exception {
        List<Feature> features = GeneratedAtlas.tiled(FEATURES, 1, 4, 1).layer("tiled-0").features().subList(0, FEATURES);
        dir = Files.createTempDirectory("liuyu-ogc-bench");
        writeAtlas(features, dir);
        service = new SpringApplication(LiuyuApplication.class).run("--liuyu.atlas.dir=" + dir, "--server.port=0",
            "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        String port = service.getEnvironment().getProperty("local.server.port");
        double[] box = box();
        String path = "/ogc/collections/gen/items?limit=" + LIMIT
            + (query.equals("bbox") ? String.format(Locale.ROOT, "&bbox=%.6f,%.6f,%.6f,%.6f", box[0], box[1], box[2], box[3]) : "");
        request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();

        postgis = PostgisCluster.shared().connect();
        loadPostgis(features);
        postgisQuery = postgis.prepareStatement("SELECT ST_AsGeoJSON(t.*, 'geom', 7) FROM (SELECT id, name_zh AS \"nameZh\", "
            + "name_en AS \"nameEn\", level, method, source, licence, accuracy, authoritative, geom FROM gen"
            + (query.equals("bbox") ? " WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))" : "")
            + " ORDER BY pos LIMIT " + LIMIT + ") t");
        if (query.equals("bbox")) {
            for (int i = 0; i < 8; i++) {
                postgisQuery.setDouble(i + 1, box[i % 4]);
            }
        }
        bytesPerResponse = liuyu();
        if (query.equals("bbox")) {
            try (Statement s = postgis.createStatement(); ResultSet rs = s.executeQuery(String.format(Locale.ROOT,
                "SELECT count(*) FROM gen WHERE ST_Intersects(geom, ST_MakeEnvelope(%f, %f, %f, %f, 4326))", box[0], box[1], box[2], box[3]))) {
                rs.next();
                System.out.printf("%n[ogc items, query=bbox] %d of %d features intersect the box%n", rs.getLong(1), FEATURES);
            }
        }
    }

    @Setup(Level.Iteration)
    public void resetAllocationCount() {
        serverBytes = 0;
        requests = 0;
    }

    @TearDown(Level.Iteration)
    public void printAllocation() {
        if (requests > 0) {
            System.out.printf(Locale.ROOT, " [query=%s: response %.1f MiB; server heap allocated per request %.1f MiB = %.0f bytes per feature, %d requests]",
                query, bytesPerResponse / 1048576.0, serverBytes / (double) requests / 1048576.0, serverBytes / (double) requests / LIMIT, requests);
        }
    }

    /** The middle 35% × 35% of the generated layer. */
    private static double[] box() {
        double w = GeneratedAtlas.MAX_LON - GeneratedAtlas.MIN_LON;
        double h = GeneratedAtlas.MAX_LAT - GeneratedAtlas.MIN_LAT;
        return new double[] {GeneratedAtlas.MIN_LON + 0.325 * w, GeneratedAtlas.MIN_LAT + 0.325 * h,
            GeneratedAtlas.MIN_LON + 0.675 * w, GeneratedAtlas.MIN_LAT + 0.675 * h};
    }

    private static Map<String, Object> properties(Feature f, int i) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("nameZh", "网格" + f.id());
        p.put("nameEn", "Generated cell " + f.id() + " (synthetic)");
        p.put("level", i % 3);
        p.put("method", "synthetic");
        p.put("source", "GeneratedAtlas.tiled (Liuyu benchmark generator)");
        p.put("licence", "CC0-1.0");
        p.put("accuracy", "not a place");
        p.put("authoritative", false);
        return p;
    }

    private static void writeAtlas(List<Feature> features, Path dir) throws IOException {
        Files.writeString(dir.resolve("atlas.yaml"), """
            atlas:
              id: ogc-bench
              titleEn: Generated atlas for the OGC items benchmark
              version: "1"
            layers:
              - id: gen
                file: gen.geojson
                geometry: polygon
                titleEn: Generated cells
                method: synthetic
                source: GeneratedAtlas.tiled (Liuyu benchmark generator)
                licence: CC0-1.0
                accuracy: not a place
                authoritative: false
            """);
        JsonMapper json = JsonMapper.builder().build();
        try (OutputStream file = Files.newOutputStream(dir.resolve("gen.geojson")); JsonGenerator out = json.createGenerator(file)) {
            out.writeStartObject();
            out.writeStringProperty("type", "FeatureCollection");
            out.writeName("features");
            out.writeStartArray();
            for (int i = 0; i < features.size(); i++) {
                Feature f = features.get(i);
                GeoJson.writeFeature(f.id(), properties(f, i), f.geometry(), out, new GeoJson.Style(false, 9));
            }
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    private void loadPostgis(List<Feature> features) throws SQLException {
        try (Statement s = postgis.createStatement()) {
            s.execute("DROP TABLE IF EXISTS gen");
            s.execute("CREATE TABLE gen (pos int PRIMARY KEY, id text NOT NULL, name_zh text, name_en text, level int, method text, "
                + "source text, licence text, accuracy text, authoritative boolean, geom geometry(Polygon, 4326) NOT NULL)");
        }
        postgis.setAutoCommit(false);
        WKBWriter wkb = new WKBWriter();
        try (PreparedStatement insert = postgis.prepareStatement("INSERT INTO gen VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326))")) {
            for (int i = 0; i < features.size(); i++) {
                Feature f = features.get(i);
                Map<String, Object> p = properties(f, i);
                insert.setInt(1, i);
                insert.setString(2, f.id());
                insert.setString(3, (String) p.get("nameZh"));
                insert.setString(4, (String) p.get("nameEn"));
                insert.setInt(5, (Integer) p.get("level"));
                insert.setString(6, "synthetic");
                insert.setString(7, (String) p.get("source"));
                insert.setString(8, "CC0-1.0");
                insert.setString(9, "not a place");
                insert.setBoolean(10, false);
                insert.setBytes(11, wkb.write(f.geometry()));
                insert.addBatch();
                if (i % 5000 == 4999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        postgis.commit();
        postgis.setAutoCommit(true);
        try (Statement s = postgis.createStatement()) {
            s.execute("CREATE INDEX gen_geom ON gen USING gist (geom)");
            s.execute("VACUUM ANALYZE gen");
        }
    }

    /** Bytes allocated so far by the service's request threads. */
    private long serverAllocated() {
        long[] ids = threads.getAllThreadIds();
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(ids)) {
            if (info != null && info.getThreadName().startsWith("http-nio-")) {
                long b = threads.getThreadAllocatedBytes(info.getThreadId());
                sum += Math.max(0, b);
            }
        }
        return sum;
    }

    @Benchmark
    public long liuyu() throws IOException, InterruptedException {
        long before = serverAllocated();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        try (InputStream in = r.body()) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                bytes += n;
            }
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode());
        }
        serverBytes += serverAllocated() - before;
        requests++;
        return bytes;
    }

    @Benchmark
    public long baselinePostgis() throws SQLException {
        long chars = 0;
        try (ResultSet rs = postgisQuery.executeQuery()) {
            while (rs.next()) {
                chars += rs.getString(1).length();
            }
        }
        return chars;
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        postgisQuery.close();
        postgis.close();
        service.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
