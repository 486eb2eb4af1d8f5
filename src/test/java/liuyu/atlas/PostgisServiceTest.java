package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service on its production profile against a real PostGIS: layers from the database, edits
 * picked up without a restart, and the database taken away and brought back under it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "liuyu.atlas.poll-interval=1h")
@ActiveProfiles("postgis")
@Tag("integration")
class PostgisServiceTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String URL;

    /** A cluster of its own: the fault test stops it, which must not touch the databases of other classes. */
    private static final PostgisCluster CLUSTER = PostgisCluster.own();

    static {
        PostgisCluster cluster = CLUSTER;
        URL = cluster.newDatabase();
        DriverManagerDataSource db = new DriverManagerDataSource(URL, cluster.user(), "");
        Migrations.postgis(db).migrate();
        new PostgisImporter(db)
                .importLayers(new AtlasLoader().read(Path.of("gis"), false).layers(), true, imported -> {});
    }

    /** The identity provider's signing key: production needs one (issue 15), the public half stands in for its JWK set. */
    static final KeyPair ISSUER = rsa();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        registry.add("LIUYU_DB_URL", () -> URL);
        registry.add("LIUYU_DB_USER", () -> CLUSTER.user());
        Path pem = Files.createTempFile("liuyu-issuer", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(
                pem,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(ISSUER.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String bearer(String subject, String role) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .claim("roles", List.of(role))
                .issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) ISSUER.getPrivate()));
        return "Bearer " + jwt.serialize();
    }

    @LocalServerPort
    int port;

    @Autowired
    PostgisAtlasReloader reloader;

    record Reply(int status, HttpResponse<String> raw, JsonNode body) {}

    Reply send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r, r.body().isBlank() ? JSON.missingNode() : JSON.readTree(r.body()));
    }

    Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)));
    }

    Reply postObservation(String id) throws Exception {
        return postObservation(id, bearer("monitor", "MONITOR"));
    }

    Reply postObservation(String id, String auth) throws Exception {
        String body = """
            {"observations": [{"id": "%s", "sampledAt": "2025-06-05T09:30:00+08:00", "parameter": "TP", "value": 0.1,
             "unit": "mg/L", "source": "manual", "sampler": "张三", "analyst": "李四", "reviewer": "王五", "signatory": "赵六"}]}""".formatted(id);
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sections/gubeikou/observations"))
                .header("Content-Type", "application/json")
                .header("Authorization", auth)
                .header("X-Liuyu-Client", "test")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void answersFromLayersInPostgisAndPicksUpEditsWithoutARestart() throws Exception {
        Reply before = get("/locate?lon=116.95&lat=40.52");
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body().toString()).contains("miyun-level-1");
        String version = get("/layers")
                .body()
                .path("layers")
                .findValues("version")
                .get(0)
                .asString();

        // a GIS editor renames the reservoir in QGIS: an UPDATE on the feature table
        new JdbcTemplate(new DriverManagerDataSource(URL, CLUSTER.user(), ""))
                .update(
                        "UPDATE zone_feature SET properties = properties || '{\"nameEn\": \"Miyun Reservoir (edited)\"}' WHERE layer_id = 'reservoirs' AND id = 'miyun'");
        assertThat(reloader.reloadIfChanged()).isTrue();

        JsonNode reservoirs = get("/layers").body().path("layers").get(0);
        assertThat(reservoirs.path("id").asString()).isEqualTo("reservoirs");
        assertThat(reservoirs.path("version").asString()).isNotEqualTo(version);
        assertThat(get("/locate?lon=116.95&lat=40.52").body().toString()).contains("Miyun Reservoir (edited)");
        assertThat(reloader.reloadIfChanged()).as("nothing changed since").isFalse();
    }

    Reply postCheckReport(String projectId) throws Exception {
        String auth = bearer("planner", "PLANNER");
        String site =
                "{\"type\": \"Feature\", \"id\": \"" + projectId + "\", \"properties\": {\"activity\": \"dumping\"},"
                        + " \"geometry\": {\"type\": \"Point\", \"coordinates\": [116.95, 40.52]}}";
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/check-reports"))
                .header("Content-Type", "application/json")
                .header("Authorization", auth)
                .header("X-Liuyu-Client", "test")
                .POST(HttpRequest.BodyPublishers.ofString(site)));
    }

    static void assertRetryLater(Reply reply) {
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(reply.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void anInvalidEditInTheDatabaseLeavesTheServiceOnItsSnapshotUntilItIsMended() throws Exception {
        JdbcTemplate editor = new JdbcTemplate(new DriverManagerDataSource(URL, CLUSTER.user(), ""));
        String where = " WHERE layer_id = 'shore-bands' AND id = 'band-157_5-160'";
        byte[] original = editor.queryForObject("SELECT ST_AsEWKB(geom) FROM zone_feature" + where, byte[].class);
        reloader.reloadIfChanged();
        String version =
                get("/layers/shore-bands").body().path("layer").path("version").asString();

        // an editor saves a self-intersecting ring (the table's checks accept it; the loader's do not)
        editor.update(
                "UPDATE zone_feature SET geom = ST_GeomFromText('POLYGON((116.9 40.4, 117 40.5, 117 40.4, 116.9 40.5, 116.9 40.4))', 4326)"
                        + where);
        assertThatThrownBy(reloader::reloadIfChanged)
                .isInstanceOfSatisfying(
                        AtlasLoadException.class,
                        e -> assertThat(String.join("\n", e.problems())).contains("band-157_5-160"));
        assertThat(get("/layers/shore-bands")
                        .body()
                        .path("layer")
                        .path("version")
                        .asString())
                .as("still the snapshot in use")
                .isEqualTo(version);

        editor.update("UPDATE zone_feature SET geom = ST_GeomFromEWKB(?)" + where, (Object) original);
        assertThat(reloader.reloadIfChanged()).isTrue();
        String mended =
                get("/layers/shore-bands").body().path("layer").path("version").asString();
        assertThat(mended)
                .isNotEqualTo(version)
                .isEqualTo(editor.queryForObject(
                        "SELECT 'v' || version FROM atlas_layer WHERE id = 'shore-bands'", String.class));
    }

    /** The demo atlas imported into PostGIS is still not the demo: no synthetic ledger history, no synthetic observations. */
    @Test
    void thePostgisProfileWritesNoDemoRowsAndRefusesTheDevelopmentUsers() throws Exception {
        JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(URL, CLUSTER.user(), ""));
        assertThat(db.queryForObject("SELECT count(*) FROM observation WHERE source_kind = 'synthetic'", Integer.class))
                .isZero();
        assertThat(db.queryForObject("SELECT count(*) FROM outfall", Integer.class))
                .as("the imported outfalls are all synthetic")
                .isZero();
        assertThat(db.queryForObject("SELECT count(*) FROM outfall_event", Integer.class))
                .isZero();
        assertThat(get("/outfalls").body().path("numberMatched").asInt()).isZero();

        Reply basic = postObservation(
                "dev-user-1",
                "Basic " + Base64.getEncoder().encodeToString("monitor:monitor".getBytes(StandardCharsets.UTF_8)));
        assertThat(basic.status()).isEqualTo(401);
        assertThat(db.queryForObject(
                        "SELECT count(*) FROM observation WHERE observation_id = 'dev-user-1'", Integer.class))
                .isZero();
    }

    @Test
    void observationsAndCheckReportsAreRecordedInPostgresql() throws Exception {
        assertThat(postObservation("pg-record-1").status()).isEqualTo(201);
        assertThat(postCheckReport("pg-site").status()).isEqualTo(201);
        JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(URL, CLUSTER.user(), ""));
        assertThat(db.queryForObject("SELECT recorded_by FROM check_report WHERE project_id = 'pg-site'", String.class))
                .isEqualTo("planner");
        assertThat(db.queryForObject(
                        "SELECT recorded_by FROM observation WHERE observation_id = 'pg-record-1' AND version = 1",
                        String.class))
                .isEqualTo("monitor");
    }

    @Test
    void withTheDatabaseDownQueriesStillAnswerWritesAre503AndEverythingRecovers() throws Exception {
        assertThat(postObservation("fault-1").status()).isEqualTo(201);
        CLUSTER.stop();
        try {
            assertThat(get("/locate?lon=116.41&lat=39.92").status()).isEqualTo(200);
            assertThat(get("/layers/districts").status()).isEqualTo(200);
            reloader.poll(); // a failed poll keeps the snapshot
            assertThat(get("/locate?lon=116.41&lat=39.92").body().toString()).contains("110101");

            assertRetryLater(postObservation("fault-2"));
            assertRetryLater(postCheckReport("fault-site"));
            // recorded reports are read by planners and monitors only
            assertRetryLater(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/check-reports/1"))
                    .header("Authorization", bearer("planner", "PLANNER"))));

            Reply health = get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body().path("status").asString()).isEqualTo("DOWN");
        } finally {
            CLUSTER.start(); // returns when PostgreSQL accepts connections (pg_ctl -w)
        }
        // the service's pool replaces its dead connections on its own: wait for its readiness (health UP), bounded
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get("/actuator/health").status() == 200);
        assertThat(postObservation("fault-2").status()).isEqualTo(201);
        assertThat(postCheckReport("fault-site").status()).isEqualTo(201);
    }
}
