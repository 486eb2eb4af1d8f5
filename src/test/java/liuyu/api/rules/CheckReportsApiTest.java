package liuyu.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Recording check reports: only an authenticated planner writes, the report is kept as given, with who and when. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:check-reports;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
    "liuyu.quality.demo-observations=false"})
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
class CheckReportsApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SITES = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": "site-1", "properties": {"activity": "livestock-farm-scale"}, "geometry": {"type": "Point", "coordinates": [116.95, 40.52]}},
          {"type": "Feature", "id": "site-2", "properties": {"activity": "dumping"}, "geometry": {"type": "Point", "coordinates": [116.10, 39.60]}}]}""";

    @LocalServerPort
    int port;

    record Reply(int status, JsonNode body) {
    }

    Reply send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    Reply record(String body, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/check-reports"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return send(b);
    }

    @Test
    void aPlannerRecordsABatchAndReadsEachReportBackWithWhoAndWhen() throws Exception {
        Reply r = record(SITES, "planner");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().size()).isEqualTo(2);
        long id = r.body().get(0).path("reportId").asLong();
        Reply back = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/check-reports/" + id)));
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body().path("recordedBy").asString()).isEqualTo("planner");
        assertThat(back.body().path("report").path("verdict").asString()).isEqualTo("FORBIDDEN");
        assertThat(back.body().path("project").path("id").asString()).isEqualTo("site-1");
        assertThat(back.body().path("report").path("ruleset").asString()).startsWith("liuyu-protection-rules@");
    }

    @Test
    void recordingNeedsAPlannerAndABadBatchStoresNothing() throws Exception {
        assertThat(record(SITES, null).status()).isEqualTo(401);
        assertThat(record(SITES, "viewer").status()).isEqualTo(403);
        Reply bad = record(SITES.replace("\"dumping\"", "\"casino\""), "planner");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("parameter").asString()).isEqualTo("features[1].properties.activity");
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/check-reports/999999"))).status()).isEqualTo(404);
    }
}
