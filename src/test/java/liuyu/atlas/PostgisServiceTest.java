package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import liuyu.postgis.PostgisCluster;
import liuyu.records.Migrations;
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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"liuyu.atlas.poll-interval=1h", "liuyu.quality.demo-observations=false"})
@ActiveProfiles("postgis")
class PostgisServiceTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String URL;

    static {
        PostgisCluster cluster = PostgisCluster.shared();
        URL = cluster.newDatabase();
        DriverManagerDataSource db = new DriverManagerDataSource(URL, cluster.user(), "");
        Migrations.postgis(db).migrate();
        new PostgisImporter(db).importLayers(new AtlasLoader().read(Path.of("gis"), false).layers(), true, imported -> { });
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("LIUYU_DB_URL", () -> URL);
        registry.add("LIUYU_DB_USER", () -> PostgisCluster.shared().user());
    }

    @LocalServerPort
    int port;

    @Autowired
    PostgisAtlasReloader reloader;

    record Reply(int status, HttpResponse<String> raw, JsonNode body) {
    }

    Reply send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r, r.body().isBlank() ? JSON.missingNode() : JSON.readTree(r.body()));
    }

    Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)));
    }

    Reply postObservation(String id) throws Exception {
        String body = """
            {"observations": [{"id": "%s", "sampledAt": "2025-06-05T09:30:00+08:00", "parameter": "TP", "value": 0.1,
             "unit": "mg/L", "source": "manual", "sampler": "张三", "analyst": "李四", "reviewer": "王五", "signatory": "赵六"}]}""".formatted(id);
        String auth = "Basic " + Base64.getEncoder().encodeToString("monitor:monitor".getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sections/gubeikou/observations"))
            .header("Content-Type", "application/json").header("Authorization", auth).header("X-Liuyu-Client", "test")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void answersFromLayersInPostgisAndPicksUpEditsWithoutARestart() throws Exception {
        Reply before = get("/locate?lon=116.95&lat=40.52");
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body().toString()).contains("miyun-level-1");
        String version = get("/layers").body().path("layers").findValues("version").get(0).asString();

        // a GIS editor renames the reservoir in QGIS: an UPDATE on the feature table
        new JdbcTemplate(new DriverManagerDataSource(URL, PostgisCluster.shared().user(), "")).update(
            "UPDATE zone_feature SET properties = properties || '{\"nameEn\": \"Miyun Reservoir (edited)\"}' WHERE layer_id = 'reservoirs' AND id = 'miyun'");
        assertThat(reloader.reloadIfChanged()).isTrue();

        JsonNode reservoirs = get("/layers").body().path("layers").get(0);
        assertThat(reservoirs.path("id").asString()).isEqualTo("reservoirs");
        assertThat(reservoirs.path("version").asString()).isNotEqualTo(version);
        assertThat(get("/locate?lon=116.95&lat=40.52").body().toString()).contains("Miyun Reservoir (edited)");
        assertThat(reloader.reloadIfChanged()).as("nothing changed since").isFalse();
    }

    Reply postCheckReport(String projectId) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("planner:planner".getBytes(StandardCharsets.UTF_8));
        String site = "{\"type\": \"Feature\", \"id\": \"" + projectId + "\", \"properties\": {\"activity\": \"dumping\"},"
            + " \"geometry\": {\"type\": \"Point\", \"coordinates\": [116.95, 40.52]}}";
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/check-reports"))
            .header("Content-Type", "application/json").header("Authorization", auth).header("X-Liuyu-Client", "test")
            .POST(HttpRequest.BodyPublishers.ofString(site)));
    }

    static void assertRetryLater(Reply reply) {
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(reply.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void anInvalidEditInTheDatabaseLeavesTheServiceOnItsSnapshotUntilItIsMended() throws Exception {
        JdbcTemplate editor = new JdbcTemplate(new DriverManagerDataSource(URL, PostgisCluster.shared().user(), ""));
        String where = " WHERE layer_id = 'shore-bands' AND id = 'band-157_5-160'";
        byte[] original = editor.queryForObject("SELECT ST_AsEWKB(geom) FROM zone_feature" + where, byte[].class);
        reloader.reloadIfChanged();
        String version = get("/layers/shore-bands").body().path("layer").path("version").asString();

        // an editor saves a self-intersecting ring (the table's checks accept it; the loader's do not)
        editor.update("UPDATE zone_feature SET geom = ST_GeomFromText('POLYGON((116.9 40.4, 117 40.5, 117 40.4, 116.9 40.5, 116.9 40.4))', 4326)" + where);
        assertThatThrownBy(reloader::reloadIfChanged).isInstanceOfSatisfying(AtlasLoadException.class,
            e -> assertThat(String.join("\n", e.problems())).contains("band-157_5-160"));
        assertThat(get("/layers/shore-bands").body().path("layer").path("version").asString()).as("still the snapshot in use").isEqualTo(version);

        editor.update("UPDATE zone_feature SET geom = ST_GeomFromEWKB(?)" + where, (Object) original);
        assertThat(reloader.reloadIfChanged()).isTrue();
        String mended = get("/layers/shore-bands").body().path("layer").path("version").asString();
        assertThat(mended).isNotEqualTo(version)
            .isEqualTo(editor.queryForObject("SELECT 'v' || version FROM atlas_layer WHERE id = 'shore-bands'", String.class));
    }

    @Test
    void observationsAndCheckReportsAreRecordedInPostgresql() throws Exception {
        assertThat(postObservation("pg-record-1").status()).isEqualTo(201);
        assertThat(postCheckReport("pg-site").status()).isEqualTo(201);
        JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(URL, PostgisCluster.shared().user(), ""));
        assertThat(db.queryForObject("SELECT recorded_by FROM check_report WHERE project_id = 'pg-site'", String.class)).isEqualTo("planner");
        assertThat(db.queryForObject("SELECT recorded_by FROM observation WHERE observation_id = 'pg-record-1' AND version = 1", String.class))
            .isEqualTo("monitor");
    }

    @Test
    void withTheDatabaseDownQueriesStillAnswerWritesAre503AndEverythingRecovers() throws Exception {
        assertThat(postObservation("fault-1").status()).isEqualTo(201);
        PostgisCluster.shared().stop();
        try {
            assertThat(get("/locate?lon=116.41&lat=39.92").status()).isEqualTo(200);
            assertThat(get("/layers/districts").status()).isEqualTo(200);
            reloader.poll(); // a failed poll keeps the snapshot
            assertThat(get("/locate?lon=116.41&lat=39.92").body().toString()).contains("110101");

            assertRetryLater(postObservation("fault-2"));
            assertRetryLater(postCheckReport("fault-site"));
            assertRetryLater(get("/check-reports/1"));

            Reply health = get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body().path("status").asString()).isEqualTo("DOWN");
        } finally {
            PostgisCluster.shared().start();
        }
        Reply health = null;
        for (int i = 0; i < 50; i++) {
            health = get("/actuator/health");
            if (health.status() == 200) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(health.status()).isEqualTo(200);
        assertThat(postObservation("fault-2").status()).isEqualTo(201);
        assertThat(postCheckReport("fault-site").status()).isEqualTo(201);
    }
}
