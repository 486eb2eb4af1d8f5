package liuyu.api.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import liuyu.testing.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Seeded fuzzing over every endpoint: {@value #REQUESTS} generated hostile requests (odd methods, paths,
 * query strings, content types, credentials and mutated bodies), a fixed seed so a failure replays.
 * No answer may be a 5xx or carry a stack trace or a Java class name, and health is UP afterwards.
 * Same settings as {@link HostileInputTest}, so the two share one application context.
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
class HostileFuzzTest {
    static final long SEED = 22;
    static final int REQUESTS = 10_500;
    // generous: the suite runs on shared 2-core machines (see docs/limits.md)
    static final long TIME_BOUND_MS = 300_000;
    /** A stack frame, in any answer. */
    static final Pattern STACK = Pattern.compile("\\tat |\\bat (?:java|org|liuyu)\\.[\\w.$]+\\(");
    /**
     * A qualified class name or an exception's name, in an error answer. (Data may name code on purpose:
     * the districts layer's provenance names the converter it went through.)
     */
    static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:java|javax|jakarta|org|com|tools|liuyu)\\.(?:[a-z0-9_]+\\.)+[A-Z]\\w*"
                    + "|\\b[A-Z]\\w*Exception\\b|StreamReadConstraints");

    static boolean leaks(Http.Raw.Answer a) {
        return STACK.matcher(a.body()).find()
                || (a.status() >= 400 && CLASS_NAME.matcher(a.body()).find());
    }

    static final String[] PATHS = {
        "/",
        "/activities",
        "/check-reports/{n}",
        "/layers",
        "/layers/{layer}",
        "/linked-data",
        "/linked-data/comid/position",
        "/linked-data/{source}",
        "/linked-data/{source}/{id}",
        "/linked-data/{source}/{id}/basin",
        "/linked-data/{source}/{id}/navigation",
        "/linked-data/{source}/{id}/navigation/{mode}",
        "/linked-data/{source}/{id}/navigation/{mode}/{source}",
        "/locate",
        "/ogc",
        "/ogc/",
        "/ogc/api",
        "/ogc/conformance",
        "/ogc/collections",
        "/ogc/collections/{layer}",
        "/ogc/collections/{layer}/items",
        "/ogc/collections/{layer}/items/{id}",
        "/ogc/collections/{layer}/schema",
        "/outfalls",
        "/outfalls/coverage",
        "/outfalls/{outfall}",
        "/outfalls/{outfall}/history",
        "/outfalls/{outfall}/observations",
        "/outfalls/{outfall}/transitions",
        "/quality/parameters",
        "/quality/targets",
        "/quality/classify",
        "/rules",
        "/rules/{id}",
        "/sections",
        "/sections/{section}",
        "/sections/{section}/observations",
        "/sections/{section}/observations/{id}",
        "/sections/{section}/observations/{id}/corrections",
        "/sections/{section}/quality",
        "/sections/{section}/trace",
        "/reports/outfalls/{district}/{year}",
        "/map",
        "/map/",
        "/map/map.js",
        "/checks",
        "/check-reports",
        "/error",
        "/actuator/health",
        "/actuator/metrics",
        "/actuator/metrics/{id}",
        "/nowhere/{id}",
        "/webjars/leaflet/1.9.4/dist/leaflet.js",
    };
    static final String[] METHODS = {
        "GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO"
    };
    static final String[] PARAMS = {
        "lon",
        "lat",
        "crs",
        "limit",
        "offset",
        "bbox",
        "f",
        "year",
        "period",
        "distance",
        "filter",
        "filter-lang",
        "datetime",
        "buffer",
        "downstreamKm",
        "date",
        "district",
        "state",
        "type",
        "layer",
        "activity",
        "properties",
        "sortby",
        "bbox-crs",
        "parameter",
        "from",
        "to",
        "coords",
        "",
        "lon[]"
    };
    static final String[] VALUES = {
        "116.41",
        "39.92",
        "-1",
        "0",
        "1e10000000",
        "-1e308",
        "NaN",
        "Infinity",
        "99999999999999999999",
        "%ZZ",
        "%",
        "%00",
        "%0d%0a",
        "%E6%B5%81",
        "%C0%AF",
        "..%2F..%2Fetc%2Fpasswd",
        "'%20OR%201=1--",
        "CRS84",
        "EPSG:4490",
        "GCJ-02",
        "http://www.opengis.net/def/crs/EPSG/0/4326",
        "116,39,117,40",
        "1,2,3",
        "json",
        "csv",
        "html",
        "2025",
        "2025-13-45",
        "..%2F..",
        "<script>",
        "%3Cscript%3E",
        "=cmd|calc",
        "true",
        "x".repeat(3000),
        "9".repeat(400),
        "",
        "a=b=c",
        "%2e%2e"
    };
    static final String[] IDS = {
        "gubeikou",
        "miyun",
        "miyun-reservoir",
        "110118",
        "rivers",
        "sections",
        "outfalls",
        "districts",
        "reservoirs",
        "protection-zones",
        "UM",
        "DD",
        "UT",
        "DM",
        "PP",
        "comid",
        "1",
        "0",
        "-1",
        "99999999999999999999",
        "%ZZ",
        "%2F",
        "..",
        ".",
        "%00",
        "%E6%B5%81%E5%9F%9F",
        "a;b=c",
        "x".repeat(500),
        "NaN",
        "1e10000000",
        "2025",
        "source-level-1-unrelated-projects"
    };
    static final String[] CONTENT_TYPES = {
        "application/json",
        "application/geo+json",
        "text/csv",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "multipart/form-data; boundary=x",
        "application/*",
        "*/*",
        "garbage",
        "application/json; charset=bogus",
        "application/json; charset=UTF-16",
        "text/csv; charset=GBK",
        "application/xml",
        ";;;",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        null
    };
    static final String[] ACCEPTS = {
        "application/json",
        "text/csv",
        "text/html",
        "*/*",
        "application/xml",
        "garbage/",
        "application/geo+json",
        "image/png",
        null
    };
    static final String[] AUTHORIZATIONS = {
        Http.MONITOR,
        Http.INSPECTOR,
        Http.basic("planner", "planner"),
        Http.basic("viewer", "viewer"),
        Http.basic("miyun", "miyun"),
        Http.basic("monitor", "wrong"),
        "Basic ???",
        "Basic " + "A".repeat(2000),
        "Bearer x.y.z",
        "Digest a=b",
        null,
        null,
        null
    };
    static final String[] SEEDS = {
        "{\"type\":\"Feature\",\"properties\":{\"activity\":\"dumping\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[116.4,39.9],[116.401,39.9],[116.401,39.901],[116.4,39.901],[116.4,39.9]]]}}",
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"a\",\"properties\":{\"activity\":\"planting\"},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[116.95,40.52]}}]}",
        "{\"waterbody\":\"river\",\"values\":{\"COD\":18,\"TP\":{\"value\":31,\"unit\":\"µg/L\"}}}",
        "{\"samples\":[{\"id\":\"s\",\"waterbody\":\"lake\",\"values\":{\"TN\":\"<0.05\"}}]}",
        "{\"observations\":[{\"id\":\"f-1\",\"sampledAt\":\"2025-06-05T09:30:00+08:00\",\"parameter\":\"TP\",\"value\":0.1,"
                + "\"unit\":\"mg/L\",\"source\":\"automatic\",\"deviceId\":\"TP-1\",\"lastCalibration\":\"2025-06-01\"}]}",
        "id,sampledAt,parameter,value,unit,source,deviceId,lastCalibration\r\nf-2,2025-06-05T09:30:00+08:00,TP,0.1,mg/L,automatic,TP-1,2025-06-01\r\n",
        "{\"to\":\"monitored\",\"reason\":\"fuzz\",\"evidence\":[\"photo\"]}",
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[116.4,39.9]},\"properties\":{\"nameZh\":\"测试\","
                + "\"type\":\"industrial\",\"reason\":\"fuzz\",\"version\":1}}",
        "{\"reason\":\"fix\",\"sampledAt\":\"2025-06-05T09:30:00+08:00\",\"parameter\":\"TP\",\"value\":0.2,\"unit\":\"mg/L\"}",
    };
    static final String[] HOSTILE_TOKENS = {
        "1e10000000",
        "-1e10000000",
        "1E-10000000",
        "NaN",
        "null",
        "[]",
        "{}",
        "\"\\u0000\"",
        "\"\\u007f\"",
        "\"=cmd|' /C calc'!A0\"",
        "123456789012345678901234567890123456789012345678901234567890",
        "true",
        "\"\"",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        "\"\\ud800\"",
        "-0",
        "0.0000000000000000000000000000001",
        "\"" + "名".repeat(300) + "\"",
        "{\"type\":\"Polygon\",\"coordinates\":[[[-180,-90],[180,-90]," + "[180,90],[-180,90],[-180,-90]]]}",
        "\"2025-02-30T25:61:00+99:00\""
    };

    @LocalServerPort
    int port;

    record Outcome(String request, int status, String body) {}

    @Test
    void tenThousandHostileRequestsGiveNo5xxNoClassNamesAndLeaveTheServiceUp() throws Exception {
        Http.Raw raw = new Http.Raw(port);
        String outfall = new Http(port)
                .get("/outfalls?limit=1")
                .body()
                .path("outfalls")
                .get(0)
                .path("id")
                .asString();
        List<Outcome> bad = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        int threads = 4;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(SEED * 31 + t); // each thread its own fixed stream
            int share = REQUESTS / threads;
            work.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    Request r = request(random, outfall);
                    Http.Raw.Answer a;
                    try {
                        a = raw.send(r.method, r.target, r.headers, r.body);
                    } catch (Exception e) {
                        bad.add(new Outcome(r.describe(), -1, "no answer: " + e));
                        continue;
                    }
                    done.incrementAndGet();
                    if (a.status() >= 500 || leaks(a)) {
                        bad.add(new Outcome(
                                r.describe(),
                                a.status(),
                                a.body().length() > 400 ? a.body().substring(0, 400) : a.body()));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(bad)
                .as("requests answered 5xx, with a class name, or not at all")
                .isEmpty();
        assertThat(done.get()).isGreaterThanOrEqualTo(10_000);
        assertThat(elapsedMs).as("time for %d requests", done.get()).isLessThan(TIME_BOUND_MS);
        Http.Reply health = new Http(port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asString()).isEqualTo("UP");
    }

    record Request(String method, String target, String headers, byte[] body) {
        String describe() {
            return method + " " + target + " [" + headers.replace("\r\n", "; ") + "] "
                    + (body == null
                            ? ""
                            : body.length + " bytes: "
                                    + new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8));
        }
    }

    static <T> T pick(Random r, T[] options) {
        return options[r.nextInt(options.length)];
    }

    static Request request(Random r, String outfall) {
        String method = pick(r, METHODS);
        String path = pick(r, PATHS)
                .replace("{section}", r.nextInt(4) == 0 ? pick(r, IDS) : "gubeikou")
                .replace("{outfall}", r.nextInt(4) == 0 ? pick(r, IDS) : outfall)
                .replace(
                        "{layer}",
                        r.nextInt(3) == 0
                                ? pick(r, IDS)
                                : pick(r, new String[] {"rivers", "sections", "outfalls", "districts"}))
                .replace("{district}", r.nextInt(3) == 0 ? pick(r, IDS) : "110118")
                .replace("{year}", r.nextInt(3) == 0 ? pick(r, VALUES) : "2025")
                .replace("{n}", Integer.toString(r.nextInt(5) - 1));
        while (path.contains("{")) {
            int a = path.indexOf('{');
            path = path.substring(0, a) + pick(r, IDS) + path.substring(path.indexOf('}', a) + 1);
        }
        path = path.replace(" ", "%20");
        StringBuilder query = new StringBuilder();
        int params = r.nextInt(4);
        for (int i = 0; i < params; i++) {
            query.append(i == 0 ? "?" : "&");
            switch (r.nextInt(10)) {
                case 0 ->
                    query.append(pick(r, new String[] {"=1", "&&", "%", "a=%ZZ", "=", "a", "a==", "%zz=%zz", "a=%G1"}));
                default -> query.append(pick(r, PARAMS)).append('=').append(pick(r, VALUES));
            }
        }
        StringBuilder headers = new StringBuilder();
        String type = pick(r, CONTENT_TYPES);
        boolean hasBody = !method.equals("GET") && !method.equals("HEAD") || r.nextInt(20) == 0;
        if (type != null && (hasBody || r.nextInt(10) == 0)) {
            headers.append("Content-Type: ").append(type).append("\r\n");
        }
        String accept = pick(r, ACCEPTS);
        if (accept != null) {
            headers.append("Accept: ").append(accept).append("\r\n");
        }
        // credentials on one request in 25: checking a Basic password costs a BCrypt round in Spring Security
        String auth = r.nextInt(25) == 0 ? pick(r, AUTHORIZATIONS) : null;
        if (auth != null) {
            headers.append("Authorization: ").append(auth).append("\r\n");
        }
        if (r.nextInt(3) > 0) {
            headers.append("X-Liuyu-Client: fuzz\r\n");
        }
        if (r.nextInt(30) == 0) {
            headers.append("Cookie: JSESSIONID=").append(r.nextInt()).append("\r\n");
        }
        return new Request(method, path + query, headers.toString(), hasBody ? body(r) : null);
    }

    static byte[] body(Random r) {
        String seed = pick(r, SEEDS);
        switch (r.nextInt(8)) {
            case 0 -> {
                return new byte[0];
            }
            case 1 -> {
                return seed.substring(0, r.nextInt(seed.length())).getBytes(StandardCharsets.UTF_8); // truncated
            }
            case 2 -> {
                byte[] noise = new byte[r.nextInt(2000)];
                r.nextBytes(noise); // arbitrary bytes, invalid UTF-8 among them
                return noise;
            }
            case 3 -> {
                return (seed + "x".repeat(r.nextInt(40_000)))
                        .getBytes(StandardCharsets.UTF_8); // around the body limits
            }
            default -> {
                // replace one scalar (number, string, literal) with a hostile token
                String mutated = seed;
                int mutations = 1 + r.nextInt(3);
                for (int m = 0; m < mutations; m++) {
                    List<int[]> spots = scalars(mutated);
                    if (spots.isEmpty()) {
                        break;
                    }
                    int[] s = spots.get(r.nextInt(spots.size()));
                    mutated = mutated.substring(0, s[0]) + pick(r, HOSTILE_TOKENS) + mutated.substring(s[1]);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(mutated.getBytes(StandardCharsets.UTF_8));
                return out.toByteArray();
            }
        }
    }

    /** Spans of the JSON numbers and strings in {@code json}. */
    static List<int[]> scalars(String json) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = json.indexOf('"', i + 1);
                if (end < 0) {
                    break;
                }
                out.add(new int[] {i, end + 1});
                i = end;
            } else if (c == '-' || Character.isDigit(c)) {
                int end = i + 1;
                while (end < json.length() && "0123456789.eE+-".indexOf(json.charAt(end)) >= 0) {
                    end++;
                }
                out.add(new int[] {i, end});
                i = end - 1;
            }
        }
        return out;
    }
}
