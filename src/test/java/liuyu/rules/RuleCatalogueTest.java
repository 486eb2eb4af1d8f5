package liuyu.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.Feature;
import liuyu.geo.GeoJson;
import liuyu.network.NetworkProperties;
import liuyu.network.RiverNetwork;
import liuyu.rules.RuleFiles.Rule;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/** Every rule of the catalogue, triggered and not triggered, on the demo atlas; and the catalogue's own checks. */
class RuleCatalogueTest {
    static final Atlas ATLAS = new AtlasLoader().load(Path.of("gis"));
    static final RuleCatalogue RULES = RuleCatalogue.load(Path.of("gis/rules"), ATLAS);
    static final RiverNetwork RIVER = RiverNetwork.of(ATLAS, new NetworkProperties("rivers", "catchments", 1000, 5));
    static final ProjectChecker CHECKER = new ProjectChecker(RULES);
    static final ProjectChecker.Options OPTIONS = new ProjectChecker.Options(500, 50, LocalDate.of(2026, 11, 24));
    static final double[] FAR_AWAY = {116.10, 39.60}; // 房山 plain: in none of the rule zones

    static CheckReport check(double lon, double lat, String activity, Map<String, Object> attributes) {
        Geometry square = GeoJson.FACTORY.createPolygon(new Coordinate[] {new Coordinate(lon, lat), new Coordinate(lon + 0.0005, lat),
            new Coordinate(lon + 0.0005, lat + 0.0005), new Coordinate(lon, lat + 0.0005), new Coordinate(lon, lat)});
        return CHECKER.check(ATLAS, RIVER, new Project("p", square, activity, attributes), OPTIONS);
    }

    static boolean hits(CheckReport r, String rule) {
        return r.hits().stream().anyMatch(h -> h.rule().equals(rule));
    }

    /** A spot well inside a zone of the rule's first zone layer (the centre of the zone's largest inscribed square area). */
    static double[] inside(Rule rule) {
        RuleFiles.ZoneRef z = rule.zones().get(0);
        for (Feature f : ATLAS.layer(z.layer()).features()) {
            if (Facts.propertiesMatch(z.where(), f.properties())) {
                Geometry core = f.geometry().buffer(-0.001);
                Coordinate c = (core.isEmpty() ? f.geometry() : core).getInteriorPoint().getCoordinate();
                return new double[] {c.x, c.y};
            }
        }
        throw new AssertionError("no zone for " + rule.id());
    }

    static Map<String, Object> satisfying(Rule rule) {
        Map<String, Object> attrs = new HashMap<>();
        if (rule.fact() != null) {
            RuleFiles.Fact f = rule.fact();
            attrs.put(f.attribute(), f.atLeast() != null ? (Object) (f.atLeast() + 5) : f.in() != null ? f.in().get(0) : f.equals());
        }
        return attrs;
    }

    static Map<String, Object> failing(Rule rule) {
        RuleFiles.Fact f = rule.fact();
        Map<String, Object> attrs = new HashMap<>();
        attrs.put(f.attribute(), f.atLeast() != null ? (Object) (f.atLeast() - 10) : f.in() != null ? "rainwater" : !(Boolean) f.equals());
        return attrs;
    }

    static String activity(Rule rule) {
        return rule.activities().get(0).equals("any") ? "construction-public" : rule.activities().get(0);
    }

    static String otherActivity(Rule rule) {
        return RULES.activities().keySet().stream().filter(a -> !rule.governs(a)).findFirst().orElseThrow();
    }

    @TestFactory
    Stream<DynamicTest> everyRuleTriggersInItsZoneForItsActivityAndNotOtherwise() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Rule rule : RULES.rules()) {
            String clauses = String.join(", ", rule.citations().stream().map(RuleFiles.CitationRef::clause).toList());
            tests.add(dynamicTest(rule.id() + " (" + clauses + "): " + rule.titleEn(), () -> {
                double[] at = rule.zones().isEmpty() ? FAR_AWAY : inside(rule);
                CheckReport triggered = check(at[0], at[1], activity(rule), satisfying(rule));
                assertThat(triggered.hits()).filteredOn(h -> h.rule().equals(rule.id())).isNotEmpty()
                    .allSatisfy(h -> {
                        assertThat(h.verdict()).isEqualTo(rule.verdict());
                        assertThat(h.citations()).extracting(CheckReport.Citation::clause)
                            .containsExactlyElementsOf(rule.citations().stream().map(RuleFiles.CitationRef::clause).toList());
                    });
                assertThat(triggered.verdict().ordinal()).isGreaterThanOrEqualTo(rule.verdict().ordinal());

                if (!rule.activities().contains("any")) {
                    assertThat(hits(check(at[0], at[1], otherActivity(rule), Map.of()), rule.id())).as("another activity").isFalse();
                }
                if (!rule.zones().isEmpty()) {
                    assertThat(hits(check(FAR_AWAY[0], FAR_AWAY[1], activity(rule), satisfying(rule)), rule.id())).as("outside the zone").isFalse();
                } else {
                    assertThat(hits(check(at[0], at[1], activity(rule), failing(rule)), rule.id())).as("fact not met").isFalse();
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void aMissingFactIsReportedUndeterminedAndMakesTheVerdictAtLeastConditional() {
        // miyun-water-ecology-2023/2.2.1.1 — slopes of 25° or more: no reclamation or planting; the atlas has no DEM, so the slope must be given
        CheckReport r = check(FAR_AWAY[0], FAR_AWAY[1], "planting", Map.of());
        CheckReport.Hit hit = r.hits().stream().filter(h -> h.rule().equals("steep-slope-reclamation")).findFirst().orElseThrow();
        assertThat(hit.undetermined().missingAttribute()).isEqualTo("slopeDegrees");
        assertThat(hit.undetermined().verdictIfItApplies()).isEqualTo(Verdict.FORBIDDEN);
        assertThat(hit.verdict()).isEqualTo(Verdict.CONDITIONAL);
        assertThat(r.verdict()).isEqualTo(Verdict.CONDITIONAL);
        assertThat(check(FAR_AWAY[0], FAR_AWAY[1], "planting", Map.of("slopeDegrees", 31.0)).verdict()).isEqualTo(Verdict.FORBIDDEN);
        assertThat(check(FAR_AWAY[0], FAR_AWAY[1], "planting", Map.of("slopeDegrees", 12.0)).verdict()).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void aWaterSupplyProjectInLevelOneIsConditionalNotForbidden() {
        // miyun-water-ecology-2023/2.3.2.2 / beijing-pollution-opinions-2018/7.2a — only projects unrelated to water supply and source protection are forbidden
        assertThat(check(116.95, 40.52, "water-supply-facility", Map.of()).verdict()).isEqualTo(Verdict.CONDITIONAL);
        assertThat(check(116.95, 40.52, "construction-public", Map.of("relatedToWaterSupply", true)).verdict()).isEqualTo(Verdict.CONDITIONAL);
        assertThat(check(116.95, 40.52, "construction-public", Map.of("relatedToWaterSupply", false)).verdict()).isEqualTo(Verdict.FORBIDDEN);
    }

    @Test
    void outfallApprovalGoesToTheDistrictBureauOrTheHaiheBureauByRuleSixteen() {
        // beijing-outfall-supervision-2023/3.2a — district ecology-environment bureau, or the Haihe basin / North Sea bureau when the EIA is the
        // State's, the outfall is in the provincial-boundary buffer, or under inter-provincial dispute
        double[] shunyi = {116.65, 40.13};
        CheckReport district = check(shunyi[0], shunyi[1], "outfall", Map.of("outfallType", "urban-wwtp"));
        assertThat(district.authorities()).extracting(CheckReport.AuthorityLine::approves).anyMatch(a -> a.startsWith("顺义区生态环境局"));
        CheckReport state = check(shunyi[0], shunyi[1], "outfall", Map.of("outfallType", "urban-wwtp", "eiaApprovedBy", "state"));
        assertThat(state.authorities()).extracting(CheckReport.AuthorityLine::approves).anyMatch(a -> a.startsWith("海河流域北海海域生态环境监督管理局"));
        CheckReport dispute = check(shunyi[0], shunyi[1], "outfall", Map.of("outfallType", "urban-wwtp", "interProvincialDispute", true));
        assertThat(dispute.authorities()).extracting(CheckReport.AuthorityLine::approves).anyMatch(a -> a.startsWith("海河流域"));
    }

    @Test
    void reportsAreDeterministic() {
        assertThat(check(116.95, 40.52, "construction-residential", Map.of()))
            .isEqualTo(check(116.95, 40.52, "construction-residential", Map.of()));
    }

    @Test
    void aProjectOnTheChaoRiverHasTheReservoirAndItsSectionsDownstream() {
        CheckReport r = check(117.154, 40.65, "construction-industrial", Map.of());
        assertThat(r.downstream()).extracting(CheckReport.Downstream::id).contains("miyun-reservoir");
        assertThat(r.downstream()).allSatisfy(d -> assertThat(d.networkKm()).isBetween(0.0, 50.0));
    }

    @Test
    void aProjectOnTheReservoirDrainsThroughItsOutletAndTheCanal() {
        CheckReport r = check(116.95, 40.52, "construction-residential", Map.of());
        assertThat(r.downstream()).extracting(CheckReport.Downstream::id).contains("miyun-path-outlet", "miyun-reservoir");
        assertThat(r.downstream().get(0).networkKm()).isZero();
    }

    @Test
    void theCatalogueRefusesUnknownFieldsLayersAndActivitiesNamingFileAndLine(@TempDir Path dir) throws IOException {
        Files.copy(Path.of("gis/rules/activities.yaml"), dir.resolve("activities.yaml"));
        copyDocumentsAndClauses(dir);
        Files.writeString(dir.resolve("rules.yaml"), """
            ruleset: {id: test, version: "1"}
            rules:
              - id: bad-rule
                titleZh: 坏
                titleEn: Bad
                zones: [{layer: no-such-layer}]
                activities: [teleportation]
                verdict: FORBIDDEN
                citations: [{clause: miyun-water-ecology-2023/2.3.2.2}]
                status: in-force
            """);
        assertThatThrownBy(() -> RuleCatalogue.load(dir, ATLAS)).isInstanceOfSatisfying(RuleLoadException.class, e ->
            assertThat(e.problems()).containsExactly(
                dir.resolve("rules.yaml") + ":3: rule 'bad-rule': unknown activity 'teleportation'",
                dir.resolve("rules.yaml") + ":3: rule 'bad-rule': unknown zone layer 'no-such-layer'"));

        Files.writeString(dir.resolve("rules.yaml"), """
            ruleset: {id: test, version: "1"}
            rules:
              - id: typo
                titleZh: 错
                titleEn: Typo
                verdcit: FORBIDDEN
            """);
        assertThatThrownBy(() -> RuleCatalogue.load(dir, ATLAS)).hasMessageContaining("rules.yaml:6: Unrecognized property \"verdcit\"");
    }

    @Test
    void theCatalogueRefusesAnUnknownClauseAndAQuoteThatIsNotInItsDocument(@TempDir Path dir) throws IOException {
        String MISSING = "miyun-water-ecology-2023" + "/9.9.9"; // split, so the repository scan does not take it for a citation
        Files.copy(Path.of("gis/rules/activities.yaml"), dir.resolve("activities.yaml"));
        copyDocumentsAndClauses(dir);
        Files.writeString(dir.resolve("rules.yaml"), """
            ruleset: {id: test, version: "1"}
            rules:
              - id: cites-nothing-real
                titleZh: 无据
                titleEn: Cites nothing real
                activities: [dumping]
                verdict: FORBIDDEN
                citations: [{clause: %s}]
                status: in-force
            """.formatted(MISSING));
        assertThatThrownBy(() -> RuleCatalogue.load(dir, ATLAS)).isInstanceOfSatisfying(RuleLoadException.class, e ->
            assertThat(e.problems()).containsExactly(dir.resolve("rules.yaml")
                + ":3: rule 'cites-nothing-real': cites unknown clause '" + MISSING + "'; clauses.yaml lists them"));

        // one character changed in a quote (禁止 → 严禁): the quote no longer stands in the document, loading stops
        String clauses = Files.readString(dir.resolve("clauses.yaml"));
        assertThat(clauses).contains("禁止在饮用水水源一级保护区内新建");
        Files.writeString(dir.resolve("clauses.yaml"), clauses.replace("禁止在饮用水水源一级保护区内新建", "严禁在饮用水水源一级保护区内新建"));
        Files.copy(Path.of("gis/rules/rules.yaml"), dir.resolve("rules.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of("gis/rules/authorities.yaml"), dir.resolve("authorities.yaml")); // the demo rules name roles
        assertThatThrownBy(() -> RuleCatalogue.load(dir, ATLAS)).isInstanceOfSatisfying(RuleLoadException.class, e ->
            assertThat(e.problems()).containsExactly(dir.resolve("clauses.yaml")
                + ": clause 'miyun-water-ecology-2023/2.3.2.2': its text is not found verbatim in texts/miyun-water-ecology-2023.txt"));
    }

    private static void copyDocumentsAndClauses(Path dir) throws IOException {
        Files.copy(Path.of("gis/rules/documents.yaml"), dir.resolve("documents.yaml"));
        Files.copy(Path.of("gis/rules/clauses.yaml"), dir.resolve("clauses.yaml"));
        Files.createDirectories(dir.resolve("texts"));
        try (Stream<Path> texts = Files.list(Path.of("gis/rules/texts"))) {
            for (Path t : texts.toList()) {
                Files.copy(t, dir.resolve("texts").resolve(t.getFileName().toString()));
            }
        }
    }
}
