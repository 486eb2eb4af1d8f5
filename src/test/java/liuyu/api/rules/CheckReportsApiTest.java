package liuyu.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recording check reports: only an authenticated planner writes and reads, the report is kept as given, with
 * who, when and a report number; the listing is filtered and paged.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.quality.demo-observations=false"})
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@Tag("integration")
class CheckReportsApiTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SITES = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "id": "site-1", "properties": {"activity": "livestock-farm-scale"}, "geometry": {"type": "Point", "coordinates": [116.95, 40.52]}},
          {"type": "Feature", "id": "site-2", "properties": {"activity": "dumping"}, "geometry": {"type": "Point", "coordinates": [116.10, 39.60]}}]}""";

    @LocalServerPort
    int port;

    record Reply(int status, JsonNode body) {}

    Reply send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    static HttpRequest.Builder as(String user, HttpRequest.Builder b) {
        if (user != null) {
            b.header("X-Liuyu-Client", "test")
                    .header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    Reply record(String body, String user) throws Exception {
        return send(as(
                user,
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/check-reports"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    Reply get(String pathAndQuery, String user) throws Exception {
        return send(as(
                user,
                HttpRequest.newBuilder(URI.create(
                        pathAndQuery.startsWith("http") ? pathAndQuery : "http://127.0.0.1:" + port + pathAndQuery))));
    }

    static String feature(String id, double lon, double lat, double size, String properties) {
        return """
            {"type": "Feature", "id": "%s", "properties": %s, "geometry": {"type": "Polygon", "coordinates":
             [[[%s, %s], [%s, %s], [%s, %s], [%s, %s], [%s, %s]]]}}""".formatted(
                        id, properties, lon, lat, lon + size, lat, lon + size, lat + size, lon, lat + size, lon, lat);
    }

    @Test
    void aPlannerRecordsABatchAndReadsEachReportBackWithWhoWhenAndANumber() throws Exception {
        Reply r = record(SITES, "planner");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().size()).isEqualTo(2);
        long id = r.body().get(0).path("reportId").asLong();
        String number = r.body().get(0).path("reportNumber").asString();
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        assertThat(number).isEqualTo(String.format("LY-%d-%06d", year, id));
        assertThat(r.body().get(1).path("reportNumber").asString())
                .isEqualTo(String.format("LY-%d-%06d", year, id + 1));
        Reply back = get("/check-reports/" + id, "planner");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body().path("recordedBy").asString()).isEqualTo("planner");
        assertThat(back.body().path("report").path("verdict").asString()).isEqualTo("FORBIDDEN");
        assertThat(back.body().path("project").path("id").asString()).isEqualTo("site-1");
        assertThat(back.body().path("report").path("ruleset").asString()).startsWith("liuyu-protection-rules@");
        assertThat(back.body().path("districts").get(0).path("code").asString()).isEqualTo("110118");
        Reply byNumber = get("/check-reports/" + number, "monitor");
        assertThat(byNumber.status()).isEqualTo(200);
        assertThat(byNumber.body().path("reportId").asLong()).isEqualTo(id);
        assertThat(get("/check-reports/LY-" + (year - 1) + String.format("-%06d", id), "planner")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void recordingAndReadingNeedAPlannerAndABadBatchStoresNothing() throws Exception {
        assertThat(record(SITES, null).status()).isEqualTo(401);
        assertThat(record(SITES, "viewer").status()).isEqualTo(403);
        long id = record(SITES, "planner").body().get(0).path("reportId").asLong();
        assertThat(get("/check-reports/" + id, null).status()).isEqualTo(401);
        assertThat(get("/check-reports/" + id, "viewer").status()).isEqualTo(403);
        assertThat(get("/check-reports", null).status()).isEqualTo(401);
        Reply bad = record(SITES.replace("\"dumping\"", "\"casino\""), "planner");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("parameter").asString()).isEqualTo("features[1].properties.activity");
        assertThat(get("/check-reports?limit=1", "planner")
                        .body()
                        .path("items")
                        .get(0)
                        .path("reportId")
                        .asLong())
                .isEqualTo(id + 1);
        Reply longApplicant = record(
                SITES.replace("\"dumping\"", "\"dumping\", \"applicant\": \"" + "甲".repeat(201) + "\""), "planner");
        assertThat(longApplicant.status()).isEqualTo(400);
        assertThat(longApplicant.body().path("parameter").asString()).isEqualTo("features[1].properties.applicant");
        assertThat(get("/check-reports/999999", "planner").status()).isEqualTo(404);
        assertThat(get("/check-reports/abc", "planner").body().path("parameter").asString())
                .isEqualTo("id");
    }

    @Test
    void theListingIsFilteredByApplicantVerdictDistrictActivityAndDateAndPagedNewestFirst() throws Exception {
        String applicant = "北京测试水务公司-" + System.nanoTime();
        String props = "{\"activity\": \"%s\", \"applicant\": \"" + applicant + "\"%s}";
        String batch = "{\"type\": \"FeatureCollection\", \"features\": ["
                + String.join(
                        ",",
                        feature("m1", 116.95, 40.52, 0.002, props.formatted("construction-residential", "")),
                        feature("m2", 116.95, 40.52, 0.0005, props.formatted("water-supply-facility", "")),
                        feature("o1", 116.10, 39.60, 0.001, props.formatted("dumping", "")),
                        feature("o2", 116.101, 39.601, 0.001, props.formatted("dumping", "")),
                        feature(
                                "m3",
                                116.95,
                                40.52,
                                0.002,
                                props.formatted("livestock-farm-scale", ", \"animals\": 5000")))
                + "]}";
        Reply r = record(batch, "planner");
        assertThat(r.status()).isEqualTo(201);
        List<String> verdicts = new ArrayList<>();
        r.body().forEach(x -> verdicts.add(x.path("report").path("verdict").asString()));
        assertThat(verdicts).containsExactly("FORBIDDEN", "CONDITIONAL", "ALLOWED", "ALLOWED", "FORBIDDEN");
        record(SITES, "planner"); // another applicant's reports, which no filter below may return
        String a = "applicant=" + URLEncoder.encode(applicant.substring(2, 8), StandardCharsets.UTF_8) + "-"
                + applicant.substring(applicant.lastIndexOf('-') + 1);

        assertThat(ids(get("/check-reports?" + a, "planner"))).containsExactly("m3", "o2", "o1", "m2", "m1");
        assertThat(ids(get("/check-reports?verdict=FORBIDDEN&" + a, "planner"))).containsExactly("m3", "m1");
        assertThat(ids(get("/check-reports?district=110118&" + a, "planner"))).containsExactly("m3", "m2", "m1");
        assertThat(ids(get(
                        "/check-reports?district=" + URLEncoder.encode("密云区", StandardCharsets.UTF_8) + "&" + a,
                        "planner")))
                .containsExactly("m3", "m2", "m1");
        assertThat(ids(get("/check-reports?activity=dumping&" + a, "planner"))).containsExactly("o2", "o1");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThat(ids(get("/check-reports?from=" + today + "&to=" + today + "&" + a, "planner")))
                .hasSize(5);
        assertThat(ids(get("/check-reports?to=" + today.minusDays(1) + "&" + a, "planner")))
                .isEmpty();
        assertThat(ids(get("/check-reports?from=" + today.plusDays(1) + "&" + a, "planner")))
                .isEmpty();

        Reply page1 = get("/check-reports?limit=2&" + a, "planner");
        assertThat(page1.body().path("numberMatched").asLong()).isEqualTo(5);
        assertThat(ids(page1)).containsExactly("m3", "o2");
        Reply page2 = get(next(page1), "planner");
        assertThat(ids(page2)).containsExactly("o1", "m2");
        Reply page3 = get(next(page2), "planner");
        assertThat(ids(page3)).containsExactly("m1");
        assertThat(next(page3)).isNull();
        assertThat(page3.body().path("offset").asLong()).isEqualTo(4);
    }

    @Test
    void badListingParametersAreRefusedNamingTheParameter() throws Exception {
        for (String[] c : new String[][] {
            {"verdict=MAYBE", "verdict"},
            {"limit=501", "limit"},
            {"limit=0", "limit"},
            {"offset=-1", "offset"},
            {"from=2026-13-01", "from"},
            {"from=2026-02-01&to=2026-01-01", "to"},
            {"applicant=" + "x".repeat(201), "applicant"}
        }) {
            Reply r = get("/check-reports?" + c[0], "planner");
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.body().path("parameter").asString()).as(c[0]).isEqualTo(c[1]);
        }
    }

    static List<String> ids(Reply r) {
        assertThat(r.status()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.body().path("items").forEach(i -> out.add(i.path("projectId").asString()));
        return out;
    }

    static String next(Reply r) {
        for (JsonNode l : r.body().path("links")) {
            if (l.path("rel").asString().equals("next")) {
                return l.path("href").asString();
            }
        }
        return null;
    }
}
