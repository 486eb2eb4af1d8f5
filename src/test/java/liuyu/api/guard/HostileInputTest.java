package liuyu.api.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import liuyu.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The findings of issue 22, each replayed: malformed query strings, odd content types, empty and
 * oversized bodies, /error, cross-site writes, metrics, headers, control characters, senseless project
 * shapes, concurrency. Small limits are configured so the oversize cases stay cheap.
 */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liuyu.quality.demo-observations=false",
            "liuyu.limits.body-size=16KB",
            "liuyu.limits.batch-body-size=256KB",
            "liuyu.limits.heavy-concurrency=1"
        })
@Tag("integration")
class HostileInputTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PLANNER = Http.basic("planner", "planner");
    static final String ONE_OBSERVATION = """
        {"observations": [{"id": "h-1", "sampledAt": "2025-06-05T09:30:00+08:00", "parameter": "TP", "value": 0.1,
         "unit": "mg/L", "source": "automatic", "deviceId": "TP-1", "lastCalibration": "2025-06-01"}]}""";

    @LocalServerPort
    int port;

    Http http;
    Http.Raw raw;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        raw = new Http.Raw(port);
    }

    static String square(double lon, double lat, double width, double height, String properties) {
        return """
            {"type": "Feature", "properties": %s, "geometry": {"type": "Polygon", "coordinates":
             [[[%s, %s], [%s, %s], [%s, %s], [%s, %s], [%s, %s]]]}}""".formatted(
                        properties, lon, lat, lon + width, lat, lon + width, lat + height, lon, lat + height, lon, lat);
    }

    private static JsonNode json(Http.Raw.Answer a) {
        return JSON.readTree(a.body());
    }

    @Test
    void aMalformedPercentEncodingInTheQueryIs400NamingTheQuery() throws Exception {
        Http.Raw.Answer a = raw.send("GET", "/locate?lon=%ZZ&lat=1", "", null);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.header("Content-Type")).startsWith("application/problem+json");
        assertThat(json(a).path("parameter").asString()).isEqualTo("query");
    }

    @Test
    void aQueryParameterWithoutANameIs400() throws Exception {
        Http.Raw.Answer a = raw.send("GET", "/ogc/collections/rivers/items?=1", "", null);
        assertThat(a.status()).isEqualTo(400);
        assertThat(json(a).path("parameter").asString()).isEqualTo("query");
    }

    @Test
    void aFormBodyOverTwoMegabytesToChecksIs413AndASmallFormBodyIs415() throws Exception {
        byte[] body = "a".repeat(2 * 1024 * 1024 + 10).getBytes(StandardCharsets.US_ASCII);
        Http.Raw.Answer big = raw.send("POST", "/checks", "Content-Type: application/x-www-form-urlencoded\r\n", body);
        assertThat(big.status()).isEqualTo(413);
        assertThat(json(big).path("parameter").asString()).isEqualTo("body");
        Http.Raw.Answer small = raw.send(
                "POST",
                "/checks",
                "Content-Type: application/x-www-form-urlencoded\r\n",
                "a=%ZZ".getBytes(StandardCharsets.US_ASCII));
        assertThat(small.status()).isEqualTo(415);
        assertThat(json(small).path("parameter").asString()).isEqualTo("Content-Type");
        // a form PUT, which Spring would otherwise parse itself
        Http.Raw.Answer put = raw.send(
                "PUT",
                "/outfalls/x",
                "Content-Type: application/x-www-form-urlencoded\r\n",
                "%C0%AF=.%".getBytes(StandardCharsets.US_ASCII));
        assertThat(put.status()).isEqualTo(415);
        Http.Raw.Answer multipart = raw.send(
                "POST",
                "/quality/classify",
                "Content-Type: multipart/form-data\r\n",
                "--x".getBytes(StandardCharsets.US_ASCII));
        assertThat(multipart.status()).isEqualTo(415);
    }

    private static byte[] chunked(byte[] body) {
        String head = Integer.toHexString(body.length) + "\r\n";
        byte[] out = new byte[head.length() + body.length + 7];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, out, 0, head.length());
        System.arraycopy(body, 0, out, head.length(), body.length);
        System.arraycopy("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, out, head.length() + body.length, 7);
        return out;
    }

    @Test
    void aWildcardContentTypeToCheckReportsIs415NamingContentType() throws Exception {
        Http.Raw.Answer a = raw.send(
                "POST",
                "/check-reports",
                "Content-Type: application/*\r\nAuthorization: " + PLANNER + "\r\nX-Liuyu-Client: t\r\n",
                "{}".getBytes(StandardCharsets.US_ASCII));
        assertThat(a.status()).isEqualTo(415);
        assertThat(json(a).path("parameter").asString()).isEqualTo("Content-Type");
    }

    @Test
    void anEmptyCsvBodyToTheObservationEndpointsIs400NamingTheBody() throws Exception {
        Http.Reply section = http.post("/sections/gubeikou/observations", "text/csv", "", Http.MONITOR);
        assertThat(section.status()).isEqualTo(400);
        assertThat(section.body().path("parameter").asString()).isEqualTo("body");
        String outfall = http.get("/outfalls?limit=1")
                .body()
                .path("outfalls")
                .get(0)
                .path("id")
                .asString();
        Http.Reply atOutfall = http.post("/outfalls/" + outfall + "/observations", "text/csv", "", Http.MONITOR);
        assertThat(atOutfall.status()).isEqualTo(400);
        assertThat(atOutfall.body().path("parameter").asString()).isEqualTo("body");
    }

    @Test
    void getErrorIs404ProblemJson() throws Exception {
        Http.Reply r = http.get("/error");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aBodyOverTheLimitIs413NamingTheSettingWhetherDeclaredOrStreamed() throws Exception {
        String big = "{\"waterbody\":\"river\",\"values\":{\"COD\":1},\"id\":\"" + "x".repeat(300 * 1024) + "\"}";
        Http.Reply declared = http.postJson("/quality/classify", big, null);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.body().path("parameter").asString()).isEqualTo("body");
        assertThat(declared.body().path("detail").asString()).contains("liuyu.limits.batch-body-size");
        assertThat(declared.body().path("limit").asLong()).isEqualTo(256 * 1024);
        Http.Raw.Answer streamed = raw.send(
                "POST",
                "/quality/classify",
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                chunked(big.getBytes(StandardCharsets.UTF_8)));
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(json(streamed).path("limit").asLong()).isEqualTo(256 * 1024);
        // the ledger is no batch endpoint: the smaller limit applies
        Http.Raw.Answer ledger = raw.send(
                "POST",
                "/outfalls",
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                        + "X-Liuyu-Client: t\r\nAuthorization: " + Http.INSPECTOR + "\r\n",
                chunked(" ".repeat(20 * 1024).getBytes(StandardCharsets.UTF_8)));
        assertThat(ledger.status()).isEqualTo(413);
        assertThat(json(ledger).path("detail").asString()).contains("liuyu.limits.body-size");
    }

    @Test
    void aCrossSiteFormCannotRecordACheckReport() throws Exception {
        String project = square(116.4, 39.9, 0.001, 0.001, "{\"activity\": \"dumping\"}");
        // what a cross-site <form enctype="text/plain"> sends, with the Basic credentials the browser remembers
        Http.Raw.Answer form = raw.send(
                "POST",
                "/check-reports",
                "Content-Type: text/plain\r\nAuthorization: " + PLANNER + "\r\n",
                project.getBytes(StandardCharsets.UTF_8));
        assertThat(form.status()).isEqualTo(403);
        assertThat(json(form).path("parameter").asString()).isEqualTo("X-Liuyu-Client");
        Http.Raw.Answer plain = raw.send(
                "POST",
                "/check-reports",
                "Content-Type: text/plain\r\nX-Liuyu-Client: t\r\nAuthorization: " + PLANNER + "\r\n",
                project.getBytes(StandardCharsets.UTF_8));
        assertThat(plain.status()).isEqualTo(415);
        assertThat(http.postJson("/check-reports", project, PLANNER).status()).isEqualTo(201);
    }

    @Test
    void metricsNeedTheOperatorRoleWhileHealthStaysOpen() throws Exception {
        assertThat(http.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(http.get("/actuator/metrics", PLANNER).status()).isEqualTo(403);
        assertThat(http.get("/actuator/metrics/jvm.memory.used", PLANNER).status())
                .isEqualTo(403);
        assertThat(http.get("/actuator/metrics/jvm.memory.used", Http.basic("operator", "operator"))
                        .status())
                .isEqualTo(200);
        Http.Reply health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asString()).isEqualTo("UP");
    }

    @Test
    void theMapAndHtmlPagesCarryAContentSecurityPolicyAndTheUsualHeaders() throws Exception {
        for (String page : new String[] {"/map/", "/ogc?f=html"}) {
            Http.Raw.Answer a = raw.send("GET", page, "", null);
            assertThat(a.status()).as(page).isEqualTo(200);
            assertThat(a.header("Content-Security-Policy"))
                    .as(page)
                    .contains("script-src 'self'")
                    .contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-eval");
            assertThat(a.header("X-Content-Type-Options")).as(page).isEqualTo("nosniff");
            assertThat(a.header("Referrer-Policy")).as(page).isEqualTo("same-origin");
            assertThat(a.header("X-Frame-Options")).as(page).isEqualTo("DENY");
        }
    }

    @Test
    void aHugeProjectNameIs400NamingTheFieldAndNothingIsRecorded() throws Exception {
        String project =
                square(116.4, 39.9, 0.001, 0.001, "{\"activity\": \"dumping\", \"name\": \"" + "名".repeat(201) + "\"}");
        Http.Reply r = http.postJson("/check-reports", project, PLANNER);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("parameter").asString()).isEqualTo("properties.name");
        assertThat(r.body().path("detail").asString()).contains("200 characters");
    }

    @Test
    void aDeleteCharacterAsSignatoryIs400NamingTheField() throws Exception {
        String body = """
            {"observations": [{"id": "h-del", "sampledAt": "2025-06-05T09:30:00+08:00", "parameter": "TP", "value": 0.1,
             "unit": "mg/L", "source": "manual", "method": "GB 11893-89", "sampler": "张三", "analyst": "李四", "reviewer": "王五",
             "signatory": "赵\\u007f六"}]}""";
        Http.Reply r = http.postJson("/sections/gubeikou/observations", body, Http.MONITOR);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("parameter").asString()).isEqualTo("signatory");
        assertThat(r.body().path("detail").asString()).contains("U+007F");
    }

    @Test
    void aControlCharacterInAProjectIdOrLedgerReasonIs400() throws Exception {
        Http.Reply project = http.postJson(
                "/checks",
                square(116.4, 39.9, 0.001, 0.001, "{\"activity\": \"dumping\"}")
                        .replace("{\"type\": \"Feature\",", "{\"type\": \"Feature\", \"id\": \"a\\u0007b\","),
                null);
        assertThat(project.status()).isEqualTo(400);
        assertThat(project.body().path("parameter").asString()).isEqualTo("id");
        String outfall = http.get("/outfalls?limit=1")
                .body()
                .path("outfalls")
                .get(0)
                .path("id")
                .asString();
        Http.Reply step = http.postJson(
                "/outfalls/" + outfall + "/transitions",
                "{\"to\": \"monitored\", \"reason\": \"=cmd\\u001b\"}",
                Http.INSPECTOR);
        assertThat(step.status()).isEqualTo(400);
        assertThat(step.body().path("parameter").asString()).isEqualTo("reason");
    }

    @Test
    void aWholeWorldProjectIs422NamingTheReason() throws Exception {
        Http.Reply r = http.postJson("/checks", square(-180, -90, 360, 180, "{\"activity\": \"dumping\"}"), null);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().path("parameter").asString()).isEqualTo("geometry");
        assertThat(r.body().path("reason").asString()).isEqualTo("whole-world");
    }

    @Test
    void aProjectAcrossTheAntimeridianIs422NamingTheReason() throws Exception {
        // drawn from 179°E westwards to 179°W without splitting: a naive ring spanning 358° of longitude
        Http.Reply r = http.postJson("/checks", square(-179, 40, 358, 0.5, "{\"activity\": \"dumping\"}"), null);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().path("reason").asString()).isEqualTo("antimeridian");
    }

    @Test
    void aProjectLargerThanTheAtlasIs422AndTheSameInABatchNamesItsFeature() throws Exception {
        // the demo atlas spans about 2.6° × 2.1° (Beijing and its surroundings); a 5° square is no project
        String big = square(114, 38, 5, 5, "{\"activity\": \"dumping\"}");
        Http.Reply one = http.postJson("/checks", big, null);
        assertThat(one.status()).isEqualTo(422);
        assertThat(one.body().path("reason").asString()).isEqualTo("larger-than-atlas");
        String batch = "{\"type\": \"FeatureCollection\", \"features\": ["
                + square(116.4, 39.9, 0.001, 0.001, "{\"activity\": \"dumping\"}") + "," + big + "]}";
        Http.Reply many = http.postJson("/checks", batch, null);
        assertThat(many.status()).isEqualTo(422);
        assertThat(many.body().path("parameter").asString()).isEqualTo("features[1].geometry");
        // a real-sized project still gets its report
        assertThat(http.postJson("/checks", square(116.4, 39.9, 0.01, 0.01, "{\"activity\": \"dumping\"}"), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aSecondBatchWhileOneRunsIs429WithRetryAfterAndReadsStillAnswer() throws Exception {
        // a batch that holds its permit: its body is announced but only partly sent
        try (Socket held = new Socket("127.0.0.1", port)) {
            held.getOutputStream()
                    .write(("POST /quality/classify HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 1000\r\n\r\n{\"waterbody\"")
                            .getBytes(StandardCharsets.US_ASCII));
            held.getOutputStream().flush();
            // the held request reaches the guard asynchronously: wait until the guard says it runs, so the
            // second batch cannot take the permit first (it would answer 200 and leave the held one refused)
            double running = 0;
            for (int i = 0; i < 300 && running < 1; i++) {
                running = batchesRunning();
                TimeUnit.MILLISECONDS.sleep(running < 1 ? 100 : 0);
            }
            assertThat(running)
                    .as("liuyu.batches.running while one batch is held")
                    .isEqualTo(1.0);
            double refusedBefore = metric("liuyu.batches.refused");
            Http.Reply second =
                    http.postJson("/quality/classify", "{\"waterbody\":\"river\",\"values\":{\"COD\":10}}", null);
            assertThat(second.status()).isEqualTo(429);
            assertThat(second.contentType()).startsWith("application/problem+json");
            assertThat(second.body().path("detail").asString()).contains("liuyu.limits.heavy-concurrency");
            Http.Raw.Answer again = raw.send(
                    "POST",
                    "/checks",
                    "Content-Type: application/json\r\n",
                    square(116.4, 39.9, 0.001, 0.001, "{\"activity\": \"dumping\"}")
                            .getBytes(StandardCharsets.UTF_8));
            assertThat(again.status()).isEqualTo(429);
            assertThat(again.header("Retry-After")).isEqualTo("2");
            assertThat(http.get("/locate?lon=116.41&lat=39.92").status()).isEqualTo(200);
            assertThat(metric("liuyu.batches.refused")).isEqualTo(refusedBefore + 2);
        }
        // the permit comes back when the held request ends
        int status = 0;
        for (int i = 0; i < 100 && status != 200; i++) {
            status = http.postJson("/quality/classify", "{\"waterbody\":\"river\",\"values\":{\"COD\":10}}", null)
                    .status();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertThat(status).isEqualTo(200);
        assertThat(batchesRunning()).isZero();
    }

    private double batchesRunning() throws Exception {
        return metric("liuyu.batches.running");
    }

    /** A meter's value from /actuator/metrics, read as the development user operator. */
    private double metric(String name) throws Exception {
        Http.Reply r = http.get("/actuator/metrics/" + name, Http.basic("operator", "operator"));
        assertThat(r.status()).as(name).isEqualTo(200);
        return r.body().path("measurements").get(0).path("value").asDouble();
    }

    /** A batch of 600 small projects scattered over Beijing (under 200 KB, within this test's batch limit). */
    static String manyProjects() {
        java.util.Random random = new java.util.Random(22);
        StringBuilder b = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [");
        for (int i = 0; i < 600; i++) {
            b.append(i == 0 ? "" : ",")
                    .append(square(
                            Math.round((115.8 + random.nextDouble() * 1.4) * 1e4) / 1e4,
                            Math.round((39.5 + random.nextDouble() * 1.2) * 1e4) / 1e4,
                            0.002,
                            0.002,
                            "{\"activity\": \"dumping\"}"));
        }
        return b.append("]}").toString();
    }

    /** CPU time of the server's request threads (the server runs in this JVM). */
    static long serverCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null
                    && t.getThreadName().startsWith("http-nio-")
                    && t.getThreadName().contains("-exec-")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    @Test
    void aDisconnectedClientsCheckStopsConsumingCpuWithinASecond() throws Exception {
        byte[] batch = manyProjects().getBytes(StandardCharsets.UTF_8);
        assertThat(batch.length).as("within this test's batch limit").isLessThan(256 * 1024);
        String head =
                "POST /checks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/geo+json\r\nContent-Length: "
                        + batch.length + "\r\nConnection: close\r\n\r\n";
        // the whole batch, read to the end: what it costs when the client stays
        long before = serverCpuNanos();
        Http.Raw.Answer full = raw.send("POST", "/checks", "Content-Type: application/geo+json\r\n", batch);
        assertThat(full.status()).isEqualTo(200);
        long fullCpu = serverCpuNanos() - before;
        // the same batch, the client gone once the first report arrived
        long start = serverCpuNanos();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(batch);
            s.getOutputStream().flush();
            java.io.InputStream in = s.getInputStream();
            String seen = "";
            byte[] buffer = new byte[4096];
            while (!seen.contains("\"verdict\"")) {
                int n = in.read(buffer);
                assertThat(n).as("the answer streams").isPositive();
                seen += new String(buffer, 0, n, StandardCharsets.UTF_8);
            }
            s.setSoLinger(true, 0); // close with a reset, as a killed client does
        }
        long closedAt = System.nanoTime();
        TimeUnit.MILLISECONDS.sleep(1000);
        long afterOneSecond = serverCpuNanos();
        TimeUnit.MILLISECONDS.sleep(1000);
        long afterTwoSeconds = serverCpuNanos();
        assertThat(System.nanoTime() - closedAt).isLessThan(TimeUnit.SECONDS.toNanos(10));
        // stopped: no more than 50 ms of CPU in the second after the first second (an idle server's bookkeeping)
        assertThat(afterTwoSeconds - afterOneSecond)
                .as("server CPU ns in the second second after the client left")
                .isLessThan(TimeUnit.MILLISECONDS.toNanos(50));
        // and it stopped early: far less than the whole batch cost
        assertThat(afterTwoSeconds - start)
                .as("CPU spent on the abandoned batch vs the whole batch (%d ns)", fullCpu)
                .isLessThan(fullCpu / 2);
    }

    @Test
    void recordReadsComeInPagesWithALinkToTheNext() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            rows.append(i == 1 ? "" : ",").append("""
                {"id": "page-%d", "sampledAt": "2024-03-0%dT09:30:00+08:00", "parameter": "TP", "value": 0.1, "unit": "mg/L",
                 "source": "automatic", "deviceId": "TP-1", "lastCalibration": "2024-03-01"}""".formatted(i, i));
        }
        assertThat(http.postJson("/sections/gubeikou/observations", "{\"observations\": [" + rows + "]}", Http.MONITOR)
                        .status())
                .isEqualTo(201);
        JsonNode first = http.get("/sections/gubeikou/observations?period=2024-03&limit=2")
                .body();
        assertThat(first.path("count").asInt()).isEqualTo(2);
        assertThat(first.path("numberMatched").asLong()).isEqualTo(3);
        assertThat(first.path("observations").get(0).path("id").asString()).isEqualTo("page-1");
        assertThat(first.path("next").asString())
                .isEqualTo("/sections/gubeikou/observations?period=2024-03&limit=2&offset=2");
        JsonNode second = http.get(first.path("next").asString()).body();
        assertThat(second.path("count").asInt()).isEqualTo(1);
        assertThat(second.path("observations").get(0).path("id").asString()).isEqualTo("page-3");
        assertThat(second.has("next")).isFalse();
        assertThat(http.get("/sections/gubeikou/observations?period=2024-03&limit=10001")
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("limit");
        JsonNode ledger = http.get("/outfalls?limit=5").body();
        assertThat(ledger.path("numberReturned").asInt()).isEqualTo(5);
        assertThat(ledger.path("next").asString()).isEqualTo("/outfalls?limit=5&offset=5");
    }
}
