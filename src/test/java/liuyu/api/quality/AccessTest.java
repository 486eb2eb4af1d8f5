package liuyu.api.quality;

import static org.assertj.core.api.Assertions.assertThat;

import liuyu.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Embedded default access: reads and store-nothing POSTs open, writes need HTTP Basic with role MONITOR. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/quality-atlas", "liuyu.quality.demo-observations=false"})
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@Tag("integration")
class AccessTest {
    static final String BODY = """
        {"observations": [{"id": "acc-1", "sampledAt": "2025-06-05T09:30:00+08:00", "parameter": "TP", "value": 0.1,
         "unit": "mg/L", "source": "automatic", "deviceId": "TP-1", "lastCalibration": "2025-06-01"}]}""";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void aWriteWithoutCredentialsIs401ProblemJsonWithABasicChallenge() throws Exception {
        Http.Reply r = http.postJson("/sections/gubeikou/observations", BODY, null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.wwwAuthenticate()).startsWith("Basic");
        assertThat(r.body().path("status").asInt()).isEqualTo(401);
        assertThat(r.body().path("detail").asString()).contains("authentication required");
        assertThat(r.body().path("parameter").asString()).isEqualTo("Authorization");
    }

    @Test
    void aWrongPasswordIs401() throws Exception {
        Http.Reply r = http.postJson("/sections/gubeikou/observations", BODY, Http.basic("monitor", "guess"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aUserWithoutTheMonitorRoleIs403ProblemJson() throws Exception {
        Http.Reply r = http.postJson("/sections/gubeikou/observations", BODY, Http.basic("viewer", "viewer"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("detail").asString()).contains("viewer").contains("MONITOR");
        assertThat(r.body().path("parameter").asString()).isEqualTo("Authorization");
        assertThat(http.postJson("/sections/gubeikou/observations/x/corrections", "{}", Http.basic("viewer", "viewer"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theMonitorMayWriteAndIsRecordedAsTheAuthor() throws Exception {
        Http.Reply r = http.postJson("/sections/gubeikou/observations", BODY, Http.MONITOR);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(http.get("/sections/gubeikou/observations/acc-1")
                        .body()
                        .path("history")
                        .get(0)
                        .path("recordedBy")
                        .asString())
                .isEqualTo("monitor");
    }

    @Test
    void readsAndStoreNothingEndpointsStayOpen() throws Exception {
        for (String path : new String[] {
            "/sections",
            "/sections/gubeikou",
            "/sections/gubeikou/quality?period=2025",
            "/quality/targets?year=2025",
            "/layers",
            "/actuator/health",
            "/locate?lon=116.4&lat=39.9"
        }) {
            Http.Reply read = http.get(path);
            assertThat(read.status()).as(path + ": " + read.text()).isEqualTo(200);
        }
        assertThat(http.postJson("/quality/classify", "{\"waterbody\": \"river\", \"values\": {\"TP\": 0.1}}", null)
                        .status())
                .isEqualTo(200);
        // /checks is open: an anonymous empty object is read and refused for what it is (not a GeoJSON Feature), not
        // for who sent it
        Http.Reply check = http.postJson("/checks", "{}", null);
        assertThat(check.status()).as(check.text()).isEqualTo(400);
        assertThat(check.body().path("parameter").asString()).isEqualTo("type");
    }

    @Test
    void anyOtherWriteNeedsAuthentication() throws Exception {
        assertThat(http.postJson("/sections/gubeikou", "{}", null).status()).isEqualTo(401);
    }
}
