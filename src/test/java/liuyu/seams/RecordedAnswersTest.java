package liuyu.seams;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import liuyu.geo.BeijingTime;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP answers of the demo service, recorded before the issue-21 refactoring (no change of behaviour):
 * each request's status, content type and body must stay what was recorded in
 * {@code src/test/resources/recorded-answers.txt}. Only values that differ from run to run are elided
 * (recording times, today's date); JSON bodies are compared with object members in key order, everything
 * else byte for byte ({@link #canonical}). Re-record deliberately with {@code -Drecord.answers=true}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:recorded-answers;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "liuyu.records.dir=target/recorded-answers-unused"
        })
@ActiveProfiles("dev")
@Tag("integration")
class RecordedAnswersTest {
    private static final Path RECORDING = Path.of("src/test/resources/recorded-answers.txt");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    // times a record was written, which differ on every run
    private static final Pattern RECORDED_AT = Pattern.compile(
            "\"(recordedAt|recorded|checkedAt|createdAt|storedAt|editedAt|at|timeStamp|generatedAt)\":\"[^\"]*\"");

    private static final String VILLA = """
        {"type":"Feature","id":"villa","properties":{"activity":"construction-residential"},
         "geometry":{"type":"Polygon","coordinates":[[[116.95,40.52],[116.952,40.52],[116.952,40.522],[116.95,40.522],[116.95,40.52]]]}}""";

    /** Method, path, optional user and body: the requests of the recording, in order. */
    record Call(String method, String path, String user, String body) {
        static Call get(String path) {
            return new Call("GET", path, null, null);
        }
    }

    static final List<Call> CALLS = List.of(
            Call.get("/locate?lon=116.95&lat=40.52"),
            Call.get("/locate?lon=116.3975&lat=39.9087&crs=GCJ-02"),
            Call.get("/locate?lon=NaN&lat=39.9"),
            Call.get("/locate?lat=39.9"),
            Call.get("/locate?lon=abc&lat=39.9"),
            Call.get("/layers"),
            Call.get("/layers/sections"),
            Call.get("/layers/nope"),
            Call.get("/rules?lon=116.95&lat=40.52"),
            Call.get("/rules?layer=protection-zones"),
            Call.get("/rules/nope"),
            Call.get("/activities"),
            Call.get("/documents"),
            Call.get("/documents/nope"),
            Call.get("/ogc"),
            Call.get("/ogc/conformance"),
            Call.get("/ogc/api"),
            Call.get("/ogc/collections"),
            Call.get("/ogc/collections/sections"),
            Call.get("/ogc/collections/sections/items?limit=3"),
            Call.get("/ogc/collections/sections/items?filter=nameZh%3D%27%E5%8F%A4%E5%8C%97%E5%8F%A3%27"),
            Call.get("/ogc/collections/sections/items?filter=nameZh%3D%3D"),
            Call.get("/ogc/collections/sections/items?limit=-1"),
            Call.get("/ogc/collections/sections/items/gubeikou"),
            Call.get("/ogc/collections/sections/items/nope"),
            Call.get("/ogc/collections/sections/schema"),
            Call.get("/ogc/collections/sections/queryables"),
            Call.get("/ogc/collections/nope"),
            Call.get("/ogc/tileMatrixSets"),
            Call.get("/linked-data"),
            Call.get("/linked-data/comid/position?coords=POINT(116.95%2040.62)"),
            Call.get("/linked-data/comid/chao-1"),
            Call.get("/linked-data/comid/chao-1/navigation"),
            Call.get("/linked-data/comid/chao-1/navigation/DM/flowlines?distance=50"),
            Call.get("/linked-data/comid/chao-1/navigation/XX/flowlines?distance=50"),
            Call.get("/linked-data/comid/nope/navigation/DM/flowlines?distance=50"),
            Call.get("/linked-data/comid/chao-1/navigation/UT/sections?distance=200"),
            Call.get("/linked-data/comid/chao-1/navigation/DM/flowlines?distance=abc"),
            Call.get("/sections"),
            Call.get("/sections/gubeikou"),
            Call.get("/sections/nope"),
            Call.get("/sections/miyun-reservoir/quality"),
            Call.get("/sections/beiguanzha/quality?from=2025-01&to=2025-08"),
            Call.get("/sections/beiguanzha/trace"),
            Call.get("/sections/nope/trace"),
            Call.get("/sections/gubeikou/observations?limit=2"),
            Call.get("/sections/miyun-reservoir/quality?period=2025"),
            Call.get("/sections/beiguanzha/quality?period=2025-07"),
            Call.get("/sections/beiguanzha/quality?period=2025-13"),
            Call.get("/sections/beiguanzha/trace?period=2025-07&distance=50"),
            Call.get("/sections/beiguanzha/trace?distance=-5"),
            Call.get("/sections/gubeikou/observations?period=2025-07"),
            Call.get("/quality/targets?year=2025"),
            Call.get("/linked-data/comid/position?coords=POINT(x)"),
            Call.get("/quality/parameters"),
            Call.get("/quality/targets"),
            Call.get("/outfalls"),
            Call.get("/outfalls/syn-of-01"),
            Call.get("/outfalls/syn-of-01/history"),
            Call.get("/outfalls/nope"),
            Call.get("/outfalls/coverage?year=2025"),
            Call.get("/outfalls/coverage?year=abc"),
            Call.get("/reports/outfalls/110118/2025"),
            Call.get("/catchment?lon=116.95&lat=40.52"),
            new Call("POST", "/checks", null, VILLA),
            new Call("POST", "/checks", null, "{\"type\":\"Feature\"}"),
            new Call(
                    "POST",
                    "/quality/classify",
                    null,
                    "{\"waterbody\":\"river\",\"values\":{\"NH3-N\":1.2,\"TP\":0.15}}"),
            new Call(
                    "POST",
                    "/check-reports",
                    "planner",
                    VILLA.replace("\"activity\":", "\"applicant\":\"recording\",\"activity\":")),
            new Call("GET", "/check-reports", "planner", null),
            new Call("GET", "/check-reports/1", "planner", null),
            new Call("POST", "/check-reports/1/recheck", "planner", ""),
            new Call("GET", "/check-reports/nope", "planner", null),
            new Call("GET", "/check-reports", "viewer", null),
            new Call("POST", "/sections/gubeikou/observations", "monitor", "{\"nope\":1}"));

    @LocalServerPort
    int port;

    @Test
    void answersAreTheRecordedOnes() throws Exception {
        StringBuilder out = new StringBuilder();
        for (Call c : CALLS) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.path()));
            if (c.user() != null) {
                b.header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((c.user() + ":" + c.user()).getBytes(StandardCharsets.UTF_8)));
                b.header("X-Liuyu-Client", "recorded-answers");
            }
            if (c.body() != null) {
                b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(c.body()));
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            out.append("### ")
                    .append(c.method())
                    .append(' ')
                    .append(c.path())
                    .append(c.user() == null ? "" : " as " + c.user())
                    .append('\n')
                    .append(r.statusCode())
                    .append(' ')
                    .append(r.headers().firstValue("Content-Type").orElse(""))
                    .append('\n')
                    .append(RECORDED_AT.matcher(r.body()).replaceAll("\"$1\":\"…\""))
                    .append("\n\n");
        }
        // checks without asOf are checked as of today in Beijing (from 16:00 UTC on, a day ahead of the UTC date)
        String answers = out.toString()
                .replace(":" + port + "/", ":PORT/")
                .replace(BeijingTime.today().toString(), "TODAY");
        if (Boolean.getBoolean("record.answers")) {
            Files.writeString(RECORDING, answers, StandardCharsets.UTF_8);
        }
        List<String> expected = new ArrayList<>(
                List.of(Files.readString(RECORDING, StandardCharsets.UTF_8).split("\n### ")));
        List<String> actual = List.of(answers.split("\n### "));
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(canonical(actual.get(i))).as("answer %d", i).isEqualTo(canonical(expected.get(i)));
        }
    }

    /**
     * The answer with the members of every JSON object in key order: some documents are built from {@code Map.of},
     * whose order changes from one JVM to the next, so only the order of object members is not compared.
     * Numbers keep their text; everything else, and every non-JSON body, is compared byte for byte.
     */
    static String canonical(String answer) {
        String[] parts = answer.split("\n", 3);
        if (parts.length < 3 || !parts[1].contains("json")) {
            return answer;
        }
        String body = parts[2].strip();
        try {
            Object tree = CANONICAL.readValue(body, Object.class);
            return parts[0] + "\n" + parts[1] + "\n" + CANONICAL.writeValueAsString(tree);
        } catch (JacksonException e) {
            return answer;
        }
    }
}
