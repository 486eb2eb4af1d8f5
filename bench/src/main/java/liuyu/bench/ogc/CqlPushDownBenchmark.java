package liuyu.bench.ogc;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import liuyu.LiuyuApplication;
import liuyu.postgis.PostgisCluster;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CQL2 push-down on the postgis profile: the whole service started on the {@link HundredThousand} layer
 * stored in a throwaway PostGIS, asked {@code /ogc/collections/tiled-0/items?limit=100&filter=…} over HTTP,
 * against the same question (the first 100 matches in layer order and how many match) asked of PostGIS
 * directly in hand-written SQL over the same table and indexes, in the same run. Setup checks that both
 * answer the same numberMatched. Run without a fork so the fixture is built once for every filter:
 * {@code bench/run.sh CqlPushDown} (the annotations already say {@code -f 0}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 2, time = 3)
@Fork(0)
public class CqlPushDownBenchmark {
    static final int LIMIT = 100;
    static final String BOX = "116.0 39.8, 116.5 39.8, 116.5 40.2, 116.0 40.2, 116.0 39.8";
    static final String TRIANGLE = "116.2 39.9, 116.6 39.95, 116.4 40.3, 116.2 39.9";

    /** Each filter in CQL2 Text and the hand-written condition that asks PostGIS the same. */
    static final Map<String, String[]> FILTERS = new LinkedHashMap<>();

    static {
        FILTERS.put("equals", new String[] {"rank = 7", "(properties->>'rank')::numeric = 7"});
        FILTERS.put("less", new String[] {"score < 12.5", "(properties->>'score')::numeric < 12.5"});
        FILTERS.put("string", new String[] {"kind = 'pond'", "properties->>'kind' = 'pond'"});
        FILTERS.put("like", new String[] {"nameZh LIKE '网格t0-12-%'", "properties->>'nameZh' LIKE '网格t0-12-%'"});
        FILTERS.put("in", new String[] {"kind IN ('lake', 'canal')", "properties->>'kind' IN ('lake', 'canal')"});
        FILTERS.put("between", new String[] {"rank BETWEEN 10 AND 12", "(properties->>'rank')::numeric BETWEEN 10 AND 12"});
        FILTERS.put("bbox", new String[] {"S_INTERSECTS(geometry, BBOX(116.0, 39.8, 116.5, 40.2))",
            "geom && ST_MakeEnvelope(116.0, 39.8, 116.5, 40.2, 4326) AND ST_Intersects(geom, ST_MakeEnvelope(116.0, 39.8, 116.5, 40.2, 4326))"});
        FILTERS.put("polygon", new String[] {"S_INTERSECTS(geometry, POLYGON((" + TRIANGLE + ")))",
            "ST_Intersects(geom, 'SRID=4326;POLYGON((" + TRIANGLE + "))'::geometry)"});
        FILTERS.put("and-bbox", new String[] {"rank < 10 AND S_INTERSECTS(geometry, BBOX(116.0, 39.8, 116.5, 40.2))",
            "(properties->>'rank')::numeric < 10 AND ST_Intersects(geom, ST_MakeEnvelope(116.0, 39.8, 116.5, 40.2, 4326))"});
        FILTERS.put("or-within", new String[] {"(kind = 'lake' OR rank > 95) AND S_WITHIN(geometry, POLYGON((" + BOX + ")))",
            "(properties->>'kind' = 'lake' OR (properties->>'rank')::numeric > 95) AND ST_Within(geom, 'SRID=4326;POLYGON((" + BOX + "))'::geometry)"});
    }

    @Param({"equals", "less", "string", "like", "in", "between", "bbox", "polygon", "and-bbox", "or-within"})
    public String filter;

    private static ConfigurableApplicationContext service;
    private static String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private HttpRequest request;
    private Connection connection;
    private PreparedStatement sql;

    @Setup(Level.Trial)
    public void start() throws Exception {
        HundredThousand data = HundredThousand.get();
        synchronized (CqlPushDownBenchmark.class) {
            if (service == null) {
                PostgisCluster cluster = PostgisCluster.shared();
                String url = ((org.springframework.jdbc.datasource.SingleConnectionDataSource) data.db).getUrl();
                // the postgis profile needs an identity provider's key; reads of /ogc are anonymous
                var keys = KeyPairGenerator.getInstance("RSA");
                keys.initialize(2048);
                Path pem = Files.createTempFile("liuyu-bench-issuer", ".pem");
                pem.toFile().deleteOnExit();
                Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(keys.generateKeyPair().getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
                // an atlas directory without rules: the demo's rules name layers this database does not hold
                Path empty = Files.createTempDirectory("liuyu-bench-no-rules");
                service = new SpringApplication(LiuyuApplication.class).run("--spring.profiles.active=postgis",
                    "--liuyu.atlas.dir=" + empty,
                    "--LIUYU_DB_URL=" + url, "--LIUYU_DB_USER=" + cluster.user(), "--server.port=0",
                    "--liuyu.atlas.poll-interval=1h",
                    "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + pem,
                    "--logging.level.root=WARN", "--spring.main.banner-mode=off");
                base = "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port");
            }
        }
        String[] f = FILTERS.get(filter);
        request = HttpRequest.newBuilder(URI.create(base + "/ogc/collections/tiled-0/items?limit=" + LIMIT + "&filter="
            + URLEncoder.encode(f[0], StandardCharsets.UTF_8))).build();
        connection = data.db.getConnection();
        sql = connection.prepareStatement("SELECT id, count(*) OVER () FROM zone_feature WHERE layer_id = 'tiled-0' AND ("
            + f[1] + ") ORDER BY position, id LIMIT " + LIMIT);
        JsonNode answer = json.readTree(get());
        long matched = answer.get("numberMatched").asLong();
        long direct = 0;
        String first = null;
        try (ResultSet rs = sql.executeQuery()) {
            if (rs.next()) {
                first = rs.getString(1);
                direct = rs.getLong(2);
            }
        }
        String served = answer.get("features").isEmpty() ? null : answer.get("features").get(0).get("id").asString();
        if (matched != direct || !java.util.Objects.equals(first, served)) {
            throw new IllegalStateException(filter + ": service " + matched + " matches (first " + served + "), SQL " + direct
                + " (first " + first + ")");
        }
        System.out.printf("%n[cql push-down, filter=%s] %s — %d of 100,161 features match%n", filter, f[0], matched);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        sql.close();
    }

    private String get() throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    @Benchmark
    public int service() throws Exception {
        return get().length();
    }

    @Benchmark
    public long baselineHandWrittenSql() throws SQLException {
        long n = 0;
        try (ResultSet rs = sql.executeQuery()) {
            while (rs.next()) {
                n += rs.getLong(2);
            }
        }
        return n;
    }
}
