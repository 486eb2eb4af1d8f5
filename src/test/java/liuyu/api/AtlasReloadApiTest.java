package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import liuyu.imports.Fixtures;
import liuyu.testing.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running service over an atlas directory takes a layer that {@code import} wrote on POST /admin/atlas/reload
 * (role ADMIN), and refuses a broken atlas as start-up would, still answering from its snapshot.
 */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("integration")
class AtlasReloadApiTest {
    static final Path DIR;
    static final Path ATLAS;

    static {
        try {
            DIR = Files.createTempDirectory("liuyu-reload-");
            ATLAS = DIR.resolve("atlas");
            Path first = Fixtures.write(DIR, "first.geojson", """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"far","nameZh":"远处"},
                 "geometry":{"type":"Polygon","coordinates":[[[115.5,39.5],[115.6,39.5],[115.6,39.6],[115.5,39.6],[115.5,39.5]]]}}]}""");
            Fixtures.Run r = Fixtures.run(Fixtures.args(first.toString(), "--atlas=" + ATLAS, "--layer=districts"));
            if (r.code() != 0) {
                throw new IllegalStateException(r.err());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void atlas(DynamicPropertyRegistry registry) {
        registry.add("liuyu.atlas.dir", ATLAS::toString);
    }

    @LocalServerPort
    int port;

    @Test
    void aNewLayerIsServedAfterReloadAndABrokenAtlasIsRefused() throws Exception {
        Http http = new Http(port);
        Path zones = Fixtures.write(DIR, "zones.geojson", Fixtures.ZONES);
        Fixtures.Run r = Fixtures.run(Fixtures.args(
                zones.toString(),
                "--atlas=" + ATLAS,
                "--layer=protection-zones",
                "--map",
                "id=编号",
                "--map",
                "nameZh=名称",
                "--map",
                "level=级别"));
        assertThat(r.code()).as(r.err()).isZero();
        String locate = "/locate?lon=" + Fixtures.IN_Z1[0] + "&lat=" + Fixtures.IN_Z1[1];
        assertThat(http.get(locate).body().path("within").size())
                .as("not before the reload")
                .isZero();

        assertThat(http.post("/admin/atlas/reload", "application/json", "", null)
                        .status())
                .isEqualTo(401);
        assertThat(http.post("/admin/atlas/reload", "application/json", "", Http.basic("viewer", "viewer"))
                        .status())
                .isEqualTo(403);
        Http.Reply ok = http.post("/admin/atlas/reload", "application/json", "", Http.basic("admin", "admin"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().path("layers").toString())
                .contains("\"id\":\"protection-zones\"")
                .contains("\"features\":2");
        Http.Reply found = http.get(locate);
        assertThat(found.body().path("within").get(0).path("id").asString()).isEqualTo("z1");
        assertThat(found.body().path("within").get(0).path("nameZh").asString()).isEqualTo(Fixtures.Z1);
        assertThat(found.body()
                        .path("within")
                        .get(0)
                        .path("provenance")
                        .path("method")
                        .asString())
                .isEqualTo("surveyed");

        Path layerFile = ATLAS.resolve("layers/protection-zones.geojson");
        String good = Files.readString(layerFile);
        Files.writeString(layerFile, good.replace("\"z2\"", "\"z1\""));
        try {
            Http.Reply refused = http.post("/admin/atlas/reload", "application/json", "", Http.basic("admin", "admin"));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().path("parameter").asString()).isEqualTo("atlas");
            assertThat(refused.body().path("problems").toString()).contains("feature 'z1': duplicate id");
            assertThat(http.get(locate).body().path("within").get(0).path("id").asString())
                    .as("still the previous snapshot")
                    .isEqualTo("z1");
        } finally {
            Files.writeString(layerFile, good);
        }
    }
}
