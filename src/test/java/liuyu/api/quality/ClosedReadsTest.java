package liuyu.api.quality;

import static org.assertj.core.api.Assertions.assertThat;

import liuyu.testing.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Reads stay open unless configured otherwise: {@code liuyu.access.open-reads=false} closes them. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liuyu.atlas.dir=src/test/resources/quality-atlas",
            "liuyu.quality.demo-observations=false",
            "liuyu.access.open-reads=false"
        })
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@Tag("integration")
class ClosedReadsTest {
    @LocalServerPort
    int port;

    @Test
    void withReadsClosedAGetNeedsAUserAndAnyUserMayRead() throws Exception {
        Http http = new Http(port);
        Http.Reply anonymous = http.get("/sections");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/sections", Http.basic("viewer", "viewer")).status())
                .isEqualTo(200);
        // classify stores nothing and stays open
        assertThat(http.postJson("/quality/classify", "{\"waterbody\": \"river\", \"values\": {\"TP\": 0.1}}", null)
                        .status())
                .isEqualTo(200);
    }
}
