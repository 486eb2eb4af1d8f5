package liuyu.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import liuyu.testing.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** The intervention log over HTTP: who may record and read, attachments' SHA-256, bad input, and verify after an SQL edit. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liuyu.atlas.dir=src/test/resources/quality-atlas",
            "spring.datasource.url=jdbc:h2:mem:interventions-api;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
            "liuyu.quality.demo-observations=false"
        })
@ActiveProfiles("dev")
@DirtiesContext
@Tag("integration")
class InterventionsApiTest {
    static final String AUDITOR = Http.basic("auditor", "auditor");
    /** "abc" in base64; its SHA-256 is the FIPS 180-2 test vector. */
    static final String BODY = """
        {"official": {"name": "王某", "position": "副区长", "unit": "某区人民政府"},
         "addressee": "区环境监测站站长",
         "occurredAt": "2025-06-12T09:00:00+08:00",
         "channel": "口头",
         "content": "要求6月12日古北口氨氮超标数据“先不要上报”。",
         "concerns": {"sites": ["gubeikou"]},
         "attachments": [{"name": "记录.txt", "mediaType": "text/plain", "base64": "YWJj"}]}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void recordedByAMonitorReadByAnAuditorOnlyAndAnSqlEditIsFound() throws Exception {
        Http http = new Http(port);
        assertThat(http.postJson("/interventions", BODY, null).status()).isEqualTo(401);
        assertThat(http.postJson("/interventions", BODY, Http.basic("viewer", "viewer"))
                        .status())
                .isEqualTo(403);
        Http.Reply created = http.postJson("/interventions", BODY, Http.MONITOR);
        assertThat(created.status()).isEqualTo(201);
        long position = created.body().path("position").asLong();
        assertThat(created.body().path("recordedBy").asString()).isEqualTo("monitor");
        assertThat(created.body().path("channel").asString()).isEqualTo("口头");
        assertThat(created.body().path("attachments").get(0).path("sha256").asString())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(created.body().path("attachments").get(0).path("size").asLong())
                .isEqualTo(3);
        Http.Reply second = http.postJson("/interventions", BODY.replace("\"口头\"", "\"hint\""), AUDITOR);
        assertThat(second.body().path("channel").asString()).isEqualTo("暗示");
        assertThat(second.body().path("previousHash").asString())
                .isEqualTo(created.body().path("entryHash").asString());

        for (String path : new String[] {"/interventions", "/interventions/" + position, "/interventions/verify"}) {
            assertThat(http.get(path).status()).as(path).isEqualTo(401);
            assertThat(http.get(path, Http.MONITOR).status()).as(path).isEqualTo(403);
        }
        Http.Reply list = http.get("/interventions", AUDITOR);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("total").asLong()).isEqualTo(2);
        assertThat(list.body().path("entries").get(0).path("content").asString())
                .isEqualTo("要求6月12日古北口氨氮超标数据“先不要上报”。");
        HttpResponse<byte[]> file = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + port + "/interventions/" + position + "/attachments/1"))
                                .header("Authorization", AUDITOR)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(new String(file.body())).isEqualTo("abc");
        assertThat(file.headers().firstValue("X-Content-SHA256"))
                .hasValue("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

        Http.Reply verified = http.get("/interventions/verify", AUDITOR);
        assertThat(verified.body().path("intact").asBoolean()).isTrue();
        assertThat(verified.body().path("entries").asLong()).isEqualTo(2);
        jdbc.update("UPDATE intervention SET official = '某人' WHERE position = ?", position);
        Http.Reply broken = http.get("/interventions/verify", Http.basic("admin", "admin"));
        assertThat(broken.status()).as("admin has neither AUDITOR nor OPERATOR").isEqualTo(403);
        broken = http.get("/interventions/verify", AUDITOR);
        assertThat(broken.body().path("intact").asBoolean()).isFalse();
        assertThat(broken.body().path("firstBroken").asLong()).isEqualTo(position);
    }

    @Test
    void badInterventionsAre400NamingTheFieldAndStoreNothing() throws Exception {
        Http http = new Http(port);
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM intervention", Long.class);
        String[][] cases = {
            {BODY.replace("\"口头\"", "\"电话\""), "channel"},
            {BODY.replace("\"addressee\": \"区环境监测站站长\",", ""), "addressee"},
            {BODY.replace("2025-06-12T09:00:00+08:00", "2099-01-01T00:00:00+08:00"), "occurredAt"},
            {BODY.replace("2025-06-12T09:00:00+08:00", "yesterday"), "occurredAt"},
            {BODY.replace("[\"gubeikou\"]", "[\"nowhere\"]"), "concerns.sites"},
            {BODY.replace("{\"sites\": [\"gubeikou\"]}", "{}"), "concerns"},
            {BODY.replace("YWJj", "not base64!"), "attachments[0].base64"},
            {BODY.replace("\"王某\"", "\"王\\u0007某\""), "official.name"},
            {BODY.replace("\"channel\"", "\"channel\": \"口头\", \"channel\""), "body"},
            {BODY.replace("\"content\"", "\"extra\": 1, \"content\""), "extra"}
        };
        for (String[] c : cases) {
            Http.Reply r = http.postJson("/interventions", c[0], Http.MONITOR);
            assertThat(r.status()).as(c[1]).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body().path("parameter").asString()).as(c[1]).isEqualTo(c[1]);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM intervention", Long.class))
                .isEqualTo(before);
    }

    @Test
    void aWriteWithBasicCredentialsButWithoutTheClientHeaderIsRefused() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/interventions"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", Http.MONITOR)
                                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("X-Liuyu-Client");
    }

    @Test
    void theObservationChainEndpointFindsAnEditedObservation() throws Exception {
        Http http = new Http(port);
        String batch = """
            {"observations": [{"id": "chain-1", "sampledAt": "2025-06-05T09:30:00+08:00", "parameter": "TP", "value": 0.1,
             "unit": "mg/L", "source": "automatic", "deviceId": "TP-1", "lastCalibration": "2025-06-01"},
             {"id": "chain-2", "sampledAt": "2025-06-05T10:30:00+08:00", "parameter": "TP", "value": 0.2,
             "unit": "mg/L", "source": "automatic", "deviceId": "TP-1", "lastCalibration": "2025-06-01"}]}""";
        assertThat(http.postJson("/sections/gubeikou/observations", batch, Http.MONITOR)
                        .status())
                .isEqualTo(201);
        Http.Reply ok = http.get("/observations/verify", AUDITOR);
        assertThat(ok.body().path("intact").asBoolean()).isTrue();
        long entries = ok.body().path("entries").asLong();
        long position = jdbc.queryForObject(
                "SELECT c.position FROM observation_chain c JOIN observation o ON o.record_id = c.record_id"
                        + " WHERE o.observation_id = 'chain-2'",
                Long.class);
        jdbc.update("UPDATE observation SET measured_value = '0.02' WHERE observation_id = 'chain-2'");
        Http.Reply broken = http.get("/observations/verify", Http.basic("viewer", "viewer"));
        assertThat(broken.status()).isEqualTo(403);
        broken = http.get("/observations/verify", AUDITOR);
        assertThat(broken.body().path("intact").asBoolean()).isFalse();
        assertThat(broken.body().path("firstBroken").asLong()).isEqualTo(position);
        assertThat(broken.body().path("entries").asLong()).isEqualTo(entries);
        assertThat(broken.body().path("reason").asString()).contains("'chain-2'");
    }
}
