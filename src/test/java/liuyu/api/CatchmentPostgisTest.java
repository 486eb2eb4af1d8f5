package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.PostgisImporter;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import liuyu.testing.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /catchment} on the production profile: the layers come from PostGIS (no atlas.yaml), the DEM is named in the
 * settings, and the answer is the same as from the atlas directory ({@link CatchmentApiTest}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "liuyu.atlas.poll-interval=1h")
@ActiveProfiles("postgis")
@Tag("integration")
class CatchmentPostgisTest {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path atlas = CatchmentApiTest.valleyAtlas(false);
        PostgisCluster cluster = PostgisCluster.shared();
        String url = cluster.newDatabase();
        DriverManagerDataSource db = new DriverManagerDataSource(url, cluster.user(), "");
        Migrations.postgis(db).migrate();
        new PostgisImporter(db)
                .importLayers(new AtlasLoader().read(atlas, false).layers(), true, imported -> {});
        registry.add("LIUYU_DB_URL", () -> url);
        registry.add("liuyu.atlas.dir", atlas::toString); // where the rule catalogue would be: none for these layers
        registry.add("LIUYU_DB_USER", cluster::user);
        registry.add("liuyu.terrain.dem.file", () -> atlas.resolve("valley.tif").toString());
        registry.add("liuyu.terrain.dem.method", () -> "synthetic");
        registry.add("liuyu.terrain.dem.source", () -> "a tilted V valley made by the test");
        registry.add("liuyu.terrain.dem.licence", () -> "CC0-1.0");
        registry.add("liuyu.terrain.dem.accuracy", () -> "exact by construction");
        registry.add("liuyu.terrain.dem.authoritative", () -> "false");
        // production needs an identity provider; the public half of a throwaway key stands in for its key set
        Path pem = Files.createTempFile("liuyu-issuer", ".pem");
        pem.toFile().deleteOnExit();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        Files.writeString(
                pem,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(
                                        rsa.generateKeyPair().getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
    }

    @LocalServerPort
    int port;

    @Test
    void theDemNamedInTheSettingsAnswersCatchmentsOverTheLayersInPostgis() throws Exception {
        Http.Reply r = new Http(port)
                .get("/catchment?" + CatchmentApiTest.at(CatchmentApiTest.CHANNEL + 3, CatchmentApiTest.Y0 - 3005));
        assertThat(r.status()).isEqualTo(200);
        JsonNode p = r.body().path("properties");
        assertThat(p.path("areaKm2").asDouble()).isCloseTo(6.02, within(1e-6));
        assertThat(p.path("zones").get(0).path("id").asString()).isEqualTo("west-half");
        assertThat(p.path("zones").get(0).path("shareOfCatchment").asDouble()).isCloseTo(100.5 / 200, within(0.002));
        assertThat(p.path("inside")).hasSize(1);
        assertThat(p.path("inside").get(0).path("id").asString()).isEqualTo("s-in");
        assertThat(p.path("dem").path("provenance").path("source").asString())
                .isEqualTo("a tilted V valley made by the test");
    }
}
