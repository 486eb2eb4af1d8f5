package liuyu.api.outfalls;

import static liuyu.testing.Http.MONITOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.outfalls.LedgerCommands;
import liuyu.outfalls.LedgerQueries;
import liuyu.outfalls.Outfall;
import liuyu.outfalls.OutfallType;
import liuyu.outfalls.Remediation;
import liuyu.outfalls.State;
import liuyu.outfalls.Transition;
import liuyu.outfalls.Violation;
import liuyu.testing.Http;
import liuyu.testing.Http.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * 有水皆测 coverage (beijing-outfall-supervision-2023/2.1) and the district's annual report (beijing-outfall-supervision-2023/5.1) on a SYNTHETIC ledger whose
 * counts are known by construction (see {@link #ledger()}); observations arrive over HTTP as an
 * outfall's monitoring staff would send them. Years are Beijing calendar years.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.quality.demo-observations=false", "liuyu.outfalls.seed-from-atlas=false"})
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@Tag("integration")
class SupervisionApiTest {
    static final double[] MIYUN = {117.1542583, 40.6496065};
    static final double[] HUAIROU = {116.6900853, 40.6699147};

    @LocalServerPort
    int port;

    @Autowired
    LedgerQueries outfalls;

    @Autowired
    LedgerCommands commands;

    Http http;

    @BeforeEach
    void ledger() throws Exception {
        http = new Http(port);
        if (outfalls.entry("m1").isPresent()) {
            return;
        }
        List<LedgerCommands.Imported> records = new ArrayList<>();
        // m1 industrial, flowing: ledgered 2023, monitored 2024; COD and flow measured in 2024 → covered
        records.add(record(
                "m1",
                OutfallType.INDUSTRIAL,
                MIYUN,
                true,
                new Steps()
                        .at("2023-03-01", State.DISCOVERED)
                        .at("2023-03-02", State.LEDGERED)
                        .at("2024-02-01", State.TRACED)
                        .at("2024-03-01", State.MONITORED)));
        // m2 urban WWTP, flowing, new in 2024; COD only in 2024 (its flow came on 1 January 2025, Beijing time) →
        // uncovered
        records.add(record(
                "m2",
                OutfallType.URBAN_WWTP,
                MIYUN,
                true,
                new Steps().at("2024-05-01", State.DISCOVERED).at("2024-05-02", State.LEDGERED)));
        // m3 overflow, flowing: violation in 2024, banned and closed in 2024 → out of the coverage scope
        records.add(record(
                "m3",
                OutfallType.OVERFLOW,
                MIYUN,
                true,
                new Steps()
                        .at("2023-01-10", State.DISCOVERED)
                        .at("2023-01-11", State.LEDGERED)
                        .at("2023-02-01", State.TRACED)
                        .violation("2024-07-20", Violation.MIXED_DISCHARGE, Violation.OVER_LIMIT)
                        .remediation("2024-08-01", Remediation.BAN)
                        .closed("2024-11-30", Remediation.BAN)));
        // m4 rainwater, not normally flowing, new in 2024 → out of the coverage scope
        records.add(record("m4", OutfallType.RAINWATER, MIYUN, false, new Steps().at("2024-06-01", State.DISCOVERED)));
        // m5 bypass, discovered in 2025 → in no 2024 figure
        records.add(record("m5", OutfallType.BYPASS, MIYUN, true, new Steps().at("2025-01-05", State.DISCOVERED)));
        // m6 rural, flowing: violation 2023, regularised and closed 2024 (still discharging), relapse in 2024; flow
        // only → uncovered
        records.add(record(
                "m6",
                OutfallType.RURAL_OTHER,
                MIYUN,
                true,
                new Steps()
                        .at("2022-06-01", State.DISCOVERED)
                        .at("2022-06-02", State.LEDGERED)
                        .at("2022-07-01", State.TRACED)
                        .violation("2023-05-01", Violation.DIRECT_SEWAGE)
                        .remediation("2023-06-01", Remediation.REGULARISE)
                        .closed("2024-03-01", Remediation.REGULARISE)
                        .violation("2024-09-01", Violation.AGED_DAMAGED)));
        // h1 industrial in 怀柔, flowing, new in 2024; NH3-N and flow in 2024 → covered
        records.add(
                record("h1", OutfallType.INDUSTRIAL, HUAIROU, true, new Steps().at("2024-01-01", State.DISCOVERED)));
        commands.importAll(records);

        observe(
                "m1",
                row("m1-cod", "2024-12-31T23:30:00+08:00", "COD", "18", "mg/L"),
                row("m1-q", "2024-06-01T10:00:00+08:00", "flow", "850", "m³/d"));
        observe(
                "m2",
                row("m2-cod", "2024-06-01T10:00:00+08:00", "COD", "25", "mg/L"),
                row("m2-q", "2025-01-01T01:00:00+08:00", "flow", "3000", "m3/d"));
        observe("m6", row("m6-q", "2024-08-01T10:00:00+08:00", "flow", "40", "m³/d"));
        observe(
                "h1",
                row("h1-n", "2024-04-01T10:00:00+08:00", "NH3-N", "0.8", "mg/L"),
                row("h1-q", "2024-04-01T10:00:00+08:00", "flow", "120", "m³/d"));
    }

    @Test
    void coverageListsTheNormallyFlowingOutfallsWithoutBothMeasurements() throws Exception {
        JsonNode miyun =
                http.get("/outfalls/coverage?year=2024&district=110118").body();
        assertThat(miyun.path("clause").asString()).isEqualTo("beijing-outfall-supervision-2023/2.1");
        assertThat(miyun.path("inScope").asInt()).isEqualTo(3);
        assertThat(miyun.path("covered").asInt()).isEqualTo(1);
        assertThat(miyun.path("share").asDouble()).isEqualTo(0.333);
        assertThat(miyun.path("uncovered").toString())
                .contains("{\"id\":\"m2\"")
                .contains("\"quality\":true,\"quantity\":false")
                .contains("{\"id\":\"m6\"")
                .contains("\"quality\":false,\"quantity\":true")
                .doesNotContain("\"m1\"")
                .doesNotContain("\"m3\"")
                .doesNotContain("\"m4\"");
        JsonNode all = http.get("/outfalls/coverage?year=2024").body();
        assertThat(all.path("inScope").asInt()).isEqualTo(4);
        assertThat(all.path("covered").asInt()).isEqualTo(2);
        // in 2025 m2's flow (1 January, Beijing time) counts, its COD does not; m5 and m3 change scope
        JsonNode next = http.get("/outfalls/coverage?year=2025&district=110118").body();
        assertThat(next.path("uncovered").toString())
                .contains("\"m2\"")
                .contains("\"m5\"")
                .contains("\"m1\"");
    }

    @Test
    void theAnnualReportCountsTheYearAsItWas() throws Exception {
        Reply r = http.get("/reports/outfalls/110118/2024");
        assertThat(r.status()).isEqualTo(200);
        JsonNode report = r.body();
        assertThat(report.path("districtNameZh").asString()).isEqualTo("密云区");
        assertThat(report.path("due").asString()).isEqualTo("2025-01-31");
        assertThat(report.path("clause").asString()).isEqualTo("beijing-outfall-supervision-2023/5.1");
        assertThat(report.path("provisional").asBoolean()).isFalse();
        assertThat(report.path("outfalls").asInt()).isEqualTo(5);
        assertThat(report.path("byType").toString())
                .isEqualTo(
                        "{\"industrial\":1,\"park-wwtp\":0,\"urban-wwtp\":1,\"overflow\":1,\"bypass\":0,\"rainwater\":1,\"rural-other\":1}");
        assertThat(report.path("byState").toString())
                .isEqualTo("{\"discovered\":1,\"ledgered\":1,\"traced\":0,\"monitored\":1,"
                        + "\"compliant\":0,\"violation\":1,\"in-remediation\":0,\"closed\":1}");
        assertThat(report.path("added").asInt()).isEqualTo(2);
        assertThat(report.path("closed").asInt()).isEqualTo(2);
        assertThat(report.path("closedBy").toString()).isEqualTo("{\"ban\":1,\"merge\":0,\"regularise\":1}");
        assertThat(report.path("violationsFound").asInt()).isEqualTo(2);
        assertThat(report.path("violationsByKind").path("mixed-discharge").asInt())
                .isEqualTo(1);
        assertThat(report.path("violationsByKind").path("over-limit").asInt()).isEqualTo(1);
        assertThat(report.path("violationsByKind").path("aged-damaged").asInt()).isEqualTo(1);
        assertThat(report.path("violationsByKind").path("direct-sewage").asInt())
                .isZero();
        assertThat(report.path("violationsRemediated").asInt()).isEqualTo(2);
        assertThat(report.path("coverage").path("inScope").asInt()).isEqualTo(3);
        assertThat(report.path("notesZh").size()).isEqualTo(report.path("notes").size());
        assertThat(report.path("notesZh").get(0).asString()).isEqualTo("状态按各环节发生日期截至2024-12-31统计；类型和位置为台账当前所载");
        assertThat(report.path("notes").get(0).asString()).startsWith("states are as at 2024-12-31 ");

        JsonNode earlier = http.get("/reports/outfalls/110118/2023").body();
        assertThat(earlier.path("outfalls").asInt()).isEqualTo(3);
        assertThat(earlier.path("added").asInt()).isEqualTo(2);
        assertThat(earlier.path("violationsFound").asInt()).isEqualTo(1);
        assertThat(earlier.path("byState").path("in-remediation").asInt()).isEqualTo(1);
        assertThat(earlier.path("byState").path("traced").asInt()).isEqualTo(1);
    }

    @Test
    void theReportComesAsCsvForTheDistrictBureau() throws Exception {
        Reply csv = http.get("/reports/outfalls/110118/2024?f=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text())
                .startsWith("section,key,value\r\n")
                .contains("report,due,2025-01-31\r\n")
                .contains("outfalls,total,5\r\n")
                .contains("closedBy,ban,1\r\n")
                .contains("coverage,share,0.333\r\n")
                .contains("uncovered,m2,quantity\r\n")
                .contains("uncovered,m6,quality\r\n")
                .contains("noteZh,,状态按各环节发生日期截至2024-12-31统计；类型和位置为台账当前所载\r\n");
    }

    @Test
    void badYearsAndDistrictsAreRefused() throws Exception {
        expect(http.get("/reports/outfalls/110118/1999"), 400, "year");
        expect(http.get("/reports/outfalls/110118/2999"), 400, "year");
        expect(http.get("/reports/outfalls/110118/last"), 400, "year");
        expect(http.get("/reports/outfalls/999999/2024"), 404, "district");
        expect(http.get("/reports/outfalls/110118/2024?f=xls"), 400, "f");
        expect(http.get("/outfalls/coverage"), 400, "year");
        expect(http.get("/outfalls/coverage?year=2024&district=nowhere"), 404, "district");
        expect(http.postJson("/outfalls/nowhere/observations", "{\"observations\": []}", MONITOR), 404, "id");
    }

    private static void expect(Reply r, int status, String parameter) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.body().path("parameter").asString()).as(r.text()).isEqualTo(parameter);
    }

    private void observe(String outfall, String... rows) throws Exception {
        Reply r = http.postJson(
                "/outfalls/" + outfall + "/observations",
                "{\"observations\": [" + String.join(",", rows) + "]}",
                MONITOR);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
    }

    static String row(String id, String at, String parameter, String value, String unit) {
        return """
            {"id": "%s", "sampledAt": "%s", "parameter": "%s", "value": %s, "unit": "%s", "source": "manual",
             "method": "synthetic test", "sampler": "张三", "analyst": "李四", "reviewer": "王五", "signatory": "赵六"}""".formatted(id, at, parameter, value, unit);
    }

    static LedgerCommands.Imported record(String id, OutfallType type, double[] at, boolean flowing, Steps steps) {
        Outfall.Details d = new Outfall.Details(
                null, null, null, null, null, null, null, List.of(), null, false, List.of(), null, null, null, null,
                false, false, List.of());
        return new LedgerCommands.Imported(
                new Outfall(
                        id,
                        1,
                        "合成测试排污口 " + id,
                        null,
                        type,
                        at[0],
                        at[1],
                        flowing,
                        d,
                        new Provenance(Method.SYNTHETIC, "SupervisionApiTest", "test", "synthetic test record", false),
                        "test",
                        Instant.now(),
                        null),
                steps.list);
    }

    /** A history written in order; each step follows the one before. */
    static final class Steps {
        final List<Transition> list = new ArrayList<>();

        Steps at(String day, State to) {
            return add(day, to, List.of(), null);
        }

        Steps violation(String day, Violation... kinds) {
            return add(day, State.VIOLATION, List.of(kinds), null);
        }

        Steps remediation(String day, Remediation way) {
            return add(day, State.IN_REMEDIATION, List.of(), way);
        }

        Steps closed(String day, Remediation way) {
            return add(day, State.CLOSED, List.of(), way);
        }

        private Steps add(String day, State to, List<Violation> kinds, Remediation way) {
            State from = list.isEmpty() ? null : list.get(list.size() - 1).to();
            list.add(new Transition(
                    list.size() + 1,
                    from,
                    to,
                    "synthetic",
                    List.of("test"),
                    kinds,
                    way,
                    LocalDate.parse(day),
                    "test",
                    Instant.now()));
            return this;
        }
    }
}
