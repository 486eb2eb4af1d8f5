package liuyu.api.outfalls;

import static liuyu.testing.Http.INSPECTOR;
import static liuyu.testing.Http.MONITOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import liuyu.testing.Http;
import liuyu.testing.Http.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The outfall ledger over HTTP on the demo atlas, seeded from its synthetic outfalls layer: reading,
 * recording, editing with history, moving along the lifecycle, who may write, and the ugly inputs.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.quality.demo-observations=false"})
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@Tag("integration")
class LedgerApiTest {
    /** On 潮河 above the reservoir, declared on its reach so the network links it there. */
    static final String NEW_OUTFALL = """
        {"type": "Feature", "id": "%s", "geometry": {"type": "Point", "coordinates": [117.15, 40.64]},
         "properties": {"nameZh": "测试排污口", "type": "industrial", "normallyFlowing": true, "reach": "chao-1",
           "dischargingUnit": "测试企业", "receivingWater": "潮河", "dischargeChannel": "厂区排水管",
           "linkedStructures": [{"kind": "weir", "name": "1号溢流堰"}], "eiaApprovedBy": "district",
           "reason": "found on patrol", "evidence": ["patrol log 2025-05-01"], "discoveredOn": "2025-05-01",
           "method": "synthetic", "accuracy": "test record"}}""";

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    Reply create(String id) throws Exception {
        return http.postJson("/outfalls", NEW_OUTFALL.formatted(id), INSPECTOR);
    }

    Reply step(String id, String body) throws Exception {
        return http.postJson("/outfalls/" + id + "/transitions", body, INSPECTOR);
    }

    @Test
    void theDemoLayerIsSeededAsTheLedgerAndSaysItIsSynthetic() throws Exception {
        Reply list = http.get("/outfalls?limit=1000");
        int seeded = 0;
        for (JsonNode o : list.body().path("outfalls")) {
            seeded += o.path("id").asString().startsWith("syn-of-") ? 1 : 0; // other tests of this class add their own
        }
        assertThat(seeded).isEqualTo(18);
        JsonNode closed = http.get("/outfalls/syn-of-10").body();
        assertThat(closed.path("state").asString()).isEqualTo("closed");
        assertThat(closed.path("provenance").path("method").asString()).isEqualTo("synthetic");
        assertThat(closed.path("steps").get(0).path("reason").asString()).contains("SYNTHETIC");
        assertThat(closed.path("allowedNext").get(0).asString()).isEqualTo("violation");
        assertThat(http.get("/outfalls?state=closed")
                        .body()
                        .path("numberMatched")
                        .asInt())
                .isEqualTo(2);
        assertThat(http.get("/outfalls?district=110118&type=overflow")
                        .body()
                        .path("numberMatched")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aRecordedOutfallComesBackWithItsPlaceAuthorityAndFlags() throws Exception {
        Reply r = create("api-new-1");
        assertThat(r.status()).isEqualTo(201);
        JsonNode o = r.body();
        assertThat(o.path("state").asString()).isEqualTo("discovered");
        assertThat(o.path("version").asInt()).isEqualTo(1);
        assertThat(o.path("editedBy").asString()).isEqualTo("inspector");
        assertThat(o.path("steps").get(0).path("occurredOn").asString()).isEqualTo("2025-05-01");
        assertThat(o.path("details")
                        .path("linkedStructures")
                        .get(0)
                        .path("kind")
                        .asString())
                .isEqualTo("weir");
        JsonNode a = o.path("assessment");
        assertThat(a.path("district").path("id").asString()).isEqualTo("110118");
        assertThat(a.path("reach").path("reach").asString()).isEqualTo("chao-1");
        assertThat(a.path("authorities").toString()).contains("outfall-setting-approval");
        assertThat(a.path("flags").toString()).contains("approval-missing");
        assertThat(a.path("downstream").toString()).contains("sections");
    }

    @Test
    void aRecordIsJsonAndAClientAskingOnlyForGeoJsonIsSentTo406() throws Exception {
        create("api-accept-1");
        HttpResponse<String> json = http.response("/outfalls/api-accept-1", "Accept", "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        HttpResponse<String> geo = http.response("/outfalls/api-accept-1", "Accept", "application/geo+json");
        assertThat(geo.statusCode()).isEqualTo(406);
        JsonNode problem = Http.JSON.readTree(geo.body());
        assertThat(problem.path("parameter").asString()).isEqualTo("Accept");
        assertThat(problem.path("detail").asString()).isEqualTo("acceptable types: [application/json]");
        // the GeoJSON Feature of the same outfall is the OGC item
        assertThat(http.response("/ogc/collections/outfalls/items/api-accept-1", "Accept", "application/geo+json")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void theLedgerIsTheOgcCollectionAndFeedsNavigation() throws Exception {
        create("api-nav-1");
        Reply item = http.get("/ogc/collections/outfalls/items/api-nav-1");
        assertThat(item.status()).isEqualTo(200);
        assertThat(item.body().path("properties").path("state").asString()).isEqualTo("discovered");
        assertThat(item.body().path("properties").path("method").asString()).isEqualTo("synthetic");
        Reply filtered = http.get("/ogc/collections/outfalls/items?state=discovered&limit=100");
        assertThat(filtered.body().path("features").toString()).contains("api-nav-1");
        // upstream of the reservoir's inflow section on 潮河, the new outfall is found along the network
        Reply up = http.get("/linked-data/outfalls/api-nav-1/navigation/DM/sections?distance=200");
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.body().path("features").size()).isGreaterThan(0);
    }

    @Test
    void anOutfallMovesAlongItsLifecycleAndAnIllegalStepNamesTheAllowedOnes() throws Exception {
        create("api-life-1");
        Reply wrong = step("api-life-1", "{\"to\": \"closed\", \"reason\": \"x\", \"evidence\": [\"y\"]}");
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.contentType()).contains("problem+json");
        assertThat(wrong.body().path("parameter").asString()).isEqualTo("to");
        assertThat(wrong.body().path("allowed").toString()).isEqualTo("[\"ledgered\"]");
        assertThat(step("api-life-1", "{\"to\": \"ledgered\", \"reason\": \"verified\", \"evidence\": [\"v-1\"]}")
                        .status())
                .isEqualTo(201);
        assertThat(step(
                                "api-life-1",
                                "{\"to\": \"traced\", \"reason\": \"traced to the plant\", \"evidence\": [\"t-1\"]}")
                        .status())
                .isEqualTo(201);
        Reply bad = step(
                "api-life-1",
                "{\"to\": \"violation\", \"reason\": \"x\", \"evidence\": [\"y\"], \"violations\": [\"littering\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("parameter").asString()).isEqualTo("violations");
        Reply v = step(
                "api-life-1",
                "{\"to\": \"violation\", \"reason\": \"sewage bypassing the plant\", \"evidence\": [\"photo 3\"],"
                        + " \"violations\": [\"direct-sewage\", \"via-other-channel\"]}");
        assertThat(v.status()).isEqualTo(201);
        assertThat(v.body().path("state").asString()).isEqualTo("violation");
        assertThat(v.body().path("allowedNext").toString()).isEqualTo("[\"in-remediation\"]");
        JsonNode history = http.get("/outfalls/api-life-1/history").body();
        assertThat(history.path("steps").size()).isEqualTo(4);
        assertThat(history.path("steps").get(3).path("violations").toString())
                .isEqualTo("[\"direct-sewage\",\"via-other-channel\"]");
        assertThat(history.path("steps").get(3).path("actor").asString()).isEqualTo("inspector");
    }

    @Test
    void anEditIsANewVersionAndAStaleEditIsRefused() throws Exception {
        create("api-edit-1");
        String moved = NEW_OUTFALL
                .formatted("api-edit-1")
                .replace("[117.15, 40.64]", "[117.151, 40.641]")
                .replace(
                        "\"reason\": \"found on patrol\", \"evidence\": [\"patrol log 2025-05-01\"], \"discoveredOn\": \"2025-05-01\",",
                        "\"reason\": \"position re-surveyed with RTK\", \"version\": 1,");
        Reply edited = http.putJson("/outfalls/api-edit-1", moved, INSPECTOR);
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body().path("version").asInt()).isEqualTo(2);
        assertThat(edited.body().path("lon").asDouble()).isEqualTo(117.151);
        Reply stale = http.putJson("/outfalls/api-edit-1", moved, INSPECTOR);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().path("parameter").asString()).isEqualTo("version");
        JsonNode versions = http.get("/outfalls/api-edit-1/history").body().path("versions");
        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.get(0).path("lon").asDouble())
                .as("the old location is kept")
                .isEqualTo(117.15);
        assertThat(versions.get(1).path("editReason").asString()).isEqualTo("position re-surveyed with RTK");
    }

    @Test
    void theHistoryIsReadInPagesFollowingNextAndALimitAboveTheCapIsRefused() throws Exception {
        create("api-page-1");
        String edit = NEW_OUTFALL
                .formatted("api-page-1")
                .replace(
                        "\"reason\": \"found on patrol\", \"evidence\": [\"patrol log 2025-05-01\"], \"discoveredOn\": \"2025-05-01\",",
                        "\"reason\": \"re-surveyed %d\", \"version\": %d,");
        for (int v = 1; v <= 4; v++) {
            assertThat(http.putJson(
                                    "/outfalls/api-page-1",
                                    edit.replace("%d,", v + ",").replace("%d\"", v + "\""),
                                    INSPECTOR)
                            .status())
                    .isEqualTo(200);
        }
        step("api-page-1", "{\"to\": \"ledgered\", \"reason\": \"verified\", \"evidence\": [\"v-1\"]}");
        // 5 versions and 2 steps (discovered, ledgered), read two at a time
        List<Integer> versions = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        String next = "/outfalls/api-page-1/history?limit=2";
        int pages = 0;
        while (next != null) {
            JsonNode page = http.get(next).body();
            assertThat(page.path("versionsMatched").asInt()).isEqualTo(5);
            assertThat(page.path("stepsMatched").asInt()).isEqualTo(2);
            assertThat(page.path("limit").asInt()).isEqualTo(2);
            page.path("versions").forEach(v -> versions.add(v.path("version").asInt()));
            page.path("steps").forEach(t -> steps.add(t.path("to").asString()));
            next = page.path("next").isNull() || page.path("next").isMissingNode()
                    ? null
                    : page.path("next").asString();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(versions).containsExactly(1, 2, 3, 4, 5);
        assertThat(steps).containsExactly("discovered", "ledgered");
        JsonNode whole = http.get("/outfalls/api-page-1/history").body();
        assertThat(whole.path("versions").size()).isEqualTo(5);
        assertThat(whole.path("limit").asInt()).isEqualTo(1000);
        assertThat(whole.path("next").isMissingNode() || whole.path("next").isNull())
                .isTrue();
        Reply tooMany = http.get("/outfalls/api-page-1/history?limit=10001");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().path("parameter").asString()).isEqualTo("limit");
        assertThat(tooMany.body().path("detail").asString()).contains("10000");
        assertThat(http.get("/outfalls/api-page-1/history?offset=-1")
                        .body()
                        .path("parameter")
                        .asString())
                .isEqualTo("offset");
    }

    @Test
    void onlyTheLedgerRoleWrites() throws Exception {
        assertThat(http.postJson("/outfalls", NEW_OUTFALL.formatted("api-auth-1"), null)
                        .status())
                .isEqualTo(401);
        Reply monitor = http.postJson("/outfalls", NEW_OUTFALL.formatted("api-auth-1"), MONITOR);
        assertThat(monitor.status()).isEqualTo(403);
        assertThat(monitor.body().path("detail").asString()).contains("LEDGER");
        assertThat(http.postJson("/outfalls/syn-of-01/transitions", "{}", MONITOR)
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/outfalls/api-auth-1").status())
                .as("nothing was written")
                .isEqualTo(404);
    }

    @Test
    void aDistrictBureauKeepsItsOwnDistrictOnly() throws Exception {
        String miyun = Http.basic("miyun", "miyun");
        assertThat(http.postJson("/outfalls", NEW_OUTFALL.formatted("api-miyun-1"), miyun)
                        .status())
                .isEqualTo(201);
        String inHuairou = NEW_OUTFALL
                .formatted("api-miyun-2")
                .replace("[117.15, 40.64]", "[116.6900853, 40.6699147]")
                .replace("\"reach\": \"chao-1\", ", "");
        Reply elsewhere = http.postJson("/outfalls", inHuairou, miyun);
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.body().path("parameter").asString()).isEqualTo("district");
        assertThat(elsewhere.body().path("detail").asString())
                .contains("110118")
                .contains("110116");
        String moveAway = inHuairou
                .replace("api-miyun-2", "api-miyun-1")
                .replace(
                        "\"reason\": \"found on patrol\", \"evidence\": [\"patrol log 2025-05-01\"], \"discoveredOn\": \"2025-05-01\",",
                        "\"reason\": \"moved\", \"version\": 1,");
        assertThat(http.putJson("/outfalls/api-miyun-1", moveAway, miyun).status())
                .as("not out of its district either")
                .isEqualTo(403);
        assertThat(step("api-miyun-1", "{\"to\": \"ledgered\", \"reason\": \"x\", \"evidence\": [\"y\"]}")
                        .status())
                .isEqualTo(201);
        Reply huairouRecord = http.postJson(
                "/outfalls/syn-of-05/transitions",
                "{\"to\": \"traced\", \"reason\": \"x\", \"evidence\": [\"y\"]}",
                miyun);
        assertThat(huairouRecord.status()).isEqualTo(403);
        assertThat(http.get("/outfalls/syn-of-05").body().path("state").asString())
                .as("nothing written")
                .isEqualTo("monitored");
        assertThat(http.putJson("/outfalls/api-miyun-1", moveAway, INSPECTOR).status())
                .as("an unscoped inspector may")
                .isEqualTo(200);
    }

    @Test
    void uglyInputIsRefusedNamingTheFieldAndNothingIsWritten() throws Exception {
        String ok = NEW_OUTFALL.formatted("api-ugly-1");
        expect(
                http.postJson("/outfalls", ok.replace("[117.15, 40.64]", "[217.15, 40.64]"), INSPECTOR),
                400,
                "geometry");
        expect(http.postJson("/outfalls", ok.replace("[117.15, 40.64]", "[NaN, 40.64]"), INSPECTOR), 400, "body");
        expect(
                http.postJson("/outfalls", ok.replace("[117.15, 40.64]", "[\"117.15\", 40.64]"), INSPECTOR),
                400,
                "geometry");
        expect(
                http.postJson("/outfalls", ok.replace("\"type\": \"Point\"", "\"type\": \"LineString\""), INSPECTOR),
                400,
                "geometry");
        expect(http.postJson("/outfalls", ok.replace("[117.15, 40.64]", "[122.0, 40.64]"), INSPECTOR), 422, "geometry");
        expect(http.postJson("/outfalls", ok.replace("\"industrial\"", "\"factory\""), INSPECTOR), 400, "type");
        expect(
                http.postJson(
                        "/outfalls",
                        ok.replace("\"normallyFlowing\": true", "\"normallyFlowing\": \"yes\""),
                        INSPECTOR),
                400,
                "normallyFlowing");
        expect(
                http.postJson(
                        "/outfalls",
                        ok.replace("\"township\"", "\"x\"").replace("\"dischargingUnit\"", "\"dischargeUnit\""),
                        INSPECTOR),
                400,
                "dischargeUnit");
        expect(http.postJson("/outfalls", ok.replace("\"chao-1\"", "\"no-such-reach\""), INSPECTOR), 422, "reach");
        expect(
                http.postJson("/outfalls", ok.replace("\"2025-05-01\"", "\"2999-01-01\""), INSPECTOR),
                400,
                "discoveredOn");
        expect(
                http.postJson("/outfalls", ok.replace("\"id\": \"api-ugly-1\"", "\"id\": \"bad id!\""), INSPECTOR),
                400,
                "id");
        expect(
                http.postJson("/outfalls", "{\"type\": \"FeatureCollection\", \"features\": []}", INSPECTOR),
                400,
                "type");
        expect(http.postJson("/outfalls", "not json", INSPECTOR), 400, "body");
        String huge = ok.replace("\"test record\"", "\"" + "x".repeat(70_000) + "\"");
        expect(http.postJson("/outfalls", huge, INSPECTOR), 413, "body");
        String approval = ok.replace(
                "\"eiaApprovedBy\": \"district\"",
                "\"approvals\": [{\"rule\": \"ecological-red-line\", \"authority\": \"x\", \"number\": \"1\", \"date\": \"2024-01-01\"}]");
        expect(http.postJson("/outfalls", approval, INSPECTOR), 400, "approvals.rule");
        assertThat(http.get("/outfalls/api-ugly-1").status()).isEqualTo(404);
        assertThat(create("api-ugly-1").status()).isEqualTo(201);
        expect(create("api-ugly-1"), 409, "id");
        expect(step("nowhere", "{\"to\": \"ledgered\", \"reason\": \"x\", \"evidence\": [\"y\"]}"), 404, "id");
        expect(step("api-ugly-1", "{\"to\": \"ledgered\", \"reason\": \"x\"}"), 400, "evidence");
        expect(
                step("api-ugly-1", "{\"to\": \"ledgered\", \"reason\": \"x\", \"evidence\": [\"y\"], \"by\": \"me\"}"),
                400,
                "by");
        expect(step("api-ugly-1", "{\"to\": \"discovered\", \"reason\": \"x\", \"evidence\": [\"y\"]}"), 400, "to");
        assertThat(http.get("/outfalls/api-ugly-1/history").body().path("steps").size())
                .isEqualTo(1);
        expect(http.get("/outfalls?state=lost"), 400, "state");
        expect(http.get("/outfalls?limit=0"), 400, "limit");
    }

    @Test
    void dischargeLimitsAreSetByAnEditShownInTheRecordAndAValueAboveOneRaisesAnAlarm() throws Exception {
        create("api-limit-1");
        String edit = NEW_OUTFALL
                .formatted("api-limit-1")
                .replace(
                        "\"reason\": \"found on patrol\", \"evidence\": [\"patrol log 2025-05-01\"], \"discoveredOn\": \"2025-05-01\",",
                        "\"reason\": \"排污许可证核发\", \"version\": 1, \"permitNumber\": \"91110228MA01TEST01P\","
                                + " \"dischargeLimits\": [%s],");
        String limits = "{\"parameter\": \"COD\", \"max\": \"50\", \"unit\": \"mg/L\","
                + " \"source\": \"排污许可证 91110228MA01TEST01P\", \"validFrom\": \"2025-01-01\", \"validTo\": \"2025-12-31\"},"
                + " {\"parameter\": \"氨氮\", \"max\": 5000, \"unit\": \"µg/L\", \"source\": \"GB 18918-2002 一级A\"},"
                + " {\"parameter\": \"pH\", \"min\": 6, \"max\": 9, \"source\": \"GB 18918-2002 一级A\"}";

        // refused, naming the member, and nothing written
        String[][] bad = {
            {"{\"parameter\": \"unobtainium\", \"max\": 1, \"source\": \"x\"}", "dischargeLimits.parameter"},
            {"{\"parameter\": \"COD\", \"source\": \"x\"}", "dischargeLimits.max"},
            {"{\"parameter\": \"COD\", \"max\": -1, \"source\": \"x\"}", "dischargeLimits.max"},
            {"{\"parameter\": \"COD\", \"max\": \"1e99999\", \"source\": \"x\"}", "dischargeLimits.max"},
            {"{\"parameter\": \"pH\", \"min\": 9, \"max\": 6, \"source\": \"x\"}", "dischargeLimits.min"},
            {"{\"parameter\": \"COD\", \"max\": 1, \"unit\": \"m³/d\", \"source\": \"x\"}", "dischargeLimits.unit"},
            {"{\"parameter\": \"COD\", \"max\": 1}", "dischargeLimits.source"},
            {
                "{\"parameter\": \"COD\", \"max\": 1, \"source\": \"x\", \"until\": \"2025-01-01\"}",
                "dischargeLimits.until"
            },
            {
                "{\"parameter\": \"COD\", \"max\": 1, \"source\": \"x\", \"validFrom\": \"2025-02-01\", \"validTo\": \"2025-01-01\"}",
                "dischargeLimits.validTo"
            },
            {
                "{\"parameter\": \"COD\", \"max\": 1, \"source\": \"x\", \"validTo\": \"2025-01-01\"},"
                        + " {\"parameter\": \"COD\", \"max\": 2, \"source\": \"y\", \"validFrom\": \"2025-01-01\"}",
                "dischargeLimits.validFrom"
            },
            {"\"COD ≤ 50\"", "dischargeLimits"}
        };
        for (String[] b : bad) {
            expect(http.putJson("/outfalls/api-limit-1", edit.formatted(b[0]), INSPECTOR), 400, b[1]);
        }
        assertThat(http.get("/outfalls/api-limit-1").body().path("version").asInt())
                .isEqualTo(1);
        assertThat(http.putJson("/outfalls/api-limit-1", edit.formatted(limits), MONITOR)
                        .status())
                .isEqualTo(403);

        Reply edited = http.putJson("/outfalls/api-limit-1", edit.formatted(limits), INSPECTOR);
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        JsonNode shown = edited.body().path("details").path("dischargeLimits");
        assertThat(shown.size()).isEqualTo(3);
        assertThat(shown.get(0).path("parameter").asString()).isEqualTo("COD");
        assertThat(shown.get(0).path("max").decimalValue()).isEqualByComparingTo("50");
        assertThat(shown.get(0).path("validTo").asString()).isEqualTo("2025-12-31");
        // 5000 µg/L is 5 mg/L, the parameter's canonical unit
        assertThat(shown.get(1).path("parameter").asString()).isEqualTo("NH3-N");
        assertThat(shown.get(1).path("max").decimalValue()).isEqualByComparingTo("5");
        assertThat(shown.get(1).path("unit").asString()).isEqualTo("mg/L");
        assertThat(shown.get(1).hasNonNull("validFrom")).isFalse();
        assertThat(shown.get(2).path("min").decimalValue()).isEqualByComparingTo("6");
        assertThat(http.get("/outfalls/api-limit-1/history")
                        .body()
                        .path("versions")
                        .get(0)
                        .path("details")
                        .path("dischargeLimits")
                        .size())
                .as("version 1 had none")
                .isZero();

        // COD 49 and 50 keep the limit, 60 breaks it; NH3-N 4.9 keeps 5
        String rows = "{\"observations\": [" + outfallSample("lim-1", "2025-06-01T09:00:00+08:00", "COD", "49")
                + ", " + outfallSample("lim-2", "2025-06-02T09:00:00+08:00", "COD", "50") + ", "
                + outfallSample("lim-3", "2025-06-03T09:00:00+08:00", "COD", "60") + ", "
                + outfallSample("lim-4", "2025-06-03T09:00:00+08:00", "NH3-N", "4.9") + "]}";
        Reply stored = http.postJson("/outfalls/api-limit-1/observations", rows, MONITOR);
        assertThat(stored.status()).as(stored.text()).isEqualTo(201);
        JsonNode alarms = http.get("/alarms?kind=discharge-limit&site=api-limit-1", MONITOR)
                .body();
        for (int i = 0; i < 100 && alarms.path("numberMatched").asLong() == 0; i++) {
            Thread.sleep(50); // judging may follow the store on another thread
            alarms = http.get("/alarms?kind=discharge-limit&site=api-limit-1", MONITOR)
                    .body();
        }
        assertThat(alarms.path("numberMatched").asLong()).isEqualTo(1);
        JsonNode alarm = alarms.path("alarms").get(0);
        assertThat(alarm.path("parameter").asString()).isEqualTo("COD");
        assertThat(alarm.path("rule").asString()).isEqualTo("limit:max");
        assertThat(alarm.path("evidence").path("observationIds").get(0).asString())
                .isEqualTo("lim-3");
        assertThat(alarm.path("evidence").path("limit").asString()).isEqualTo("50");
        assertThat(alarm.path("evidence").path("limitSource").asString()).isEqualTo("排污许可证 91110228MA01TEST01P");
        assertThat(alarm.path("evidence").path("ledgerVersion").asInt()).isEqualTo(2);

        JsonNode page =
                http.get("/outfalls/api-limit-1/observations?period=2025-06").body();
        assertThat(page.path("outfallId").asString()).isEqualTo("api-limit-1");
        assertThat(page.path("numberMatched").asLong()).isEqualTo(4);
        expect(http.get("/outfalls/api-limit-1/observations?period=June"), 400, "period");
        expect(http.get("/outfalls/no-such-outfall/observations?period=2025-06"), 404, "id");
    }

    static String outfallSample(String id, String at, String parameter, String value) {
        return "{\"id\": \"" + id + "\", \"sampledAt\": \"" + at + "\", \"parameter\": \"" + parameter
                + "\", \"value\": " + value + ", \"unit\": \"mg/L\", \"source\": \"manual\", \"sampler\": \"张三\","
                + " \"analyst\": \"李四\", \"reviewer\": \"王五\", \"signatory\": \"赵六\"}";
    }

    private static void expect(Reply r, int status, String parameter) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.body().path("parameter").asString()).as(r.text()).isEqualTo(parameter);
    }
}
