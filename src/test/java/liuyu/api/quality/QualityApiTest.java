package liuyu.api.quality;

import static org.assertj.core.api.Assertions.assertThat;

import liuyu.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** Sections, ingest (JSON and CSV), corrections, section quality, classification and targets over HTTP. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/quality-atlas", "liuyu.quality.demo-observations=false"})
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@Tag("integration")
class QualityApiTest {
    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        jdbc.execute(
                "DELETE FROM observation"); // each test starts from an empty store (tests may delete; the service never
        // does)
    }

    static String row(String id, String at, String parameter, String value, String unit) {
        return """
            {"id": "%s", "sampledAt": "%s", "parameter": "%s", "value": %s, "unit": "%s", "source": "manual",
             "method": "GB 11893-89", "sampler": "张三", "analyst": "李四", "reviewer": "王五", "signatory": "赵六"}""".formatted(id, at, parameter, value, unit);
    }

    static String batch(String... rows) {
        return "{\"observations\": [" + String.join(",", rows) + "]}";
    }

    long rows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM observation", Long.class);
    }

    @Test
    void sectionsListTheAtlasSectionsWithTheirTargetClassAndAnUnknownSectionIs404() throws Exception {
        Http.Reply list = http.get("/sections");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("count").asInt()).isEqualTo(5);
        Http.Reply one = http.get("/sections/yulinzhuang");
        assertThat(one.body().path("nameZh").asString()).isEqualTo("榆林庄");
        assertThat(one.body().path("targetClass").asString()).isEqualTo("IV");
        assertThat(one.body().path("waterbody").asString()).isEqualTo("river");
        assertThat(http.get("/sections/miyun-reservoir")
                        .body()
                        .path("waterbody")
                        .asString())
                .isEqualTo("lake-reservoir");
        assertThat(http.get("/sections/beiguanzha").body().path("profile").asString())
                .isEqualTo("realtime");
        Http.Reply missing = http.get("/sections/nowhere");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.body().path("parameter").asString()).isEqualTo("id");
    }

    @Test
    void aBatchIsStoredUnderTheAuthenticatedUserAndARetryStoresNothingTwice() throws Exception {
        String body = batch(
                row("y-1", "2025-06-05T09:30:00+08:00", "NH3-N", "1.35", "mg/L"),
                row("y-2", "2025-06-05T09:30:00+08:00", "TP", "250", "µg/L"));
        Http.Reply first = http.postJson("/sections/yulinzhuang/observations", body, Http.MONITOR);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body().path("stored").asInt()).isEqualTo(2);
        assertThat(first.body().path("recordedBy").asString()).isEqualTo("monitor");
        Http.Reply retry = http.postJson("/sections/yulinzhuang/observations", body, Http.MONITOR);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().path("unchanged").asInt()).isEqualTo(2);
        assertThat(rows()).isEqualTo(2);
        JsonNode tp = http.get("/sections/yulinzhuang/observations/y-2")
                .body()
                .path("history")
                .get(0);
        // 250 µg/L is stored as 0.250 mg/L, and the value as reported is kept beside it
        assertThat(tp.path("value").decimalValue()).isEqualByComparingTo("0.250");
        assertThat(tp.path("unit").asString()).isEqualTo("mg/L");
        assertThat(tp.path("reportedValue").asString()).isEqualTo("250");
        assertThat(tp.path("reportedUnit").asString()).isEqualTo("µg/L");
        assertThat(tp.path("recordedBy").asString()).isEqualTo("monitor");
    }

    @Test
    void reusingAnIdForDifferentContentIsAConflictAndStoresNothingOfTheBatch() throws Exception {
        http.postJson(
                "/sections/yulinzhuang/observations",
                batch(row("c-1", "2025-06-05T09:30:00+08:00", "TP", "0.25", "mg/L")),
                Http.MONITOR);
        Http.Reply r = http.postJson(
                "/sections/yulinzhuang/observations",
                batch(
                        row("c-2", "2025-06-05T09:30:00+08:00", "DO", "6.1", "mg/L"),
                        row("c-1", "2025-06-05T09:30:00+08:00", "TP", "0.26", "mg/L")),
                Http.MONITOR);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().path("conflictingIds").get(0).asString()).isEqualTo("c-1");
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void everyRejectedRowIsListedWithRowFieldAndReasonAndNothingIsStored() throws Exception {
        String body = batch(
                row("r-1", "2025-06-05T09:30:00+08:00", "TP", "0.25", "mg/L"),
                row("r-2", "2025-06-05T09:30:00+08:00", "XYZ", "1", "mg/L"),
                row("r-3", "2025-06-05T09:30:00+08:00", "TP", "0.25", "g/L"),
                """
            {"id": "r-4", "sampledAt": "2025-06-05T09:30:00+08:00", "parameter": "TP", "value": 0.2, "unit": "mg/L",
             "source": "manual", "sampler": "张三", "analyst": "李四", "signatory": "赵六"}""",
                """
            {"id": "r-5", "sampledAt": "2025-06-05T09:30:00+08:00", "parameter": "TP", "value": 0.2, "unit": "mg/L",
             "source": "automatic", "deviceId": "TP-0815", "lastCalibration": "2025-05-30", "abnormal": true}""",
                row("r-6", "2025-06-05T09:30", "pH", "7.2", ""),
                row("r-1", "2025-06-05T09:30:00+08:00", "DO", "-1", "mg/L"),
                row("r-8", "2099-01-01T09:30:00+08:00", "DO", "6.2", "mg/L"));
        Http.Reply r = http.postJson("/sections/yulinzhuang/observations", body, Http.MONITOR);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("detail").asString()).contains("nothing of the batch was stored");
        JsonNode rejected = r.body().path("rejected");
        assertThat(rejection(rejected, 2, "parameter")).contains("unknown parameter 'XYZ'");
        assertThat(rejection(rejected, 3, "unit")).contains("accepted: mg/L, µg/L");
        assertThat(rejection(rejected, 4, "reviewer")).contains("beijing-monitoring-quality-2018/5.13");
        assertThat(rejection(rejected, 5, "abnormalCause")).contains("beijing-monitoring-quality-2018/4.12");
        assertThat(rejection(rejected, 6, "sampledAt")).contains("with offset");
        assertThat(rejection(rejected, 7, "value")).contains("cannot be negative");
        assertThat(rejection(rejected, 7, "id")).contains("appears twice");
        assertThat(rejection(rejected, 8, "sampledAt")).contains("in the future");
        assertThat(rows()).isZero();
    }

    @Test
    void aCsvUploadIsReadLikeJsonAndItsRejectedRowsAreListedToo() throws Exception {
        String header = "id,sampledAt,parameter,value,unit,source,deviceId,lastCalibration,abnormal,abnormalCause\n";
        String good = header
                + "a-1,2025-06-05T09:00:00+08:00,NH3-N,0.42,mg/L,automatic,NH3-77,2025-05-20,,\n"
                + "a-2,2025-06-05T09:00:00+08:00,TP,\"38\",µg/L,automatic,TP-12,2025-05-20,,\n"
                + "a-3,2025-06-05T09:00:00+08:00,DO,0.4,mg/L,automatic,DO-3,2025-05-20,true,\"probe fouled, cleaned 10:40\"\n";
        Http.Reply ok = http.post("/sections/beiguanzha/observations", "text/csv", good, Http.MONITOR);
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.body().path("stored").asInt()).isEqualTo(3);
        Http.Reply bad = http.post(
                "/sections/beiguanzha/observations",
                "text/csv",
                header + "b-1,2025-06-05T09:00:00+08:00,NH3-N,0.42,mg/L,automatic,,2025-05-20,,\n"
                        + "b-2,2025-06-05T09:00:00+08:00,NH3-N,abc,mg/L,automatic,NH3-77,2025-05-20,,\n",
                Http.MONITOR);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(rejection(bad.body().path("rejected"), 1, "deviceId")).contains("required");
        assertThat(rejection(bad.body().path("rejected"), 2, "value")).contains("decimal number");
        Http.Reply unknownColumn =
                http.post("/sections/beiguanzha/observations", "text/csv", "id,colour\nx,red\n", Http.MONITOR);
        assertThat(unknownColumn.status()).isEqualTo(400);
        assertThat(unknownColumn.body().path("parameter").asString()).isEqualTo("header");
        assertThat(rows()).isEqualTo(3);
        // the abnormal DO value is left out of the evaluation and listed with its cause
        JsonNode q = http.get("/sections/beiguanzha/quality?period=2025-06").body();
        assertThat(q.path("profile").asString()).isEqualTo("realtime");
        assertThat(q.path("excluded").get(0).path("abnormalCause").asString()).isEqualTo("probe fouled, cleaned 10:40");
        assertThat(q.path("periodMean").path("waterClass").asString()).isEqualTo("II");
    }

    @Test
    void aCorrectionIsANewVersionWithItsReasonAndAuthorAndTheHistoryKeepsTheOriginal() throws Exception {
        http.postJson(
                "/sections/yulinzhuang/observations",
                batch(row("k-1", "2025-06-05T09:30:00+08:00", "TP", "2.5", "mg/L")),
                Http.MONITOR);
        String fix = """
            {"reason": "transcription error: decimal point", "sampledAt": "2025-06-05T09:30:00+08:00", "parameter": "TP",
             "value": 0.25, "unit": "mg/L", "source": "manual", "sampler": "张三", "analyst": "李四", "reviewer": "王五", "signatory": "赵六"}""";
        Http.Reply r = http.postJson("/sections/yulinzhuang/observations/k-1/corrections", fix, Http.MONITOR);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().path("version").asInt()).isEqualTo(2);
        JsonNode history =
                http.get("/sections/yulinzhuang/observations/k-1").body().path("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("value").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(history.get(1).path("correctionReason").asString()).isEqualTo("transcription error: decimal point");
        assertThat(history.get(1).path("recordedBy").asString()).isEqualTo("monitor");
        JsonNode q = http.get("/sections/yulinzhuang/quality?period=2025-06").body();
        assertThat(q.path("periodMean").path("factors").get(0).path("value").decimalValue())
                .isEqualByComparingTo("0.25");
        Http.Reply noReason = http.postJson(
                "/sections/yulinzhuang/observations/k-1/corrections",
                fix.replace("\"reason\": \"transcription error: decimal point\",", ""),
                Http.MONITOR);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().path("parameter").asString()).isEqualTo("reason");
        assertThat(http.postJson("/sections/yulinzhuang/observations/none/corrections", fix, Http.MONITOR)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aSectionsMonthAndYearAreClassedFromTheMeansAndNameTheClassSettingParameters() throws Exception {
        http.postJson(
                "/sections/yulinzhuang/observations",
                batch(
                        row("m-1", "2025-06-05T09:30:00+08:00", "NH3-N", "1.2", "mg/L"),
                        row("m-2", "2025-06-05T09:30:00+08:00", "DO", "5.5", "mg/L"),
                        row("m-3", "2025-06-20T09:30:00+08:00", "NH3-N", "2.4", "mg/L"),
                        row("m-4", "2025-06-20T09:30:00+08:00", "DO", "4.1", "mg/L"),
                        row("m-5", "2025-05-20T09:30:00+08:00", "NH3-N", "0.40", "mg/L")),
                Http.MONITOR);
        JsonNode june = http.get("/sections/yulinzhuang/quality?period=2025-06").body();
        assertThat(june.path("sampleCount").asInt()).isEqualTo(2);
        assertThat(june.path("samples")
                        .get(0)
                        .path("assessment")
                        .path("waterClass")
                        .asString())
                .isEqualTo("IV");
        assertThat(june.path("samples")
                        .get(1)
                        .path("assessment")
                        .path("waterClass")
                        .asString())
                .isEqualTo("worse-than-V");
        // means: NH3-N (1.2 + 2.4)/2 = 1.8 → class V, 0.80 times over class III; DO 4.8 → class IV
        JsonNode mean = june.path("periodMean");
        assertThat(mean.path("waterClass").asString()).isEqualTo("V");
        assertThat(mean.path("classSetting").get(0).asString()).isEqualTo("NH3-N");
        assertThat(mean.path("factors").findValues("exceedanceMultiple").get(0).decimalValue())
                .isEqualByComparingTo("0.80");
        assertThat(june.path("meetsTarget").asBoolean()).isFalse();
        assertThat(june.path("rounding").asString()).isEqualTo("reported");
        JsonNode year = http.get("/sections/yulinzhuang/quality?period=2025&profile=realtime&rounding=raw")
                .body();
        assertThat(year.path("sampleCount").asInt()).isEqualTo(3);
        assertThat(year.path("profile").asString()).isEqualTo("realtime");
        assertThat(year.path("rounding").asString()).isEqualTo("raw");
        assertThat(http.get("/sections/yulinzhuang/quality?period=2025-13").status())
                .isEqualTo(400);
        assertThat(http.get("/sections/yulinzhuang/quality")
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("period");
        assertThat(http.get("/sections/yulinzhuang/quality?period=2025&profile=fast")
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("profile");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // a hang guard: before the bound this request pinned a core for tens of minutes
    void aNumberWithAHugeExponentIsRefusedAtOnceNamingItsField() throws Exception {
        // 51 anonymous bytes: the value's plain form would have ten million digits
        Http.Reply classify =
                http.postJson("/quality/classify", "{\"waterbody\":\"river\",\"values\":{\"COD\":1e10000000}}", null);
        assertThat(classify.status()).isEqualTo(400);
        assertThat(classify.body().path("parameter").asString()).isEqualTo("values.COD");
        assertThat(classify.body().path("detail").asString()).contains("below 1e15 in magnitude");
        Http.Reply asText = http.postJson(
                "/quality/classify", "{\"waterbody\":\"river\",\"values\":{\"COD\":\"1e10000000\"}}", null);
        assertThat(asText.status()).isEqualTo(400);
        assertThat(asText.body().path("parameter").asString()).isEqualTo("values.COD");
        Http.Reply stored = http.postJson(
                "/sections/yulinzhuang/observations",
                batch(row("huge-1", "2025-06-05T09:30:00+08:00", "COD", "1e10000000", "mg/L")),
                Http.MONITOR);
        assertThat(stored.status()).isEqualTo(400);
        assertThat(stored.body().path("parameter").asString()).isEqualTo("observations[0].value");
        assertThat(stored.body().path("detail").asString()).contains("below 1e15 in magnitude");
        Http.Reply csv = http.post(
                "/sections/yulinzhuang/observations",
                "text/csv",
                "id,sampledAt,parameter,value,unit,source,method,sampler,analyst,reviewer,signatory\n"
                        + "huge-2,2025-06-05T09:30:00+08:00,COD,1e10000000,mg/L,manual,GB 11914-89,张三,李四,王五,赵六\n",
                Http.MONITOR);
        assertThat(csv.status()).isEqualTo(400);
        assertThat(rejection(csv.body().path("rejected"), 1, "value")).contains("below 1e15 in magnitude");
        assertThat(rows()).isZero();
    }

    @Test
    void classifyIsStatelessAndTakesOneSampleOrABatch() throws Exception {
        Http.Reply one = http.postJson("/quality/classify", """
            {"waterbody": "reservoir", "profile": "realtime", "rounding": "reported",
             "values": {"pH": 8.1, "DO": 9.2, "CODMn": 2.6, "NH3-N": "<0.025", "TP": {"value": 25.4, "unit": "µg/L", "decimals": 0},
                        "TN": 1.31}}""", null);
        assertThat(one.status()).isEqualTo(200);
        JsonNode a = one.body().path("results").get(0).path("assessment");
        // TP 25.4 µg/L reported to whole µg/L = 0.025 mg/L: class II for a reservoir; CODMn 2.6 → II
        assertThat(a.path("waterClass").asString()).isEqualTo("II");
        assertThat(factor(a, "TP").path("value").decimalValue()).isEqualByComparingTo("0.025");
        assertThat(factor(a, "TP").path("waterClass").asString()).isEqualTo("II");
        assertThat(factor(a, "CODMn").path("waterClass").asString()).isEqualTo("II");
        assertThat(factor(a, "NH3-N").path("waterClass").asString()).isEqualTo("I");
        assertThat(factor(a, "DO").path("waterClass").asString()).isEqualTo("I");
        assertThat(a.path("classSetting").toString()).isEqualTo("[\"CODMn\",\"TP\"]");
        assertThat(a.path("reportedSeparately").get(0).path("waterClass").asString())
                .isEqualTo("IV");
        // TP 60 µg/L in a lake, whole µg/L: 0.060 mg/L, class IV, and it sets the class
        JsonNode lake = http.postJson("/quality/classify", """
            {"waterbody": "lake", "rounding": "reported", "values": {"TP": {"value": 60, "unit": "µg/L", "decimals": 0}, "DO": 8}}""", null)
                .body()
                .path("results")
                .get(0)
                .path("assessment");
        assertThat(factor(lake, "TP").path("value").decimalValue()).isEqualByComparingTo("0.060");
        assertThat(factor(lake, "TP").path("waterClass").asString()).isEqualTo("IV");
        assertThat(factor(lake, "DO").path("waterClass").asString()).isEqualTo("I");
        assertThat(lake.path("waterClass").asString()).isEqualTo("IV");
        assertThat(a.path("profile").asString()).isEqualTo("realtime");
        Http.Reply many = http.postJson("/quality/classify", """
            {"waterbody": "river", "samples": [
              {"id": "a", "values": {"COD": 15}},
              {"id": "b", "values": {"COD": 41}},
              {"id": "c", "waterbody": "lake", "values": {"TP": 0.05}}]}""", null);
        assertThat(many.body().path("results").findValuesAsString("waterClass"))
                .containsExactly("I", "I", "worse-than-V", "worse-than-V", "III", "III");
        assertThat(rows()).isZero();
        Http.Reply bad = http.postJson(
                "/quality/classify",
                "{\"waterbody\": \"river\", \"samples\": [{\"values\": {\"Tp\": 0.1, \"Au\": 1}}]}",
                null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("parameter").asString()).isEqualTo("samples[0].values.Au");
        assertThat(http.postJson("/quality/classify", "{\"values\": {\"TP\": 0.1}}", null)
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("waterbody");
        assertThat(http.postJson(
                                "/quality/classify",
                                "{\"waterbody\": \"river\", \"values\": {\"TP\": {\"value\": 1, \"unit\": \"ppm\"}}}",
                                null)
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("values.TP.unit");
        assertThat(http.postJson("/quality/classify", "{not json", null).status())
                .isEqualTo(400);
    }

    @Test
    void targetsCountSectionsAtClassIIIOrBetterAndWorseThanVAndCompareMiyunTotalNitrogen() throws Exception {
        http.postJson(
                "/sections/yulinzhuang/observations",
                batch(row("t-1", "2025-06-05T09:30:00+08:00", "NH3-N", "2.6", "mg/L")),
                Http.MONITOR);
        http.postJson(
                "/sections/gubeikou/observations",
                batch(row("t-2", "2025-06-05T09:30:00+08:00", "NH3-N", "0.3", "mg/L")),
                Http.MONITOR);
        http.postJson(
                "/sections/miyun-reservoir/observations",
                batch(
                        row("t-3", "2025-06-05T09:30:00+08:00", "TN", "1.05", "mg/L"),
                        row("t-4", "2025-06-05T09:30:00+08:00", "CODMn", "2.1", "mg/L")),
                Http.MONITOR);
        JsonNode t = http.get("/quality/targets?year=2025").body();
        assertThat(t.path("sectionsClassed").asInt()).isEqualTo(3);
        assertThat(t.path("atClassIIIOrBetter").asInt()).isEqualTo(2);
        assertThat(t.path("shareAtClassIIIOrBetter").asDouble()).isEqualTo(0.6667);
        assertThat(t.path("worseThanV").asInt()).isEqualTo(1);
        JsonNode tn = t.path("miyunTotalNitrogen");
        assertThat(tn.path("mean").decimalValue()).isEqualByComparingTo("1.05");
        assertThat(tn.path("baselineYear").asInt()).isEqualTo(2021);
        assertThat(tn.path("baselineIsDemo").asBoolean()).isTrue();
        assertThat(tn.path("lower").asBoolean()).isTrue();
        assertThat(t.path("notes").toString()).contains("DEMO value");
        assertThat(http.get("/quality/targets?year=twenty").status()).isEqualTo(400);
        assertThat(http.get("/quality/targets?year=2025.5")
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("year");
    }

    @Test
    void theParameterListGivesCodesUnitsLimitsAndProfiles() throws Exception {
        JsonNode r = http.get("/quality/parameters").body();
        assertThat(r.path("parameters"))
                .hasSize(29); // the 24 basic items of Table 1, an outfall's flow, 4 CNEMC columns
        assertThat(r.path("parameters").get(24).toString())
                .contains("\"code\":\"flow\"")
                .contains("\"unit\":\"m³/d\"")
                .contains("\"evaluatedIn\":[]");
        assertThat(r.path("parameters").get(25).toString())
                .contains("\"code\":\"conductivity\"")
                .contains("\"nameZh\":\"电导率\"")
                .contains("\"acceptedUnits\":\"µS/cm, mS/m, mS/cm\"")
                .contains("\"evaluatedIn\":[]");
        JsonNode tp = null;
        for (JsonNode p : r.path("parameters")) {
            if (p.path("code").asString().equals("TP")) {
                tp = p;
            }
        }
        assertThat(tp.path("nameZh").asString()).isEqualTo("总磷");
        assertThat(tp.path("names").toString()).isEqualTo("[\"TP\",\"总磷\",\"total phosphorus\"]");
        assertThat(tp.path("acceptedUnits").asString()).isEqualTo("mg/L, µg/L, mg/m³, ng/L");
        assertThat(tp.path("unit").asString()).isEqualTo("mg/L");
        assertThat(tp.path("lakeReservoirLimits").get(1).decimalValue()).isEqualByComparingTo("0.025");
        assertThat(tp.path("evaluatedIn").toString()).contains("full").contains("realtime");
        assertThat(r.path("classes").get(5).path("nameZh").asString()).isEqualTo("劣Ⅴ类");
    }

    static JsonNode factor(JsonNode assessment, String parameter) {
        for (JsonNode f : assessment.path("factors")) {
            if (f.path("parameter").asString().equals(parameter)) {
                return f;
            }
        }
        throw new AssertionError("no factor " + parameter + " in " + assessment);
    }

    private static String rejection(JsonNode rejected, int row, String field) {
        for (JsonNode r : rejected) {
            if (r.path("row").asInt() == row && r.path("field").asString().equals(field)) {
                return r.path("reason").asString();
            }
        }
        throw new AssertionError("no rejection for row " + row + " field " + field + " in " + rejected);
    }
}
