package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;

import liuyu.testing.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** An atlas without a DEM says so (the same context as the quality API tests: their atlas has none). */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/quality-atlas", "liuyu.quality.demo-observations=false"})
@Tag("integration")
class CatchmentAbsentTest {
    @LocalServerPort
    int port;

    @Test
    void anAtlasWithoutADemAnswers404WithTheReason() throws Exception {
        Http.Reply r = new Http(port).get("/catchment?lon=116.4&lat=39.9");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("parameter").asString()).isEqualTo("catchment");
        assertThat(r.body().path("detail").asString())
                .startsWith("this atlas has no DEM: catchments need one (atlas.yaml: dem:");
    }
}
