package liuyu.api.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import liuyu.LiuyuApplication;
import liuyu.atlas.Feature;
import liuyu.atlas.GeneratedAtlas;
import liuyu.atlas.Layer;
import liuyu.atlas.PostgisImporter;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * OGC items with a CQL2 filter on the postgis profile, where the page is cut in SQL, answer exactly as the
 * same service paging the filtered snapshot in memory ({@code liuyu.ogc.filter-in-database=false}): two
 * services over one PostGIS database holding a layer of 24,000 polygons with mixed-type properties, asked the
 * same random requests (random filters from a small grammar, limits up to 10,000, offsets up to and past the
 * end, with bbox, sortby and equality parameters mixed in). Everything but {@code timeStamp} must be equal:
 * numberMatched, numberReturned, every link, every feature and its order; the HTML pages too.
 */
@Tag("integration")
class PostgisPagingTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] KINDS = {"lake", "canal", "river", "pond", "Lake"};
    private static final int CELLS = 24_000;

    static ConfigurableApplicationContext inDatabase;
    static ConfigurableApplicationContext inMemory;
    static Layer layer;

    @BeforeAll
    static void twoServicesOverOneDatabase() throws Exception {
        Layer tiled = GeneratedAtlas.tiled(CELLS, 1, 1, 17).layers().iterator().next();
        Random random = new Random(1717);
        List<Feature> features = new ArrayList<>();
        for (Feature f : tiled.features()) {
            Map<String, Object> p = new HashMap<>(f.properties());
            int r = random.nextInt(110);
            if (r < 100) {
                p.put("rank", r);
            } else if (r < 104) {
                p.put("rank", String.valueOf(r % 10)); // the same property as a string: never equal to a number
            } else if (r < 107) {
                p.put("rank", null);
            } // else missing
            p.put("kind", KINDS[random.nextInt(KINDS.length)]);
            p.put("score", BigDecimal.valueOf(random.nextInt(10_000), 1));
            p.put("flag", random.nextInt(3) == 0);
            features.add(new Feature(f.layer(), f.id(), f.geometry(), p, f.provenance()));
        }
        layer = new Layer(tiled.info(), features);
        PostgisCluster cluster = PostgisCluster.shared();
        String url = cluster.newDatabase();
        DataSource db = new SingleConnectionDataSource(url, cluster.user(), "", true);
        Migrations.postgis(db).migrate();
        new PostgisImporter(db).importLayers(List.of(layer), true, i -> {});
        new JdbcTemplate(db).execute("ANALYZE zone_feature");

        // the postgis profile needs an identity provider's key; reads of /ogc are anonymous
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        Path pem = Files.createTempFile("liuyu-paging-issuer", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(
                pem,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(
                                        keys.generateKeyPair().getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        // an atlas directory without rules: the demo's rules name layers this database does not hold
        Path empty = Files.createTempDirectory("liuyu-paging-no-rules");
        inDatabase = start(url, cluster.user(), pem, empty, true);
        inMemory = start(url, cluster.user(), pem, empty, false);
    }

    private static ConfigurableApplicationContext start(
            String url, String user, Path pem, Path atlasDir, boolean filterInDatabase) {
        return new SpringApplication(LiuyuApplication.class)
                .run(
                        "--spring.profiles.active=postgis",
                        "--liuyu.atlas.dir=" + atlasDir,
                        "--LIUYU_DB_URL=" + url,
                        "--LIUYU_DB_USER=" + user,
                        "--server.port=0",
                        "--liuyu.atlas.poll-interval=1h",
                        "--liuyu.ogc.filter-in-database=" + filterInDatabase,
                        "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + pem,
                        "--spring.main.banner-mode=off");
    }

    @AfterAll
    static void stop() {
        if (inDatabase != null) {
            inDatabase.close();
        }
        if (inMemory != null) {
            inMemory.close();
        }
    }

    @Test
    void randomRequestsGetTheSamePagesAsTheSnapshotGives() throws Exception {
        Random random = new Random(20260);
        int compared = 0;
        int pastTenThousand = 0;
        int withNext = 0;
        int emptyPastTheEnd = 0;
        int largeMatches = 0;
        for (int k = 0; k < 120; k++) {
            String filter = expression(random, 2);
            Map<String, String> parameters = new java.util.LinkedHashMap<>();
            parameters.put("filter", filter);
            // mostly small pages; a full page of 10,000 now and then (each one is 10,000 features written and read
            // twice, which is most of the test's time)
            int limit = new int[] {1, 7, 10, 100, 250, 999, 1, 7, 10, 100, 250, 999, 10_000}[random.nextInt(13)];
            parameters.put("limit", String.valueOf(limit));
            // the first request of a filter learns how many match, the next ones page through that
            String first = path(parameters);
            JsonNode probe = JSON.readTree(get(inMemory, first));
            int matched = probe.get("numberMatched").asInt();
            largeMatches += matched > 10_000 ? 1 : 0;
            for (int page = 0; page < 3; page++) {
                int offset = switch (random.nextInt(6)) {
                    case 0 -> 0;
                    case 1 -> random.nextInt(Math.max(1, matched));
                    case 2 -> Math.max(0, matched - random.nextInt(Math.min(limit, 50) + 1)); // the last page
                    case 3 -> matched + random.nextInt(3); // at or past the end
                    case 4 -> 9_990 + random.nextInt(30); // around 10,000
                    default -> random.nextInt(CELLS + 1);
                };
                Map<String, String> p = new java.util.LinkedHashMap<>(parameters);
                p.put("offset", String.valueOf(offset));
                switch (random.nextInt(8)) {
                    case 0 -> p.put("bbox", box(random));
                    case 1 -> p.put("sortby", random.nextBoolean() ? "-rank,score" : "kind");
                    case 2 -> p.put("kind", KINDS[random.nextInt(KINDS.length)]);
                    case 3 -> p.put("f", "html");
                    default -> {}
                }
                String path = path(p);
                String a = get(inDatabase, path);
                String b = get(inMemory, path);
                if ("html".equals(p.get("f"))) {
                    assertThat(a).as(path).isEqualTo(b);
                } else {
                    JsonNode x = JSON.readTree(a);
                    JsonNode y = JSON.readTree(b);
                    ((ObjectNode) x).remove("timeStamp");
                    ((ObjectNode) y).remove("timeStamp");
                    assertThat(x.get("numberMatched")).as(path).isNotNull();
                    assertThat(ids(x)).as(path).containsExactlyElementsOf(ids(y));
                    assertThat(x).as(path).isEqualTo(y);
                    int n = x.get("numberMatched").asInt();
                    pastTenThousand += offset > 10_000 && offset < n ? 1 : 0;
                    withNext += links(x).contains("next") ? 1 : 0;
                    emptyPastTheEnd += offset >= n && n > 0 ? 1 : 0;
                }
                compared++;
            }
        }
        // the random requests reached what they are meant to cover
        assertThat(compared).isEqualTo(360);
        assertThat(largeMatches).as("filters matching more than 10,000").isGreaterThan(5);
        assertThat(pastTenThousand).as("pages starting past 10,000").isGreaterThan(5);
        assertThat(withNext).as("pages with a next link").isGreaterThan(50);
        assertThat(emptyPastTheEnd).as("offsets past the end").isGreaterThan(5);
    }

    private static List<String> ids(JsonNode collection) {
        List<String> out = new ArrayList<>();
        collection.get("features").forEach(f -> out.add(f.get("id").asString()));
        return out;
    }

    private static List<String> links(JsonNode collection) {
        List<String> out = new ArrayList<>();
        collection.get("links").forEach(l -> out.add(l.get("rel").asString()));
        return out;
    }

    /** A small CQL2 grammar over the layer's queryables: comparisons, IN, BETWEEN, LIKE, IS NULL, boxes, AND/OR/NOT. */
    private static String expression(Random r, int depth) {
        return switch (depth == 0 ? 0 : r.nextInt(5)) {
            case 1 -> "(" + expression(r, depth - 1) + " AND " + expression(r, depth - 1) + ")";
            case 2 -> "(" + expression(r, depth - 1) + " OR " + expression(r, depth - 1) + ")";
            case 3 -> "NOT (" + expression(r, depth - 1) + ")";
            default -> leaf(r);
        };
    }

    private static String leaf(Random r) {
        String[] ops = {"=", "<>", "<", ">", "<=", ">="};
        return switch (r.nextInt(10)) {
            case 0 -> "rank " + ops[r.nextInt(ops.length)] + " " + r.nextInt(100);
            case 1 -> "rank = '" + r.nextInt(10) + "'";
            case 2 -> "kind = '" + KINDS[r.nextInt(KINDS.length)] + "'";
            case 3 -> "kind IN ('" + KINDS[r.nextInt(KINDS.length)] + "', '" + KINDS[r.nextInt(KINDS.length)] + "')";
            case 4 -> "score BETWEEN " + r.nextInt(500) + " AND " + (500 + r.nextInt(500));
            case 5 -> "nameZh LIKE '网格t0-" + r.nextInt(20) + "%'";
            case 6 -> "rank IS NULL";
            case 7 -> "flag = " + r.nextBoolean();
            default -> "S_INTERSECTS(geometry, BBOX(" + box(r).replace(",", ", ") + "))";
        };
    }

    /** A box inside the layer's extent, from a few cells to most of it. */
    private static String box(Random r) {
        double w = (GeneratedAtlas.MAX_LON - GeneratedAtlas.MIN_LON) * Math.pow(10, -2 + 2 * r.nextDouble());
        double h = (GeneratedAtlas.MAX_LAT - GeneratedAtlas.MIN_LAT) * Math.pow(10, -2 + 2 * r.nextDouble());
        double x = GeneratedAtlas.MIN_LON + r.nextDouble() * (GeneratedAtlas.MAX_LON - GeneratedAtlas.MIN_LON - w);
        double y = GeneratedAtlas.MIN_LAT + r.nextDouble() * (GeneratedAtlas.MAX_LAT - GeneratedAtlas.MIN_LAT - h);
        return String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", x, y, x + w, y + h);
    }

    private static String path(Map<String, String> parameters) {
        StringBuilder b = new StringBuilder("/ogc/collections/" + layer.id() + "/items?");
        parameters.forEach((name, value) -> b.append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                .append('&'));
        return b.substring(0, b.length() - 1);
    }

    private static String get(ConfigurableApplicationContext service, String path) throws Exception {
        String port = service.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        // links name the port the client used: the two services differ in that alone
        return r.body().replace("127.0.0.1:" + port, "127.0.0.1:PORT");
    }
}
