package liuyu.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** POST /checks and the rule look-ups over HTTP: the README's worked examples and the ugly inputs. */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "liuyu.quality.demo-observations=false")
@Tag("integration")
class ChecksApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    record Reply(int status, String contentType, JsonNode body) {}

    Reply post(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/geo+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), JSON.readTree(r.body()));
    }

    Reply get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), JSON.readTree(r.body()));
    }

    static String square(double lon, double lat, double size, String properties) {
        return """
            {"type": "Feature", "properties": %s, "geometry": {"type": "Polygon", "coordinates":
             [[[%s, %s], [%s, %s], [%s, %s], [%s, %s], [%s, %s]]]}}""".formatted(properties, lon, lat, lon + size, lat, lon + size, lat + size, lon, lat + size, lon, lat);
    }

    static boolean cites(JsonNode report, String rule, String ref) {
        for (JsonNode h : report.path("hits")) {
            if (h.path("rule").asString().equals(rule)) {
                for (JsonNode c : h.path("citations")) {
                    if (c.path("clause").asString().equals(ref)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void aVillaInsideTheMiyunLevelOneZoneIsForbiddenQuotingTheDistrictPlanClause() throws Exception {
        Reply r = post("/checks", square(116.95, 40.52, 0.002, "{\"activity\": \"construction-residential\"}"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("verdict").asString()).isEqualTo("FORBIDDEN");
        assertThat(cites(r.body(), "source-level-1-unrelated-projects", "miyun-water-ecology-2023/2.3.2.2"))
                .isTrue();
        assertThat(r.body().path("hits").get(0).path("overlapPercent").asDouble())
                .isEqualTo(100.0);
        assertThat(r.body().path("notes").toString())
                .contains("non-authoritative")
                .contains("not a legal determination");
        JsonNode clause = null;
        for (JsonNode c : r.body().path("hits").get(0).path("citations")) {
            if (c.path("clause").asString().equals("miyun-water-ecology-2023/2.3.2.2")) {
                clause = c;
            }
        }
        assertThat(clause).isNotNull();
        assertThat(clause.path("document").asString()).isEqualTo("《北京市密云区关于进一步加强水生态保护修复工作的实施方案》（密政发〔2023〕20号）");
        assertThat(clause.path("number").asString()).isEqualTo("密政发〔2023〕20号");
        assertThat(clause.path("section").asString()).isEqualTo("二、（三）2.（2）");
        assertThat(clause.path("text").asString()).contains("禁止在饮用水水源一级保护区内新建、改建、扩建与供水设施和保护水源无关的建设项目。");
        assertThat(clause.path("gistEn").asString()).contains("level-1");
        // the notes in Chinese, item for item
        assertThat(r.body().path("notesZh").size())
                .isEqualTo(r.body().path("notes").size());
        assertThat(r.body().path("notesZh").toString())
                .contains("本报告依据非权威图层")
                .contains("饮用水水源保护区（密云水库，示意）")
                .contains("不是法律认定");
    }

    @Test
    void aConditionsNoteAndAnUndeterminedFactComeInChineseAndEnglish() throws Exception {
        JsonNode pump = post("/checks", square(116.95, 40.52, 0.0005, "{\"activity\": \"water-supply-facility\"}"))
                .body();
        JsonNode hit = null;
        for (JsonNode h : pump.path("hits")) {
            if (h.path("rule").asString().equals("source-level-1-unrelated-projects")) {
                hit = h;
            }
        }
        assertThat(hit.path("verdict").asString()).isEqualTo("CONDITIONAL");
        assertThat(hit.path("note").asString())
                .isEqualTo(
                        "water-supply works are the purpose of the zone; allowed with the water authority's approval");
        assertThat(hit.path("noteZh").asString()).isEqualTo("供水设施是保护区的目的所在，经水行政主管部门批准后可以建设");

        JsonNode planting = post("/checks", square(116.10, 39.60, 0.001, "{\"activity\": \"planting\"}"))
                .body();
        JsonNode slope = planting.path("hits").get(0);
        assertThat(slope.path("rule").asString()).isEqualTo("steep-slope-reclamation");
        assertThat(slope.path("note").asString()).isEqualTo("undetermined: the project does not state 'slopeDegrees'");
        assertThat(slope.path("noteZh").asString()).isEqualTo("待定：项目未说明“slopeDegrees”");
        assertThat(planting.path("notesZh").size())
                .isEqualTo(planting.path("notes").size());
    }

    @Test
    void aWaterSupplyPumpingStationThereIsAllowedOnConditions() throws Exception {
        Reply r = post("/checks", square(116.95, 40.52, 0.0005, "{\"activity\": \"water-supply-facility\"}"));
        assertThat(r.body().path("verdict").asString()).isEqualTo("CONDITIONAL");
        assertThat(r.body().path("authorities").toString()).contains("水务局");
    }

    @Test
    void anUrbanWwtpOutfallNearTheHebeiBorderIsApprovedByTheHaiheBasinBureau() throws Exception {
        // 密云 north-east, within 5 km of the city boundary (provincial-boundary buffer,
        // beijing-outfall-supervision-2023/3.2a)
        Reply r = post("/checks", """
            {"type": "Feature", "properties": {"activity": "outfall", "outfallType": "urban-wwtp"},
             "geometry": {"type": "Point", "coordinates": [117.38, 40.62]}}""");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("authorities").toString()).contains("海河流域北海海域生态环境监督管理局");
        assertThat(r.body().path("verdict").asString()).isIn("CONDITIONAL", "FORBIDDEN");
    }

    @Test
    void aScalePigFarmInASourceZoneIsForbiddenCitingTheMunicipalOpinion() throws Exception {
        Reply r = post(
                "/checks", square(116.95, 40.52, 0.002, "{\"activity\": \"livestock-farm-scale\", \"animals\": 5000}"));
        assertThat(r.body().path("verdict").asString()).isEqualTo("FORBIDDEN");
        assertThat(cites(r.body(), "source-zone-scale-livestock", "beijing-pollution-opinions-2018/7.4c"))
                .isTrue();
    }

    @Test
    void aFeatureCollectionStreamsOneReportPerFeatureInOrder() throws Exception {
        String a = square(116.95, 40.52, 0.001, "{\"activity\": \"dumping\"}")
                .replace("{\"type\": \"Feature\",", "{\"type\": \"Feature\", \"id\": \"a\",");
        String b = square(116.10, 39.60, 0.001, "{\"activity\": \"dumping\"}")
                .replace("{\"type\": \"Feature\",", "{\"type\": \"Feature\", \"id\": \"b\",");
        Reply r = post("/checks", "{\"type\": \"FeatureCollection\", \"features\": [" + a + "," + b + "]}");
        assertThat(r.body().isArray()).isTrue();
        assertThat(r.body().size()).isEqualTo(2);
        assertThat(r.body().get(0).path("project").asString()).isEqualTo("a");
        assertThat(r.body().get(1).path("project").asString()).isEqualTo("b");
        assertThat(r.body().get(1).path("verdict").asString()).isEqualTo("ALLOWED");
    }

    @Test
    void aSelfIntersectingPolygonIs422WithTheLocation() throws Exception {
        Reply r = post("/checks", """
            {"type": "Feature", "properties": {"activity": "dumping"}, "geometry": {"type": "Polygon",
             "coordinates": [[[116, 40], [116.1, 40.1], [116.1, 40], [116, 40.1], [116, 40]]]}}""");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().path("parameter").asString()).isEqualTo("geometry");
        assertThat(r.body().path("detail").asString()).contains("Self-intersection at 116.05 40.05");
    }

    @Test
    void anUnknownActivityIs400ListingTheAllowedOnes() throws Exception {
        Reply r = post("/checks", square(116.4, 39.9, 0.001, "{\"activity\": \"casino\"}"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("parameter").asString()).isEqualTo("properties.activity");
        assertThat(r.body().path("detail").asString())
                .contains("casino")
                .contains("construction-residential")
                .contains("outfall");
    }

    @Test
    void aMistypedAttributeIsRefusedRatherThanIgnored() throws Exception {
        Reply r = post("/checks", square(116.4, 39.9, 0.001, "{\"activity\": \"planting\", \"slopeDegree\": 30}"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("parameter").asString()).isEqualTo("properties.slopeDegree");
        assertThat(post(
                                "/checks",
                                square(116.4, 39.9, 0.001, "{\"activity\": \"planting\", \"slopeDegrees\": \"steep\"}"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void tooManyVerticesOrFeaturesIs413NamingTheLimit() throws Exception {
        StringBuilder ring = new StringBuilder();
        int n = 10_001;
        for (int i = 0; i < n; i++) {
            double angle = 2 * Math.PI * i / n;
            ring.append('[')
                    .append(116.4 + 0.01 * Math.cos(angle))
                    .append(", ")
                    .append(39.9 + 0.01 * Math.sin(angle))
                    .append("], ");
        }
        ring.append('[').append(116.4 + 0.01).append(", ").append(39.9).append(']'); // closes on the first position
        Reply big = post(
                "/checks",
                "{\"type\": \"Feature\", \"properties\": {\"activity\": \"dumping\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [["
                        + ring + "]]}}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.body().path("detail").asString()).contains("10000");

        StringBuilder many = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",")
                    .append(
                            "{\"type\": \"Feature\", \"properties\": {\"activity\": \"dumping\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [116.4, 39.9]}}");
        }
        Reply batch = post("/checks", many.append("]}").toString());
        assertThat(batch.status()).isEqualTo(413);
        assertThat(batch.body().path("parameter").asString()).isEqualTo("features");
        assertThat(batch.body().path("detail").asString()).contains("1000");
    }

    @Test
    void badCoordinatesAndBrokenJsonAre400() throws Exception {
        Reply far = post(
                "/checks",
                "{\"type\": \"Feature\", \"properties\": {\"activity\": \"dumping\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [200, 39.9]}}");
        assertThat(far.status()).isEqualTo(400);
        assertThat(far.body().path("parameter").asString()).isEqualTo("geometry.coordinates");
        Reply nan = post(
                "/checks",
                "{\"type\": \"Feature\", \"properties\": {\"activity\": \"dumping\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [NaN, 39.9]}}");
        assertThat(nan.status()).isEqualTo(400);
        assertThat(nan.body().path("parameter").asString()).isEqualTo("body");
        assertThat(post("/checks?buffer=-5", square(116.4, 39.9, 0.001, "{\"activity\": \"dumping\"}"))
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("buffer");
    }

    @Test
    void anInspectorGetsTheRulesInForceWhereTheyStandGroupedByZone() throws Exception {
        Reply r = get("/rules?lon=116.95&lat=40.52");
        assertThat(r.status()).isEqualTo(200);
        JsonNode level1 = null;
        for (JsonNode z : r.body().path("zones")) {
            if (z.path("zone").asString().equals("miyun-level-1")) {
                level1 = z;
            }
        }
        assertThat(level1).isNotNull();
        assertThat(level1.path("rules").toString())
                .contains("source-level-1-unrelated-projects")
                .contains("miyun-water-ecology-2023/2.3.2.2");
        assertThat(r.body().path("everywhere").toString()).contains("steep-slope-reclamation");
        assertThat(get("/rules?layer=shore-bands").body().toString()).contains("miyun-shore-band-planting");
        JsonNode setting =
                get("/rules/outfall-setting-approval").body().path("citations").get(0);
        assertThat(setting.path("clause").asString()).isEqualTo("beijing-outfall-supervision-2023/3.2a");
        assertThat(setting.path("document").asString()).isEqualTo("《北京市加强入河排污口监督管理工作方案》（京环发〔2023〕4号）");
        assertThat(setting.path("text").asString())
                .startsWith("(二)分级设置审批。工矿企业、工业及其他各类园区污水处理厂、城镇污水处理厂入河排污口的设置依法依规实行审核制。");
        JsonNode opinion = get("/rules/groundwater-overextraction-zone")
                .body()
                .path("citations")
                .get(0);
        assertThat(opinion.has("number")).isFalse(); // the gazette prints no number: said, not invented
        assertThat(opinion.path("document").asString()).endsWith("（2018年7月12日，无文号）");
        assertThat(get("/rules/steep-slope-reclamation").body().path("noteZh").asString())
                .isEqualTo("图集没有高程模型，坡度以项目申报的 slopeDegrees 为准");
        assertThat(r.body().path("notesZh").toString()).contains("不是法律认定");
        assertThat(get("/rules/nope").status()).isEqualTo(404);
        assertThat(get("/rules?layer=nope").body().path("parameter").asString()).isEqualTo("layer");
    }

    @Test
    void theCitedDocumentsAreListedWithTheirPublicationStatusAndClauses() throws Exception {
        Reply all = get("/documents");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().size()).isEqualTo(11);
        Reply outfalls = get("/documents/beijing-outfall-supervision-2023");
        assertThat(outfalls.body().path("reference").asString()).isEqualTo("《北京市加强入河排污口监督管理工作方案》（京环发〔2023〕4号）");
        JsonNode d = outfalls.body().path("document");
        assertThat(d.path("issuer").asString()).isEqualTo("北京市生态环境局 北京市水务局");
        assertThat(d.path("issued").asString()).isEqualTo("2023-03-22");
        assertThat(d.path("published").path("gazette").asString()).isEqualTo("北京市人民政府公报");
        assertThat(d.path("published").path("issue").asString()).isEqualTo("第20期（总第800期）");
        assertThat(d.path("status").asString()).isEqualTo("in-force");
        List<String> ids = new ArrayList<>();
        outfalls.body().path("clauses").forEach(c -> ids.add(c.path("clause").asString()));
        assertThat(ids).contains("beijing-outfall-supervision-2023/2.1", "beijing-outfall-supervision-2023/5.1");
        JsonNode pigs = get("/documents/miyun-livestock-zones-2016").body();
        assertThat(pigs.path("document").path("statusClause").asString())
                .isEqualTo("miyun-normative-list-2023/annex1.48");
        assertThat(get("/documents/nope").status()).isEqualTo(404);
    }

    @Test
    void theActivitiesAreListedWithTheAttributesEachTakes() throws Exception {
        JsonNode list = get("/activities").body();
        assertThat(list.size()).isEqualTo(17);
        assertThat(list.toString())
                .contains("\"id\":\"outfall\"")
                .contains("outfallType")
                .contains("urban-wwtp")
                .contains("入河排污口设置");
    }
}
