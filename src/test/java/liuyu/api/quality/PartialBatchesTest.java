package liuyu.api.quality;

import static liuyu.api.quality.QualityApiTest.batch;
import static liuyu.api.quality.QualityApiTest.row;
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

/** ?partial=true for classify and ingest; all or nothing stays the default; water-body types from the section registry. */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/quality-atlas", "liuyu.quality.demo-observations=false"})
@Tag("integration")
class PartialBatchesTest {
    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        jdbc.execute("DELETE FROM observation");
    }

    long rows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM observation", Long.class);
    }

    static final String MIXED = batch(
            row("p-1", "2025-06-05T09:30:00+08:00", "NH3-N", "1.35", "mg/L"),
            row("p-2", "2025-06-05T09:30:00+08:00", "XYZ", "1", "mg/L"),
            row("p-3", "2025-06-05T09:30:00+08:00", "TP", "250", "µg/L"),
            row("p-4", "2025-06-05T09:30:00+08:00", "TP", "1", "furlongs"),
            row("p-1", "2025-06-05T09:30:00+08:00", "DO", "6.1", "mg/L"),
            row("p-6", "2025-06-05T09:30:00+08:00", "氨氮", "0.8", "mg/L"));

    @Test
    void allOrNothingStaysTheDefaultForStoredObservations() throws Exception {
        Http.Reply r = http.postJson("/sections/yulinzhuang/observations", MIXED, Http.MONITOR);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("detail").asString()).contains("nothing of the batch was stored");
        assertThat(r.body().path("rejected")).hasSize(3);
        assertThat(rows()).isZero();
    }

    @Test
    void partialIngestStoresTheGoodRowsAndListsEachRefusedRowWithItsReason() throws Exception {
        Http.Reply r = http.postJson("/sections/yulinzhuang/observations?partial=true", MIXED, Http.MONITOR);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.body().path("stored").asInt()).isEqualTo(3);
        assertThat(r.body().path("storedIds").toString()).isEqualTo("[\"p-1\",\"p-3\",\"p-6\"]");
        assertThat(r.body().path("refusedRows").asInt()).isEqualTo(3);
        JsonNode refused = r.body().path("refused");
        assertThat(refused.findValuesAsString("row")).containsExactly("2", "4", "5");
        assertThat(refused.get(0).path("field").asString()).isEqualTo("parameter");
        assertThat(refused.get(1).path("field").asString()).isEqualTo("unit");
        assertThat(refused.get(2).path("reason").asString()).contains("appears twice");
        assertThat(rows()).isEqualTo(3);
        // the Chinese name is stored as the parameter's code
        assertThat(jdbc.queryForObject(
                        "SELECT parameter_code FROM observation WHERE observation_id = 'p-6'", String.class))
                .isEqualTo("NH3-N");
        // a retry: the stored rows are unchanged, an id stored with other content is refused, the new row stored
        Http.Reply again = http.postJson(
                "/sections/yulinzhuang/observations?partial=true",
                batch(
                        row("p-1", "2025-06-05T09:30:00+08:00", "NH3-N", "1.35", "mg/L"),
                        row("p-3", "2025-06-05T09:30:00+08:00", "TP", "260", "µg/L"),
                        row("p-7", "2025-06-05T09:30:00+08:00", "DO", "6.1", "mg/L")),
                Http.MONITOR);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().path("unchangedIds").toString()).isEqualTo("[\"p-1\"]");
        assertThat(again.body().path("storedIds").toString()).isEqualTo("[\"p-7\"]");
        assertThat(again.body().path("refused").get(0).path("row").asInt()).isEqualTo(2);
        assertThat(again.body().path("refused").get(0).path("reason").asString())
                .contains("post a correction");
        assertThat(rows()).isEqualTo(4);
        // no good row: nothing stored, a 400 listing every row
        Http.Reply none = http.postJson(
                "/sections/yulinzhuang/observations?partial=true",
                batch(row("p-8", "2025-06-05T09:30:00+08:00", "XYZ", "1", "mg/L")),
                Http.MONITOR);
        assertThat(none.status()).isEqualTo(400);
        assertThat(rows()).isEqualTo(4);
        assertThat(http.postJson("/sections/yulinzhuang/observations?partial=maybe", MIXED, Http.MONITOR)
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("partial");
    }

    @Test
    void partialCsvIngestToo() throws Exception {
        String csv = "id,sampledAt,parameter,value,unit,source,deviceId,lastCalibration\n"
                + "c-1,2025-06-05T10:00:00+08:00,总磷,0.12,mg/L,automatic,TP-1,2025-06-01\n"
                + "c-2,2025-06-05T10:00:00+08:00,总磷,abc,mg/L,automatic,TP-1,2025-06-01\n"
                + "c-3,2025-06-05T10:00:00+08:00,高锰酸盐指数,3.1,mg/L,automatic,,2025-06-01\n"
                + "c-4,2025-06-05T10:00:00+08:00,电导率,456.7,µS/cm,automatic,EC-1,2025-06-01\n";
        assertThat(http.post("/sections/beiguanzha/observations", "text/csv", csv, Http.MONITOR)
                        .status())
                .isEqualTo(400);
        assertThat(rows()).isZero();
        Http.Reply r = http.post("/sections/beiguanzha/observations?partial=true", "text/csv", csv, Http.MONITOR);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.body().path("storedIds").toString()).isEqualTo("[\"c-1\",\"c-4\"]");
        assertThat(r.body().path("refused").findValuesAsString("field")).containsExactly("value", "deviceId");
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void partialClassifyAnswersTheGoodSamplesAndListsTheRefusedOnes() throws Exception {
        String body = """
            {"waterbody": "river", "samples": [
              {"id": "a", "values": {"COD": 15}},
              {"id": "b", "values": {"Au": 1}},
              {"id": "c", "values": {"TP": {"value": 1, "unit": "ppm"}}},
              {"id": "d", "values": {"总磷": 0.15, "氨氮": 2.5}},
              {"id": "e", "waterbody": "sea", "values": {"COD": 15}}]}""";
        Http.Reply strict = http.postJson("/quality/classify", body, null);
        assertThat(strict.status()).isEqualTo(400);
        assertThat(strict.body().path("parameter").asString()).isEqualTo("samples[1].values.Au");
        Http.Reply r = http.postJson("/quality/classify?partial=true", body, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("count").asInt()).isEqualTo(2);
        assertThat(r.body().path("refusedCount").asInt()).isEqualTo(3);
        assertThat(r.body().path("results").findValuesAsString("id")).containsExactly("a", "d");
        assertThat(r.body().path("results").get(1).path("row").asInt()).isEqualTo(4);
        assertThat(r.body()
                        .path("results")
                        .get(1)
                        .path("assessment")
                        .path("waterClass")
                        .asString())
                .isEqualTo("worse-than-V");
        JsonNode refused = r.body().path("refused");
        assertThat(refused.findValuesAsString("row")).containsExactly("2", "3", "5");
        assertThat(refused.findValuesAsString("field"))
                .containsExactly("samples[1].values.Au", "samples[2].values.TP.unit", "samples[4].waterbody");
        Http.Reply allBad = http.postJson(
                "/quality/classify?partial=true",
                "{\"waterbody\": \"river\", \"samples\": [{\"values\": {\"Au\": 1}}]}",
                null);
        assertThat(allBad.status()).isEqualTo(400);
        assertThat(allBad.body().path("refused")).hasSize(1);
    }

    @Test
    void aSectionGivesItsWaterBodyTypeFromTheRegistryAndUnknownIsClassedUnderBoth() throws Exception {
        // TP 0.05: class II in a river, III in a lake or reservoir
        JsonNode miyun = http.postJson(
                        "/quality/classify", "{\"section\": \"miyun-reservoir\", \"values\": {\"TP\": 0.05}}", null)
                .body()
                .path("results")
                .get(0)
                .path("assessment");
        assertThat(miyun.path("waterbody").asString()).isEqualTo("lake-reservoir");
        assertThat(miyun.path("waterClass").asString()).isEqualTo("III");
        JsonNode perSample =
                http.postJson("/quality/classify", """
            {"waterbody": "river", "samples": [{"values": {"TP": 0.05}}, {"section": "miyun-reservoir", "values": {"TP": 0.05}}]}""", null).body().path("results");
        assertThat(perSample.findValuesAsString("waterClass")).containsExactly("II", "II", "III", "III");
        Http.Reply contradiction = http.postJson(
                "/quality/classify",
                "{\"section\": \"miyun-reservoir\", \"waterbody\": \"river\", \"values\": {\"TP\": 0.05}}",
                null);
        assertThat(contradiction.status()).isEqualTo(400);
        assertThat(contradiction.body().path("detail").asString())
                .contains("section registry gives as 'lake-reservoir'");
        assertThat(http.postJson("/quality/classify", "{\"section\": \"nowhere\", \"values\": {\"TP\": 0.05}}", null)
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("section");
        JsonNode unknown = http.postJson(
                        "/quality/classify", "{\"waterbody\": \"unknown\", \"values\": {\"TP\": 0.05}}", null)
                .body()
                .path("results")
                .get(0)
                .path("assessment");
        assertThat(unknown.path("waterbody").asString()).isEqualTo("unknown");
        assertThat(unknown.has("waterClass")).isFalse();
        assertThat(unknown.path("byWaterbody").findValuesAsString("waterClass"))
                .containsExactly("II", "II", "III", "III");
        assertThat(unknown.path("notes").get(0).asString()).contains("decides the class");
    }

    @Test
    void theCnemcPresetRoundsAsDisplayedUnlessAskedOtherwise() throws Exception {
        JsonNode a = http.postJson("/quality/classify", """
            {"waterbody": "reservoir", "profile": "cnemc-realtime", "values": {"总磷": 0.0254, "溶解氧": 9.1}}""", null)
                .body()
                .path("results")
                .get(0)
                .path("assessment");
        assertThat(a.path("rounding").asString()).isEqualTo("displayed");
        assertThat(QualityApiTest.factor(a, "TP").path("value").decimalValue()).isEqualByComparingTo("0.025");
        assertThat(a.path("waterClass").asString()).isEqualTo("II");
        Http.Reply wrong = http.postJson(
                "/quality/classify",
                "{\"waterbody\": \"river\", \"rounding\": \"displayed\", \"values\": {\"TP\": 0.1}}",
                null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().path("parameter").asString()).isEqualTo("rounding");
        assertThat(http.get("/sections/yulinzhuang/quality?period=2025&rounding=displayed")
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("rounding");
        assertThat(http.get("/sections/yulinzhuang/quality?period=2025&profile=cnemc-realtime")
                        .body()
                        .path("rounding")
                        .asString())
                .isEqualTo("displayed");
    }
}
