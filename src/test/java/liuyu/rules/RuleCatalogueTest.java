package liuyu.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.geo.GeoJson;
import liuyu.network.NetworkProperties;
import liuyu.network.RiverNetwork;
import liuyu.rules.RuleFiles.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
        Geometry square = GeoJson.FACTORY.createPolygon(new Coordinate[] {
            new Coordinate(lon, lat),
            new Coordinate(lon + 0.0005, lat),
            new Coordinate(lon + 0.0005, lat + 0.0005),
            new Coordinate(lon, lat + 0.0005),
            new Coordinate(lon, lat)
        });
        return CHECKER.check(ATLAS, RIVER, new Project("p", square, activity, attributes), OPTIONS);
    }

    static boolean hits(CheckReport r, String rule) {
        return r.hits().stream().anyMatch(h -> h.rule().equals(rule));
    }

    /**
     * Every rule's verdict written out by hand from its clause, at a spot picked by hand inside its zone (points on the
     * demo layers found with GDAL: ogrinfo -dialect sqlite "ST_PointOnSurface(ST_Buffer(geometry, -0.0002))"), and a
     * case that must not trigger it. Columns: rule | clause | lon | lat | activity | attributes | verdict |
     * lon, lat, activity, attributes of the case that does not trigger it.
     */
    @ParameterizedTest(name = "{0} ({1}): {6}")
    @CsvSource(
            delimiter = '|',
            value = {
                // 一级保护区内禁止新建、改建、扩建与供水设施和保护水源无关的建设项目
                "source-level-1-unrelated-projects | miyun-water-ecology-2023/2.3.2.2 | 116.963292 | 40.4972 | construction-residential | | FORBIDDEN"
                        + " | 116.963292 | 40.4972 | planting | ",
                // 一级保护区实行封闭管理: any activity there needs the managing authority's consent
                "source-level-1-closed-management | beijing-pollution-opinions-2018/7.2a | 116.963292 | 40.4972 | planting | | CONDITIONAL"
                        + " | 117.05616 | 40.497384 | planting | ",
                // 二级保护区内禁止设置排污口 (and in level 1, which is stricter)
                "source-level-2-outfalls-and-industry | beijing-pollution-opinions-2018/7.2a | 117.05616 | 40.497384 | outfall | | FORBIDDEN"
                        + " | 117.05616 | 40.497384 | planting | ",
                // 水源保护区内禁止建设规模化畜禽养殖场
                "source-zone-scale-livestock | beijing-pollution-opinions-2018/7.4c | 117.05616 | 40.497384 | livestock-farm-scale | | FORBIDDEN"
                        + " | 116.10 | 39.60 | livestock-farm-scale | ",
                // 禁养区内禁止畜禽养殖, small farms included
                "livestock-forbidden-zone | miyun-water-ecology-2023/2.2.3.2 | 116.86 | 40.43 | livestock-farm-small | | FORBIDDEN"
                        + " | 116.10 | 39.60 | livestock-farm-small | ",
                // 退耕: no farmland reclaimed in level 1 or in the water-ecological space
                "reclaimed-farmland-avoids-level-1-and-water-space | miyun-water-ecology-2023/2.2.3.3 | 116.495303 | 40.079681 | farmland-reclamation"
                        + " | slopeDegrees=5 | FORBIDDEN | 116.10 | 39.60 | farmland-reclamation | slopeDegrees=5",
                // 25度以上坡地禁止开垦种植: 以上 includes 25 itself
                "steep-slope-reclamation | miyun-water-ecology-2023/2.2.1.1 | 116.10 | 39.60 | planting | slopeDegrees=25 | FORBIDDEN"
                        + " | 116.10 | 39.60 | planting | slopeDegrees=24.9",
                // 水生态空间内的建设项目须经论证审批
                "water-ecological-space-projects | miyun-water-ecology-2023/2.3.2.2 | 116.495303 | 40.079681 | road-or-bridge | | CONDITIONAL"
                        + " | 116.495303 | 40.079681 | planting | ",
                // 河道管理范围内建设须经河道主管部门同意
                "river-management-range-works | beijing-river-chief-2023/3.5 | 117.156065 | 40.654626 | tourism-waterfront | | CONDITIONAL"
                        + " | 117.156065 | 40.654626 | planting | ",
                // 河道管理范围内禁止采砂取土、倾倒垃圾渣土
                "river-management-range-encroachment | beijing-river-chief-2023/3.5 | 117.156065 | 40.654626 | soil-sand-digging | | FORBIDDEN"
                        + " | 116.10 | 39.60 | soil-sand-digging | ",
                // 生态清洁小流域内禁止倾倒、采砂、设置排污口
                "eco-clean-watershed | miyun-water-ecology-2023/2.2.1.3 | 117.08 | 40.62 | dumping | | FORBIDDEN | 116.10 | 39.60 | dumping | ",
                // 湿地修复不得开采地下水补水
                "wetland-restoration-no-groundwater | miyun-water-ecology-2023/2.2.5.3 | 116.10 | 39.60 | wetland-restoration | usesGroundwater=true"
                        + " | FORBIDDEN | 116.10 | 39.60 | wetland-restoration | usesGroundwater=false",
                // 地下水超采区禁止新增取水
                "groundwater-overextraction-zone | beijing-pollution-opinions-2018/7.2c | 116.7 | 39.75 | groundwater-abstraction | | FORBIDDEN"
                        + " | 116.10 | 39.60 | groundwater-abstraction | ",
                // 密云水库155-160米库滨带: construction only as the shore-band rules allow
                "miyun-shore-band-planting | miyun-water-ecology-2023/2.2.2.2a | 116.828216 | 40.497015 | construction-public | | CONDITIONAL"
                        + " | 116.10 | 39.60 | construction-public | ",
                // 穿越水源保护区的道路须采取防护措施
                "source-zone-road-safety | beijing-pollution-opinions-2018/7.2a | 117.05616 | 40.497384 | road-or-bridge | | CONDITIONAL"
                        + " | 116.10 | 39.60 | road-or-bridge | ",
                // 工业、园区污水处理厂、城镇污水处理厂排污口的设置须经审批
                "outfall-setting-approval | beijing-outfall-supervision-2023/3.2a | 116.10 | 39.60 | outfall | outfallType=industrial | CONDITIONAL"
                        + " | 116.10 | 39.60 | outfall | outfallType=rainwater",
                // 污水管网覆盖范围内不得新设排污口
                "outfall-sewer-covered-area | beijing-outfall-supervision-2023/3.1 | 116.501081 | 39.962624 | outfall | | FORBIDDEN"
                        + " | 116.10 | 39.60 | outfall | ",
                // 生态保护红线内禁止开发性、生产性建设
                "ecological-red-line | beijing-eco-conservation-2023/2.3 | 116.55 | 40.75 | construction-industrial | | FORBIDDEN"
                        + " | 116.55 | 40.75 | construction-public | ",
                // 密云水库坝下河段: waterfront tourism that keeps flood safety is allowed
                "waterfront-below-miyun-dam | miyun-water-ecology-2023/2.2.5.5 | 116.831387 | 40.426675 | tourism-waterfront | floodSafe=true | ALLOWED"
                        + " | 117.156065 | 40.654626 | tourism-waterfront | floodSafe=true"
            })
    void everyRuleGivesTheVerdictOfItsClauseInItsZoneAndNotElsewhere(
            String rule,
            String clause,
            double lon,
            double lat,
            String activity,
            String attributes,
            Verdict verdict,
            double notLon,
            double notLat,
            String notActivity,
            String notAttributes) {
        CheckReport triggered = check(lon, lat, activity, attributes(attributes));
        assertThat(triggered.hits())
                .as(rule + " triggered")
                .filteredOn(h -> h.rule().equals(rule))
                .isNotEmpty()
                .allSatisfy(h -> {
                    assertThat(h.verdict()).isEqualTo(verdict);
                    assertThat(h.citations())
                            .extracting(CheckReport.Citation::clause)
                            .contains(clause);
                });
        assertThat(hits(check(notLon, notLat, notActivity, attributes(notAttributes)), rule))
                .as(rule + " not triggered")
                .isFalse();
    }

    /** The table above has a row for each of these; a rule added to the catalogue needs a row (and a name here). */
    @Test
    void theHandWrittenTableNamesEveryRuleOfTheCatalogue() {
        assertThat(RULES.rules())
                .extracting(Rule::id)
                .containsExactlyInAnyOrder(
                        "source-level-1-unrelated-projects",
                        "source-level-1-closed-management",
                        "source-level-2-outfalls-and-industry",
                        "source-zone-scale-livestock",
                        "livestock-forbidden-zone",
                        "reclaimed-farmland-avoids-level-1-and-water-space",
                        "steep-slope-reclamation",
                        "water-ecological-space-projects",
                        "river-management-range-works",
                        "river-management-range-encroachment",
                        "eco-clean-watershed",
                        "wetland-restoration-no-groundwater",
                        "groundwater-overextraction-zone",
                        "miyun-shore-band-planting",
                        "source-zone-road-safety",
                        "outfall-setting-approval",
                        "outfall-sewer-covered-area",
                        "ecological-red-line",
                        "waterfront-below-miyun-dam");
    }

    /** "k=v;k=v": numbers as numbers, true/false as booleans, anything else as text. */
    static Map<String, Object> attributes(String text) {
        Map<String, Object> attrs = new HashMap<>();
        if (text == null || text.isBlank()) {
            return attrs;
        }
        for (String pair : text.split(";")) {
            String[] kv = pair.trim().split("=", 2);
            String v = kv[1].trim();
            attrs.put(
                    kv[0].trim(),
                    v.equals("true") || v.equals("false")
                            ? (Object) Boolean.valueOf(v)
                            : v.matches("-?\\d+(\\.\\d+)?") ? (Object) Double.valueOf(v) : v);
        }
        return attrs;
    }

    @Test
    void aMissingFactIsReportedUndeterminedAndMakesTheVerdictAtLeastConditional() {
        // miyun-water-ecology-2023/2.2.1.1 — slopes of 25° or more: no reclamation or planting; the atlas has no DEM,
        // so the slope must be given
        CheckReport r = check(FAR_AWAY[0], FAR_AWAY[1], "planting", Map.of());
        CheckReport.Hit hit = r.hits().stream()
                .filter(h -> h.rule().equals("steep-slope-reclamation"))
                .findFirst()
                .orElseThrow();
        assertThat(hit.undetermined().missingAttribute()).isEqualTo("slopeDegrees");
        assertThat(hit.undetermined().verdictIfItApplies()).isEqualTo(Verdict.FORBIDDEN);
        assertThat(hit.verdict()).isEqualTo(Verdict.CONDITIONAL);
        assertThat(r.verdict()).isEqualTo(Verdict.CONDITIONAL);
        assertThat(check(FAR_AWAY[0], FAR_AWAY[1], "planting", Map.of("slopeDegrees", 31.0))
                        .verdict())
                .isEqualTo(Verdict.FORBIDDEN);
        assertThat(check(FAR_AWAY[0], FAR_AWAY[1], "planting", Map.of("slopeDegrees", 12.0))
                        .verdict())
                .isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void aWaterSupplyProjectInLevelOneIsConditionalNotForbidden() {
        // miyun-water-ecology-2023/2.3.2.2 / beijing-pollution-opinions-2018/7.2a — only projects unrelated to water
        // supply and source protection are forbidden
        assertThat(check(116.95, 40.52, "water-supply-facility", Map.of()).verdict())
                .isEqualTo(Verdict.CONDITIONAL);
        assertThat(check(116.95, 40.52, "construction-public", Map.of("relatedToWaterSupply", true))
                        .verdict())
                .isEqualTo(Verdict.CONDITIONAL);
        assertThat(check(116.95, 40.52, "construction-public", Map.of("relatedToWaterSupply", false))
                        .verdict())
                .isEqualTo(Verdict.FORBIDDEN);
    }

    @Test
    void outfallApprovalGoesToTheDistrictBureauOrTheHaiheBureauByRuleSixteen() {
        // beijing-outfall-supervision-2023/3.2a — district ecology-environment bureau, or the Haihe basin / North Sea
        // bureau when the EIA is the
        // State's, the outfall is in the provincial-boundary buffer, or under inter-provincial dispute
        double[] shunyi = {116.65, 40.13};
        CheckReport district = check(shunyi[0], shunyi[1], "outfall", Map.of("outfallType", "urban-wwtp"));
        assertThat(district.authorities())
                .extracting(CheckReport.AuthorityLine::approves)
                .anyMatch(a -> a.startsWith("顺义区生态环境局"));
        CheckReport state =
                check(shunyi[0], shunyi[1], "outfall", Map.of("outfallType", "urban-wwtp", "eiaApprovedBy", "state"));
        assertThat(state.authorities())
                .extracting(CheckReport.AuthorityLine::approves)
                .anyMatch(a -> a.startsWith("海河流域北海海域生态环境监督管理局"));
        CheckReport dispute = check(
                shunyi[0], shunyi[1], "outfall", Map.of("outfallType", "urban-wwtp", "interProvincialDispute", true));
        assertThat(dispute.authorities())
                .extracting(CheckReport.AuthorityLine::approves)
                .anyMatch(a -> a.startsWith("海河流域"));
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
        assertThat(r.downstream())
                .extracting(CheckReport.Downstream::id)
                .contains("miyun-path-outlet", "miyun-reservoir");
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
        assertThatThrownBy(() -> RuleCatalogue.load(dir, ATLAS))
                .isInstanceOfSatisfying(
                        RuleLoadException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        dir.resolve("rules.yaml")
                                                + ":3: rule 'bad-rule': unknown activity 'teleportation'",
                                        dir.resolve("rules.yaml")
                                                + ":3: rule 'bad-rule': unknown zone layer 'no-such-layer'"));

        Files.writeString(dir.resolve("rules.yaml"), """
            ruleset: {id: test, version: "1"}
            rules:
              - id: typo
                titleZh: 错
                titleEn: Typo
                verdcit: FORBIDDEN
            """);
        assertThatThrownBy(() -> RuleCatalogue.load(dir, ATLAS))
                .hasMessageContaining("rules.yaml:6: Unrecognized property \"verdcit\"");
    }

    @Test
    void theCatalogueRefusesAnUnknownClauseAndAQuoteThatIsNotInItsDocument(@TempDir Path dir) throws IOException {
        String MISSING =
                "miyun-water-ecology-2023" + "/9.9.9"; // split, so the repository scan does not take it for a citation
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
        assertThatThrownBy(() -> RuleCatalogue.load(dir, ATLAS))
                .isInstanceOfSatisfying(
                        RuleLoadException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(dir.resolve("rules.yaml")
                                        + ":3: rule 'cites-nothing-real': cites unknown clause '" + MISSING
                                        + "'; clauses.yaml lists them"));

        // one character changed in a quote (禁止 → 严禁): the quote no longer stands in the document, loading stops
        String clauses = Files.readString(dir.resolve("clauses.yaml"));
        assertThat(clauses).contains("禁止在饮用水水源一级保护区内新建");
        Files.writeString(dir.resolve("clauses.yaml"), clauses.replace("禁止在饮用水水源一级保护区内新建", "严禁在饮用水水源一级保护区内新建"));
        Files.copy(
                Path.of("gis/rules/rules.yaml"),
                dir.resolve("rules.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of("gis/rules/authorities.yaml"), dir.resolve("authorities.yaml")); // the demo rules name roles
        assertThatThrownBy(() -> RuleCatalogue.load(dir, ATLAS))
                .isInstanceOfSatisfying(
                        RuleLoadException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        dir.resolve("clauses.yaml")
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
