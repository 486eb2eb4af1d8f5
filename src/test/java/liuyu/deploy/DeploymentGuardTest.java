package liuyu.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import liuyu.LiuyuApplication;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.PostgisImporter;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import liuyu.testing.TestRecords;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The service refuses to start where it would be unsafe, naming the setting: the postgis profile or a user's
 * atlas without an identity provider, the development users with the postgis profile, and a records database
 * holding demo records under a deployment that is not the demo. Started for real, as java -jar would.
 */
@Tag("integration")
class DeploymentGuardTest {
    static Throwable root(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A PostGIS database holding the gis/ layers, as the README's import command leaves it. */
    static String importedDatabase() {
        PostgisCluster cluster = PostgisCluster.shared();
        String url = cluster.newDatabase();
        DriverManagerDataSource db = new DriverManagerDataSource(url, cluster.user(), "");
        Migrations.postgis(db).migrate();
        new PostgisImporter(db)
                .importLayers(new AtlasLoader().read(Path.of("gis"), false).layers(), true, imported -> {});
        return url;
    }

    @Test
    void thePostgisProfileWithoutAnIdentityProviderRefusesToStartNamingTheSetting() {
        String url = importedDatabase();
        assertThatThrownBy(() -> SpringApplication.run(
                        LiuyuApplication.class,
                        "--spring.profiles.active=postgis",
                        "--LIUYU_DB_URL=" + url,
                        "--LIUYU_DB_USER=" + PostgisCluster.shared().user(),
                        "--server.port=0"))
                .satisfies(e -> assertThat(root(e).getMessage())
                        .startsWith("no identity provider is configured: set "
                                + "spring.security.oauth2.resourceserver.jwt.issuer-uri")
                        .contains("Profile 'postgis' is a production profile"));
        assertThatThrownBy(() -> SpringApplication.run(
                        LiuyuApplication.class,
                        "--spring.profiles.active=postgis,dev",
                        "--LIUYU_DB_URL=" + url,
                        "--LIUYU_DB_USER=" + PostgisCluster.shared().user(),
                        "--server.port=0"))
                .satisfies(e -> assertThat(root(e).getMessage())
                        .startsWith("the development users of profile 'dev' are never active with profile 'postgis'"));
        JdbcTemplate db = new JdbcTemplate(
                new DriverManagerDataSource(url, PostgisCluster.shared().user(), ""));
        assertThat(db.queryForObject("SELECT count(*) FROM observation", Integer.class))
                .as("nothing written")
                .isZero();
        assertThat(db.queryForObject("SELECT count(*) FROM outfall", Integer.class))
                .isZero();
    }

    @Test
    void aUsersAtlasWithoutAnIdentityProviderRefusesToStartNamingTheSetting() {
        assertThatThrownBy(() -> SpringApplication.run(
                        LiuyuApplication.class,
                        "--liuyu.atlas.dir=src/test/resources/ogc-atlas",
                        "--spring.datasource.url=" + TestRecords.h2Memory("guard-own"),
                        "--server.port=0"))
                .satisfies(e -> assertThat(root(e).getMessage())
                        .startsWith("no identity provider is configured: set "
                                + "spring.security.oauth2.resourceserver.jwt.issuer-uri")
                        .contains("The atlas served, OGC test fixture atlas (ogc-fixture), is not the demo")
                        .contains("--spring.profiles.active=dev"));
    }

    @Test
    void demoRecordsInTheRecordsOfAUsersAtlasStopStartUpNamingTheCleanUp() throws Exception {
        Path dir = Files.createTempDirectory("guard-records");
        String url = TestRecords.h2File(dir);
        DriverManagerDataSource ds = new DriverManagerDataSource(url, "sa", "");
        Flyway.configure().dataSource(ds).locations(Migrations.RECORDS).load().migrate();
        new JdbcTemplate(ds)
                .update(
                        "INSERT INTO observation (observation_id, version, site_id, sampled_at, parameter_code, measured_value,"
                                + " unit, reported_value, reported_unit, below_detection_limit, source_kind, recorded_by, recorded_at) VALUES"
                                + " ('syn-a-2025-06-TP', 1, 'a', CURRENT_TIMESTAMP, 'TP', '0.1', 'mg/L', '0.1', 'mg/L', false, 'synthetic', 'demo-generator',"
                                + " CURRENT_TIMESTAMP)");
        assertThatThrownBy(() -> SpringApplication.run(
                        LiuyuApplication.class,
                        "--liuyu.atlas.dir=src/test/resources/ogc-atlas",
                        "--spring.profiles.active=dev",
                        "--spring.datasource.url=" + url,
                        "--server.port=0"))
                .satisfies(e -> assertThat(root(e).getMessage())
                        .startsWith("the records database holds 1 synthetic observations")
                        .contains("purge-synthetic"));
    }

    /** The demo started without 'dev' and without an identity provider (java -jar): it answers, and refuses every write. */
    @Test
    void theDemoWithoutTheDevelopmentProfileRefusesWritesWithAClearMessage() throws Exception {
        try (ConfigurableApplicationContext app = SpringApplication.run(
                LiuyuApplication.class,
                "--server.port=0",
                "--spring.datasource.url=" + TestRecords.h2Memory("guard-demo"))) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> read = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/layers"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            HttpResponse<String> write = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/check-reports"))
                            .header("Content-Type", "application/json")
                            .header("X-Liuyu-Client", "test")
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString("planner:planner".getBytes(StandardCharsets.UTF_8)))
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(write.statusCode()).isEqualTo(401);
            assertThat(write.body())
                    .contains(
                            "writes are refused: no identity provider is configured "
                                    + "(spring.security.oauth2.resourceserver.jwt.issuer-uri) and the development profile 'dev' is not active");
        }
    }
}
