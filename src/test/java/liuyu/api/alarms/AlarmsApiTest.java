package liuyu.api.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import liuyu.alarms.Alarms;
import liuyu.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Anomaly rules and alarms in the running service: a hand-worked series posted over HTTP, the anomalies and alarms it
 * raises, a section's target exceeded, the manual comparison, a transmission gap, acknowledgement and closure with
 * roles, the SSE stream read by a real client (with Last-Event-ID), and a webhook receiver that refuses each event
 * once and checks the HMAC itself. Each test uses its own section or parameter.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "liuyu.atlas.dir=src/test/resources/quality-atlas",
            "liuyu.quality.demo-observations=false",
            "liuyu.alarms.rules=src/test/resources/alarms/anomalies.yaml",
            "liuyu.alarms.gap-check-interval=1h",
            "liuyu.alarms.webhook-attempts=4",
            "liuyu.alarms.webhook-backoff=100ms"
        })
@ActiveProfiles("dev")
@DirtiesContext
@Tag("integration")
class AlarmsApiTest {
    static final String SECRET = "s3cret-钥匙";
    static final String OPERATOR = Http.basic("operator", "operator");
    static final HttpServer RECEIVER;
    /** Every request the webhook receiver got: event id, attempt header, signature header, body, status answered. */
    static final List<Map<String, String>> RECEIVED = new CopyOnWriteArrayList<>();

    static {
        try {
            RECEIVER = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Set<String> seen = new HashSet<>();
        RECEIVER.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String event = exchange.getRequestHeaders().getFirst("X-Liuyu-Event-Id");
            int status;
            synchronized (seen) {
                status = seen.add(event) ? 500 : 204; // each event refused once, accepted the next time
            }
            Map<String, String> r = new LinkedHashMap<>();
            r.put("event", event);
            r.put("attempt", exchange.getRequestHeaders().getFirst("X-Liuyu-Attempt"));
            r.put("signature", exchange.getRequestHeaders().getFirst("X-Liuyu-Signature"));
            r.put("body", new String(body, StandardCharsets.UTF_8));
            r.put("status", Integer.toString(status));
            r.put("valid", Boolean.toString(hmac(body).equals(r.get("signature"))));
            RECEIVED.add(r);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        RECEIVER.start();
    }

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add(
                "liuyu.alarms.webhooks[0].url",
                () -> "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/hook");
        registry.add("liuyu.alarms.webhooks[0].secret", () -> SECRET);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop(0);
    }

    /** The HMAC-SHA256 of a body as the receiver computes it, with the JDK alone. */
    static String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Alarms alarms;

    static String automatic(String id, String at, String parameter, String value) {
        return "{\"id\": \"" + id + "\", \"sampledAt\": \"" + at + "\", \"parameter\": \"" + parameter
                + "\", \"value\": " + value + ", \"unit\": \"mg/L\", \"source\": \"automatic\", \"deviceId\": \"A-1\","
                + " \"lastCalibration\": \"2025-05-01\"}";
    }

    static String manual(String id, String at, String parameter, String value) {
        return "{\"id\": \"" + id + "\", \"sampledAt\": \"" + at + "\", \"parameter\": \"" + parameter
                + "\", \"value\": " + value + ", \"unit\": \"mg/L\", \"source\": \"manual\", \"sampler\": \"张三\","
                + " \"analyst\": \"李四\", \"reviewer\": \"王五\", \"signatory\": \"赵六\"}";
    }

    static String batch(List<String> rows) {
        return "{\"observations\": [" + String.join(", ", rows) + "]}";
    }

    Http.Reply post(String site, List<String> rows) throws Exception {
        Http.Reply r = new Http(port).postJson("/sections/" + site + "/observations", batch(rows), Http.MONITOR);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(alarms.settled(Duration.ofSeconds(30))).as("judged").isTrue();
        return r;
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asString()));
        return out;
    }

    @Test
    void aSeriesWithASpikeAFlatRunAndARangeBreakIsFlaggedKeptAndAlarmed() throws Exception {
        // hourly NH3-N at yulinzhuang (target IV, limit 1.5); worked by hand with flat-3 and spike-4 (factor 4, MAD):
        // i5 5.0 is 4.41 from the median 0.59 (MAD 0.025); i8 closes three 0.60s; i9 25 is out of [0, 20] and,
        // against a MAD of 0, a spike too
        String[] values = {"0.50", "0.60", "0.55", "0.65", "0.58", "5.0", "0.60", "0.60", "0.60", "25"};
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(automatic("yz-" + i, String.format("2025-06-03T%02d:00:00+08:00", i), "NH3-N", values[i]));
        }
        post("yulinzhuang", rows);
        Http http = new Http(port);
        JsonNode anomalies =
                http.get("/anomalies?site=yulinzhuang&period=2025-06").body();
        assertThat(anomalies.path("numberMatched").asLong()).isEqualTo(4);
        assertThat(texts(anomalies.path("anomalies"), "observationId")).containsExactly("yz-5", "yz-8", "yz-9", "yz-9");
        assertThat(texts(anomalies.path("anomalies"), "cause"))
                .containsExactly("auto:spike-4", "auto:flat-3", "auto:nh3n-range", "auto:spike-4");
        assertThat(anomalies.path("anomalies").get(0).path("detail").asString())
                .isEqualTo(
                        "value 5 is 4.41 from the median 0.59 of the last 4 readings; limit 4 × spread 0.025 (MAD 0.025)");
        // the raw value is kept, unflagged and in one version: the anomaly is a finding beside it
        JsonNode history =
                http.get("/sections/yulinzhuang/observations/yz-5").body().path("history");
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.get(0).path("value").asString()).isEqualTo("5.0");
        assertThat(history.get(0).hasNonNull("abnormalCause")).isFalse();
        // the section's observations show each value's findings beside it, the stored value unchanged
        JsonNode page = http.get("/sections/yulinzhuang/observations?period=2025-06")
                .body()
                .path("observations");
        Map<String, List<String>> shown = new LinkedHashMap<>();
        page.forEach(o -> {
            if (o.path("id").asString().startsWith("yz-")) {
                shown.put(o.path("id").asString(), texts(o.path("anomalies"), "cause"));
            }
        });
        assertThat(shown)
                .hasSize(10)
                .containsEntry("yz-0", List.of())
                .containsEntry("yz-4", List.of())
                .containsEntry("yz-5", List.of("auto:spike-4"))
                .containsEntry("yz-8", List.of("auto:flat-3"))
                .containsEntry("yz-9", List.of("auto:nh3n-range", "auto:spike-4"));
        JsonNode five = null;
        for (JsonNode o : page) {
            if (o.path("id").asString().equals("yz-5")) {
                five = o;
            }
        }
        assertThat(five.path("value").asString()).isEqualTo("5.0");
        assertThat(five.path("version").asInt()).isEqualTo(1);
        assertThat(five.hasNonNull("abnormalCause")).isFalse();
        assertThat(five.path("anomalies").get(0).path("rule").asString()).isEqualTo("spike-4");
        assertThat(five.path("anomalies").get(0).path("kind").asString()).isEqualTo("spike");
        assertThat(five.path("anomalies").get(0).path("detail").asString())
                .isEqualTo(anomalies.path("anomalies").get(0).path("detail").asString());
        assertThat(page.get(0).has("anomalies"))
                .as("no member without findings")
                .isFalse();
        // one alarm per rule and series; the anomalous 5.0 and 25 are no exceedance
        JsonNode list = http.get("/alarms?site=yulinzhuang&parameter=NH3-N", Http.MONITOR)
                .body();
        assertThat(list.path("numberMatched").asLong()).isEqualTo(3);
        assertThat(texts(list.path("alarms"), "rule")).containsExactly("nh3n-range", "flat-3", "spike-4");
        assertThat(texts(list.path("alarms"), "kind")).containsOnly("anomaly");
        JsonNode spike = list.path("alarms").get(2);
        assertThat(spike.path("state").asString()).isEqualTo("raised");
        assertThat(spike.path("evidence").path("observationIds").get(0).asString())
                .isEqualTo("yz-5");
        assertThat(spike.path("evidence").path("value").asString()).isEqualTo("5.0");
        assertThat(spike.path("evidence").path("cause").asString()).isEqualTo("auto:spike-4");
        // the same batch again stores nothing (200, all unchanged), so nothing is judged twice
        Http.Reply again = http.postJson("/sections/yulinzhuang/observations", batch(rows), Http.MONITOR);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.body().path("unchanged").asInt()).isEqualTo(10);
        assertThat(alarms.settled(Duration.ofSeconds(30))).as("judged").isTrue();
        assertThat(http.get("/anomalies?site=yulinzhuang&period=2025-06")
                        .body()
                        .path("numberMatched")
                        .asLong())
                .isEqualTo(4);
    }

    @Test
    void aValueWorseThanTheSectionsTargetRaisesAnExceedanceWithItsLimit() throws Exception {
        // gubeikou: river, target II; NH3-N class II limit 0.5 (GB 3838-2002 Table 1), 0.8 is class III
        post("gubeikou", List.of(manual("gb-1", "2025-06-04T09:00:00+08:00", "NH3-N", "0.8")));
        JsonNode list = new Http(port)
                .get("/alarms?site=gubeikou&kind=exceedance", Http.MONITOR)
                .body();
        assertThat(list.path("numberMatched").asLong()).isEqualTo(1);
        JsonNode a = list.path("alarms").get(0);
        assertThat(a.path("rule").asString()).isEqualTo("target:II");
        assertThat(a.path("parameter").asString()).isEqualTo("NH3-N");
        assertThat(a.path("evidence").path("limit").asString()).isEqualTo("0.5");
        assertThat(a.path("evidence").path("valueClass").asString()).isEqualTo("III");
        assertThat(a.path("evidence").path("observationIds").get(0).asString()).isEqualTo("gb-1");
    }

    @Test
    void anAutomaticValueFarFromTheManualComparisonIsFlaggedWhicheverArrivesFirst() throws Exception {
        // beiguanzha TP: tolerance 20 % of the manual value within 2 h
        post("beiguanzha", List.of(automatic("bg-a1", "2025-06-05T10:00:00+08:00", "TP", "0.20")));
        post("beiguanzha", List.of(manual("bg-m1", "2025-06-05T10:30:00+08:00", "TP", "0.10")));
        // arrives after the manual sample: 0.105 is within 0.02 of 0.10; 0.16 is not
        post(
                "beiguanzha",
                List.of(
                        automatic("bg-a2", "2025-06-05T11:00:00+08:00", "TP", "0.105"),
                        automatic("bg-a3", "2025-06-05T11:30:00+08:00", "TP", "0.16"),
                        automatic("bg-a4", "2025-06-05T14:00:00+08:00", "TP", "0.30")));
        JsonNode anomalies = new Http(port)
                .get("/anomalies?site=beiguanzha&period=2025-06")
                .body()
                .path("anomalies");
        assertThat(texts(anomalies, "observationId")).containsExactly("bg-a1", "bg-a3");
        assertThat(texts(anomalies, "cause")).containsOnly("auto:manual-comparison");
        assertThat(anomalies.get(0).path("detail").asString())
                .isEqualTo("automatic 0.2 differs from the manual comparison 0.1 (bg-m1) by 0.1, more than 0.02");
    }

    @Test
    void aSeriesThatStopsSendingRaisesOneGapAlarm() throws Exception {
        // yanhecheng DO every hour, the last 3 h 20 min ago: with a grace of 10 min, 3 readings are missing
        OffsetDateTime last = OffsetDateTime.now(ZoneOffset.ofHours(8))
                .truncatedTo(ChronoUnit.SECONDS)
                .minusMinutes(200);
        post(
                "yanhecheng",
                List.of(
                        automatic("yh-1", last.minusHours(1).toString(), "DO", "8.1"),
                        automatic("yh-2", last.toString(), "DO", "8.0")));
        assertThat(alarms.checkGaps()).isEqualTo(1);
        assertThat(alarms.checkGaps()).isZero();
        JsonNode list = new Http(port)
                .get("/alarms?site=yanhecheng&kind=gap", Http.MONITOR)
                .body();
        assertThat(list.path("numberMatched").asLong()).isEqualTo(1);
        JsonNode a = list.path("alarms").get(0);
        assertThat(a.path("evidence").path("observationIds").get(0).asString()).isEqualTo("yh-2");
        assertThat(a.path("evidence").path("detail").asString()).startsWith("3 expected reading(s) missing");
    }

    @Test
    void monitorsAcknowledgeAndCloseWithAReasonOperatorsOnlyRead() throws Exception {
        post("miyun-reservoir", List.of(manual("my-1", "2025-06-06T09:00:00+08:00", "TP", "0.2")));
        Http http = new Http(port);
        assertThat(http.get("/alarms?site=miyun-reservoir").status()).isEqualTo(401);
        assertThat(http.get("/alarms", Http.basic("viewer", "viewer")).status()).isEqualTo(403);
        JsonNode list = http.get("/alarms?site=miyun-reservoir", OPERATOR).body();
        assertThat(list.path("numberMatched").asLong()).isEqualTo(1);
        long id = list.path("alarms").get(0).path("id").asLong();
        String ack = "/alarms/" + id + "/acknowledgements";
        String close = "/alarms/" + id + "/closures";
        assertThat(http.postJson(ack, "{\"reason\": \"看到了\"}", OPERATOR).status())
                .isEqualTo(403);
        Http.Reply empty = http.postJson(ack, "{\"reason\": \"  \"}", Http.MONITOR);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        assertThat(empty.body().path("parameter").asString()).isEqualTo("reason");
        assertThat(http.postJson(ack, "{\"reason\": \"x\", \"by\": \"me\"}", Http.MONITOR)
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("by");
        assertThat(http.postJson(ack, "{\"reason\": \"" + "长".repeat(2001) + "\"}", Http.MONITOR)
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("reason");
        assertThat(http.postJson("/alarms/999999/acknowledgements", "{\"reason\": \"x\"}", Http.MONITOR)
                        .status())
                .isEqualTo(404);
        Http.Reply acked = http.postJson(ack, "{\"reason\": \"已通知密云水库管理处复测\"}", Http.MONITOR);
        assertThat(acked.status()).as(acked.text()).isEqualTo(201);
        assertThat(acked.body().path("alarm").path("state").asString()).isEqualTo("acknowledged");
        assertThat(http.postJson(ack, "{\"reason\": \"again\"}", Http.MONITOR).status())
                .isEqualTo(409);
        Http.Reply closed = http.postJson(close, "{\"reason\": \"复测合格\"}", Http.MONITOR);
        assertThat(closed.status()).isEqualTo(201);
        Http.Reply after = http.postJson(close, "{\"reason\": \"again\"}", Http.MONITOR);
        assertThat(after.status()).isEqualTo(409);
        assertThat(after.body().path("parameter").asString()).isEqualTo("state");
        JsonNode view = http.get("/alarms/" + id, Http.MONITOR).body();
        assertThat(texts(view.path("events"), "action")).containsExactly("raised", "acknowledged", "closed");
        assertThat(texts(view.path("events"), "by")).containsExactly(Alarms.RAISER, "monitor", "monitor");
        assertThat(texts(view.path("events"), "reason")).containsExactly("", "已通知密云水库管理处复测", "复测合格");
        assertThat(view.path("alarm").path("stateReason").asString()).isEqualTo("复测合格");
        assertThat(http.get("/alarms?site=miyun-reservoir&state=closed", Http.MONITOR)
                        .body()
                        .path("numberMatched")
                        .asLong())
                .isEqualTo(1);
        assertThat(http.get("/alarms?state=open", Http.MONITOR)
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("state");
        assertThat(http.get("/alarms?limit=501", Http.MONITOR)
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("limit");
        // a new exceedance of the same series is raised again once the last one is closed
        post("miyun-reservoir", List.of(manual("my-2", "2025-06-07T09:00:00+08:00", "TP", "0.2")));
        assertThat(http.get("/alarms?site=miyun-reservoir", Http.MONITOR)
                        .body()
                        .path("numberMatched")
                        .asLong())
                .isEqualTo(2);
    }

    /** One Server-Sent Event as read off the wire. */
    record Sse(String id, String event, String data) {}

    /** Reads a stream's events into a queue on the client's own thread. */
    static BlockingQueue<Sse> open(int port, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alarms/stream"))
                .header("Authorization", Http.MONITOR)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> r =
                HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        BlockingQueue<Sse> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            String id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line : (Iterable<String>) r.body()::iterator) {
                if (line.isEmpty()) {
                    if (id != null) {
                        events.add(new Sse(id, event, data.toString()));
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        });
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    static Sse next(BlockingQueue<Sse> events, String site) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            Sse e = events.poll(1, TimeUnit.SECONDS);
            if (e != null && e.data().contains("\"site\":\"" + site + "\"")) {
                return e;
            }
        }
        throw new AssertionError("no event of " + site + " within 20 s");
    }

    @Test
    void theStreamCarriesEventsLiveAndResumesAfterLastEventId() throws Exception {
        BlockingQueue<Sse> live = open(port, null);
        // yulinzhuang TP (target IV, limit 0.3): 0.35 is class V
        post("yulinzhuang", List.of(manual("sse-1", "2025-06-08T09:00:00+08:00", "TP", "0.35")));
        Sse raised = next(live, "yulinzhuang");
        assertThat(raised.event()).isEqualTo("raised");
        JsonNode data = Http.JSON.readTree(raised.data());
        assertThat(data.path("alarm")
                        .path("evidence")
                        .path("observationIds")
                        .get(0)
                        .asString())
                .isEqualTo("sse-1");
        long alarm = data.path("alarmId").asLong();
        new Http(port).postJson("/alarms/" + alarm + "/acknowledgements", "{\"reason\": \"收到\"}", Http.MONITOR);
        Sse acknowledged = next(live, "yulinzhuang");
        assertThat(acknowledged.event()).isEqualTo("acknowledged");
        assertThat(Long.parseLong(acknowledged.id())).isGreaterThan(Long.parseLong(raised.id()));
        // a client that saw only the raise resumes from it and gets the acknowledgement first
        BlockingQueue<Sse> resumed = open(port, raised.id());
        Sse first = next(resumed, "yulinzhuang");
        assertThat(first.id()).isEqualTo(acknowledged.id());
        assertThat(Http.JSON.readTree(first.data()).path("reason").asString()).isEqualTo("收到");
        assertThat(new Http(port)
                        .get("/alarms/stream?lastEventId=x", Http.MONITOR)
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("lastEventId");
    }

    @Test
    void aWebhookRefusingOnceGetsTheEventAgainSignedAndEveryAttemptIsRecorded() throws Exception {
        // gubeikou TP (river, target II, limit 0.1): 0.15 is class III
        post("gubeikou", List.of(manual("wh-1", "2025-06-09T09:00:00+08:00", "TP", "0.15")));
        Http http = new Http(port);
        JsonNode a = http.get("/alarms?site=gubeikou&parameter=TP", Http.MONITOR)
                .body()
                .path("alarms")
                .get(0);
        long alarm = a.path("id").asLong();
        JsonNode view = http.get("/alarms/" + alarm, Http.MONITOR).body();
        String event = view.path("events").get(0).path("id").asString();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<Map<String, String>> mine = List.of();
        while (System.nanoTime() < end && mine.size() < 2) {
            Thread.sleep(100);
            mine = RECEIVED.stream().filter(r -> event.equals(r.get("event"))).toList();
        }
        assertThat(mine).hasSize(2);
        assertThat(mine).extracting(r -> r.get("status")).containsExactly("500", "204");
        assertThat(mine).extracting(r -> r.get("attempt")).containsExactly("1", "2");
        assertThat(mine).extracting(r -> r.get("valid")).containsOnly("true");
        assertThat(mine.get(0).get("body")).isEqualTo(mine.get(1).get("body"));
        assertThat(Http.JSON
                        .readTree(mine.get(1).get("body"))
                        .path("alarm")
                        .path("evidence")
                        .path("observationIds")
                        .get(0)
                        .asString())
                .isEqualTo("wh-1");
        // both attempts are on record with the alarm
        end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode deliveries = null;
        while (System.nanoTime() < end) {
            deliveries = http.get("/alarms/" + alarm, Http.MONITOR).body().path("deliveries");
            if (deliveries.size() >= 2) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(texts(deliveries, "attempt")).containsExactly("1", "2");
        assertThat(texts(deliveries, "status")).containsExactly("500", "204");
        assertThat(texts(deliveries, "delivered")).containsExactly("false", "true");
        assertThat(Duration.ofMillis(100)).isPositive();
    }
}
