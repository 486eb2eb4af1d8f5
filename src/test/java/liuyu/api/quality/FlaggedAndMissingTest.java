package liuyu.api.quality;

import static liuyu.api.quality.QualityApiTest.batch;
import static liuyu.api.quality.QualityApiTest.factor;
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

/** Values flagged abnormal, values published as missing, samples with no value and repeated keys, over HTTP. */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/quality-atlas", "liuyu.quality.demo-observations=false"})
@Tag("integration")
class FlaggedAndMissingTest {
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

    JsonNode assessment(String body) throws Exception {
        Http.Reply r = http.postJson("/quality/classify", body, null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.body().path("results").get(0).path("assessment");
    }

    @Test
    void aValueFlaggedAbnormalIsLeftOutOfTheClassAndListedAsExcluded() throws Exception {
        JsonNode a = assessment("""
            {"waterbody": "river", "profile": "realtime", "values": {"pH": 7.6, "NH3-N": 0.4,
             "DO": {"value": 0.4, "abnormal": true, "abnormalCause": "probe fouled"}}}""");
        // DO 0.4 would be worse than V; flagged, it is not classed, and NH3-N 0.4 (class II) sets the class
        assertThat(a.path("waterClass").asString()).isEqualTo("II");
        assertThat(a.path("factors").findValuesAsString("parameter")).containsExactly("pH", "NH3-N");
        assertThat(a.path("excluded")).hasSize(1);
        assertThat(a.path("excluded").get(0).path("parameter").asString()).isEqualTo("DO");
        assertThat(a.path("excluded").get(0).path("value").asString()).isEqualTo("0.4");
        assertThat(a.path("excluded").get(0).path("cause").asString()).isEqualTo("probe fouled");
        assertThat(a.path("missing").toString()).isEqualTo("[\"CODMn\",\"TP\"]");
        // abnormal: false is an ordinary value
        JsonNode b =
                assessment("{\"waterbody\": \"river\", \"values\": {\"DO\": {\"value\": 0.4, \"abnormal\": false}}}");
        assertThat(factor(b, "DO").path("waterClass").asString()).isEqualTo("worse-than-V");
        assertThat(http.postJson(
                                "/quality/classify",
                                "{\"waterbody\": \"river\", \"values\": {\"DO\": {\"value\": 0.4, \"abnormal\": \"yes\"}}}",
                                null)
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("values.DO.abnormal");
        assertThat(http.postJson(
                                "/quality/classify",
                                "{\"waterbody\": \"river\", \"values\": {\"DO\": {\"value\": 0.4, \"flag\": true}}}",
                                null)
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("values.DO.flag");
    }

    @Test
    void publishedMissingMarkersAreMissingValuesWithTheirMarker() throws Exception {
        JsonNode a = assessment("""
            {"waterbody": "river", "profile": "realtime",
             "values": {"pH": "--", "DO": "*", "CODMn": "", "NH3-N": null, "TP": 0.15}}""");
        assertThat(a.path("waterClass").asString()).isEqualTo("III");
        assertThat(a.path("factors")).hasSize(1);
        assertThat(a.path("missingValues").toString())
                .isEqualTo(
                        "[{\"parameter\":\"pH\",\"marker\":\"--\"},{\"parameter\":\"DO\",\"marker\":\"*\"},{\"parameter\":\"CODMn\",\"marker\":\"\"},"
                                + "{\"parameter\":\"NH3-N\",\"marker\":\"null\"}]");
        assertThat(a.path("missing").toString()).isEqualTo("[\"pH\",\"DO\",\"CODMn\",\"NH3-N\"]");
        assertThat(a.path("notes").toString()).contains("class from 1 of 5 parameters");
        // a marker inside a value object too
        JsonNode b =
                assessment("{\"waterbody\": \"river\", \"values\": {\"TP\": {\"value\": \"--\", \"unit\": \"µg/L\"}}}");
        assertThat(b.path("missingValues").get(0).path("marker").asString()).isEqualTo("--");
    }

    @Test
    void aSampleWithNoValueAtAllHasNoClassAndSaysWhy() throws Exception {
        JsonNode empty = assessment("{\"waterbody\": \"river\", \"values\": {}}");
        assertThat(empty.has("waterClass")).isFalse(); // nulls are left out of answers
        assertThat(empty.path("notes").get(0).asString()).contains("no value of the full profile to class");
        JsonNode allMissing = assessment(
                "{\"waterbody\": \"lake\", \"profile\": \"realtime\", \"values\": {\"TP\": \"--\", \"DO\": \"--\"}}");
        assertThat(allMissing.has("waterClass")).isFalse();
        assertThat(allMissing.path("missingValues")).hasSize(2);
        Http.Reply noValues = http.postJson("/quality/classify", "{\"waterbody\": \"river\"}", null);
        assertThat(noValues.status()).isEqualTo(400);
        assertThat(noValues.body().path("parameter").asString()).isEqualTo("values");
    }

    @Test
    void aRepeatedKeyIsRefusedNamingIt() throws Exception {
        Http.Reply value = http.postJson(
                "/quality/classify", "{\"waterbody\": \"river\", \"values\": {\"TP\": 0.1, \"TP\": 0.3}}", null);
        assertThat(value.status()).isEqualTo(400);
        assertThat(value.contentType()).startsWith("application/problem+json");
        assertThat(value.body().path("parameter").asString()).isEqualTo("values.TP");
        assertThat(value.body().path("detail").asString()).contains("'values.TP' appears twice");
        Http.Reply nested = http.postJson(
                "/quality/classify",
                "{\"waterbody\": \"river\", \"samples\": [{\"values\": {\"TP\": 0.1}}, {\"values\": {\"DO\": 7, \"DO\": 2}}]}",
                null);
        assertThat(nested.body().path("parameter").asString()).isEqualTo("samples[1].values.DO");
        Http.Reply top = http.postJson(
                "/quality/classify",
                "{\"waterbody\": \"river\", \"waterbody\": \"lake\", \"values\": {\"TP\": 0.1}}",
                null);
        assertThat(top.body().path("parameter").asString()).isEqualTo("waterbody");
        Http.Reply ingest = http.postJson(
                "/sections/yulinzhuang/observations",
                "{\"observations\": [{\"id\": \"d-1\", \"value\": 1, \"value\": 2}]}",
                Http.MONITOR);
        assertThat(ingest.status()).isEqualTo(400);
        assertThat(ingest.body().path("parameter").asString()).isEqualTo("observations[0].value");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM observation", Long.class))
                .isZero();
    }

    @Test
    void missingValuesAreStoredWithTheirMarkerAndLeftOutOfTheSectionsClass() throws Exception {
        String station = """
            {"id": "%s", "sampledAt": "2025-06-05T10:00:00+08:00", "parameter": "%s", "value": %s, "unit": "mg/L",
             "source": "automatic", "deviceId": "S-1", "lastCalibration": "2025-06-01"}""";
        Http.Reply r = http.postJson(
                "/sections/beiguanzha/observations",
                batch(
                        station.formatted("s-1", "NH3-N", "0.42"), station.formatted("s-2", "TP", "\"--\""),
                        station.formatted("s-3", "DO", "null"), station.formatted("s-4", "CODMn", "\"*\"")),
                Http.MONITOR);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.body().path("stored").asInt()).isEqualTo(4);
        JsonNode tp = http.get("/sections/beiguanzha/observations/s-2")
                .body()
                .path("history")
                .get(0);
        assertThat(tp.has("value")).isFalse();
        assertThat(tp.path("reportedValue").asString()).isEqualTo("--");
        assertThat(http.get("/sections/beiguanzha/observations/s-3")
                        .body()
                        .path("history")
                        .get(0)
                        .path("reportedValue")
                        .asString())
                .isEqualTo("null");
        // CSV: an empty value cell is a missing value with the marker ""
        Http.Reply csv = http.post(
                "/sections/beiguanzha/observations",
                "text/csv",
                "id,sampledAt,parameter,value,unit,source,deviceId,lastCalibration\n"
                        + "s-5,2025-06-05T10:00:00+08:00,pH,,,automatic,PH-1,2025-06-01\n",
                Http.MONITOR);
        assertThat(csv.status()).as(csv.text()).isEqualTo(201);
        assertThat(jdbc.queryForObject(
                        "SELECT reported_value FROM observation WHERE observation_id = 's-5'", String.class))
                .isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM observation WHERE measured_value IS NULL", Long.class))
                .isEqualTo(4);
        JsonNode q = http.get("/sections/beiguanzha/quality?period=2025-06").body();
        assertThat(q.path("periodMean").path("waterClass").asString()).isEqualTo("II");
        assertThat(q.path("missingValues").findValuesAsString("marker"))
                .containsExactlyInAnyOrder("--", "null", "*", "");
        assertThat(q.path("samples").get(0).path("assessment").path("missingValues"))
                .hasSize(4);
        // a row without any value field is refused: a missing value is written as published
        Http.Reply none = http.postJson("/sections/beiguanzha/observations", batch("""
            {"id": "s-9", "sampledAt": "2025-06-05T10:00:00+08:00", "parameter": "TP", "unit": "mg/L",
             "source": "automatic", "deviceId": "S-1", "lastCalibration": "2025-06-01"}"""), Http.MONITOR);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body().path("rejected").get(0).path("field").asString()).isEqualTo("value");
    }
}
