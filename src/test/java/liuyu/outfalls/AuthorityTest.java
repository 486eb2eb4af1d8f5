package liuyu.outfalls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import liuyu.atlas.Atlas;
import liuyu.atlas.Feature;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.rules.CheckReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Who approves an outfall (rule 16, beijing-outfall-supervision-2023/3.2a: "环境影响评价文件由国家审批建设的入河排污口,以及位于省界缓冲区或存在
 * 省际争议的入河排污口设置审批,由海河流域北海海域生态环境监督管理局负责实施 … 本市入河排污口设置审批原则上由各区生态环境部门
 * 负责实施") and the compliance flags, on the demo atlas, one branch per test. Points are found in the
 * atlas, not hard-coded, so the tests follow the layers.
 */
@SpringBootTest(properties = {"liuyu.quality.demo-observations=false", "liuyu.outfalls.seed-from-atlas=false"})
@Tag("integration")
class AuthorityTest {
    static final String HAIHE = "海河流域北海海域生态环境监督管理局";
    static final String RULE = "outfall-setting-approval";
    static final Set<String> RULE_ZONES = Set.of(
            "provincial-boundary-buffer",
            "sewer-covered-areas",
            "river-management-range",
            "protection-zones",
            "eco-clean-watersheds",
            "water-ecological-space",
            "shore-bands",
            "reservoirs");

    @Autowired
    LedgerQueries ledger;

    /** A point of district {@code district} inside {@code layer} (or, when null, inside no rule zone at all). */
    double[] point(String district, String layer) {
        Atlas atlas = ledger.atlas();
        for (double lat = 39.40; lat < 41.10; lat += 0.01) {
            for (double lon = 115.40; lon < 117.60; lon += 0.01) {
                List<Feature> zones = atlas.zones().containing(lon, lat);
                Set<String> layers = zones.stream().map(Feature::layer).collect(Collectors.toSet());
                boolean inDistrict =
                        zones.stream().anyMatch(z -> z.layer().equals("districts") && z.id().equals(district));
                boolean wanted =
                        layer == null ? layers.stream().noneMatch(RULE_ZONES::contains) : layers.contains(layer);
                if (inDistrict && wanted) {
                    return new double[] {lon, lat};
                }
            }
        }
        throw new AssertionError("no point of district " + district + " in " + layer);
    }

    static Outfall outfall(
            OutfallType type,
            double[] at,
            String eia,
            boolean dispute,
            boolean floods,
            List<Outfall.Approval> approvals) {
        Outfall.Details d = new Outfall.Details(
                null, null, null, null, null, null, null, approvals, null, false, List.of(), null, null, null, eia,
                dispute, floods, List.of());
        return new Outfall(
                "t",
                1,
                "测试排污口",
                null,
                type,
                at[0],
                at[1],
                true,
                d,
                new Provenance(Method.SYNTHETIC, "test", "test", "test", false),
                "u",
                Instant.now(),
                null);
    }

    CheckReport.AuthorityLine setting(OutfallAssessment a) {
        return a.authorities().stream()
                .filter(l -> l.rule().equals(RULE))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void otherwiseTheDistrictEcologyEnvironmentBureauApproves() {
        OutfallAssessment a =
                ledger.assess(outfall(OutfallType.INDUSTRIAL, point("110118", null), null, false, false, List.of()));
        assertThat(setting(a).approves()).startsWith("密云区生态环境局");
        assertThat(setting(a).because())
                .containsExactly(
                        "approves 密云区生态环境局 (district ecology-environment bureau): named by rule 'outfall-setting-approval'");
        assertThat(a.district().nameZh()).isEqualTo("密云区");
        assertThat(a.flags())
                .extracting(OutfallAssessment.Flag::rule)
                .contains(RULE); // no setting approval recorded yet
        assertThat(a.flags())
                .filteredOn(f -> f.rule().equals(RULE))
                .first()
                .satisfies(f -> assertThat(f.clauses()).anySatisfy(c -> {
                    assertThat(c.clause()).isEqualTo("beijing-outfall-supervision-2023/3.2a");
                    assertThat(c.document()).isEqualTo("《北京市加强入河排污口监督管理工作方案》（京环发〔2023〕4号）");
                    assertThat(c.section()).isEqualTo("三、（二）");
                    assertThat(c.text()).contains("入河排污口的设置依法依规实行审核制");
                }));
    }

    @Test
    void anEiaApprovedByTheStateGoesToTheHaiheBureau() {
        OutfallAssessment a =
                ledger.assess(outfall(OutfallType.URBAN_WWTP, point("110118", null), "state", false, false, List.of()));
        assertThat(setting(a).approves()).startsWith(HAIHE);
        assertThat(setting(a).because())
                .containsExactly(
                        "facts {eiaApprovedBy=state}",
                        "approves 海河流域北海海域生态环境监督管理局 (Haihe basin / North Sea bureau): named by rule 'outfall-setting-approval'");
        assertThat(setting(a).becauseZh()).hasSize(2).first().isEqualTo("项目事实 {eiaApprovedBy=state}");
    }

    @Test
    void anOutfallInTheProvincialBoundaryBufferGoesToTheHaiheBureau() {
        OutfallAssessment a = ledger.assess(outfall(
                OutfallType.PARK_WWTP,
                point("110118", "provincial-boundary-buffer"),
                "district",
                false,
                false,
                List.of()));
        assertThat(setting(a).approves()).startsWith(HAIHE);
        // the body comes from the authority table (gis/rules/authorities.yaml), quoting its clause
        assertThat(setting(a).because()).hasSize(2).first().isEqualTo("lies in provincial-boundary-buffer");
        assertThat(setting(a).because().get(1))
                .startsWith("approves " + HAIHE)
                .contains("row 'provincial-boundary-buffer'")
                .contains("beijing-outfall-supervision-2023 三（二）")
                .contains("位于省界缓冲区或存在省际争议的入河排污口设置审批,由海河流域北海海域生态环境监督管理局负责实施");
        assertThat(setting(a).becauseZh()).hasSize(2).first().isEqualTo("位于省界缓冲区（派生示意）（provincial-boundary-buffer）");
    }

    @Test
    void anOutfallUnderInterProvincialDisputeGoesToTheHaiheBureau() {
        OutfallAssessment a =
                ledger.assess(outfall(OutfallType.INDUSTRIAL, point("110116", null), null, true, false, List.of()));
        assertThat(setting(a).approves()).startsWith(HAIHE);
    }

    @Test
    void anEiaApprovedByTheCityIsMergedAtTheCityLevel() {
        // 建设项目包含入河排污口设置的,与建设项目环境影响评价审批同级合并办理,由市、区两级生态环境部门分级负责 (beijing-outfall-supervision-2023/3.2a)
        OutfallAssessment a =
                ledger.assess(outfall(OutfallType.INDUSTRIAL, point("110116", null), "city", false, false, List.of()));
        assertThat(setting(a).approves()).startsWith("北京市生态环境局");
        OutfallAssessment both =
                ledger.assess(outfall(OutfallType.INDUSTRIAL, point("110116", null), "city", true, false, List.of()));
        assertThat(setting(both).approves())
                .as("the Haihe bureau's remit is the stronger")
                .startsWith(HAIHE);
    }

    @Test
    void theWaterAuthorityIsConsultedWhereFloodControlOrSupplyMayBeAffected() {
        // 可能影响防洪、通航、供水、堤防安全和河势稳定的入河排污口设置审批,应征求 … 水行政等主管部门的意见 (beijing-outfall-supervision-2023/3.2b)
        OutfallAssessment a =
                ledger.assess(outfall(OutfallType.URBAN_WWTP, point("110116", null), null, false, true, List.of()));
        assertThat(setting(a).approves()).startsWith("怀柔区生态环境局");
        assertThat(setting(a).consults()).contains("水行政主管部门");
        OutfallAssessment quiet =
                ledger.assess(outfall(OutfallType.URBAN_WWTP, point("110116", null), null, false, false, List.of()));
        assertThat(setting(quiet).consults()).isNull();
    }

    @Test
    void typesOutsideTheApprovalRegimeHaveNoSettingApprovalButStillASupervisor() {
        OutfallAssessment a =
                ledger.assess(outfall(OutfallType.RAINWATER, point("110118", null), null, false, false, List.of()));
        assertThat(a.authorities()).noneMatch(l -> l.rule().equals(RULE));
        assertThat(a.supervisor()).startsWith("密云区生态环境局").contains("beijing-outfall-supervision-2023/4.1");
        assertThat(a.flags()).isEmpty();
    }

    @Test
    void aRecordedApprovalClearsItsFlag() {
        double[] at = point("110118", null);
        List<Outfall.Approval> approved =
                List.of(new Outfall.Approval(RULE, "密云区生态环境局", "密环审〔2024〕12号", LocalDate.of(2024, 3, 1)));
        assertThat(ledger.assess(outfall(OutfallType.INDUSTRIAL, at, null, false, false, approved))
                        .flags())
                .isEmpty();
    }

    @Test
    void anOutfallInALevel2SourceZoneIsFlaggedForbidden() {
        OutfallAssessment a = ledger.assess(
                outfall(OutfallType.RURAL_OTHER, point("110118", "protection-zones"), null, false, false, List.of()));
        assertThat(a.flags()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo("forbidden");
            assertThat(f.rule()).isEqualTo("source-level-2-outfalls-and-industry");
            assertThat(f.clauses())
                    .extracting(CheckReport.Citation::clause)
                    .contains("beijing-pollution-opinions-2018/7.2a");
            assertThat(f.clauses()).anySatisfy(c -> assertThat(c.text()).contains("全面拆除二级保护区内现有排污口"));
        });
    }

    @Test
    void aNewOutfallWhereSewersCollectIsFlagged() {
        OutfallAssessment a = ledger.assess(
                outfall(OutfallType.RAINWATER, point("110105", "sewer-covered-areas"), null, false, false, List.of()));
        assertThat(a.flags()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo("forbidden");
            assertThat(f.rule()).isEqualTo("outfall-sewer-covered-area");
            assertThat(f.clauses())
                    .extracting(CheckReport.Citation::clause)
                    .containsExactly("beijing-outfall-supervision-2023/3.1");
            assertThat(f.clauses().get(0).text()).endsWith("污水收集管网覆盖地区原则上不再规划建设入河排污口。");
        });
    }

    @Test
    void anOutfallInTheRiverManagementRangeNeedsAWorksApproval() {
        double[] at = point("110118", "river-management-range");
        OutfallAssessment a = ledger.assess(outfall(OutfallType.RAINWATER, at, null, false, false, List.of()));
        assertThat(a.flags()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo("approval-missing");
            assertThat(f.rule()).isEqualTo("river-management-range-works");
            assertThat(f.clauses())
                    .extracting(CheckReport.Citation::clause)
                    .contains("beijing-outfall-supervision-2023/3.2c");
            assertThat(f.clauses()).anySatisfy(c -> assertThat(c.text()).contains("履行河道管理范围内建设项目工程建设方案审批"));
        });
        List<Outfall.Approval> works = List.of(new Outfall.Approval(
                "river-management-range-works", "密云区水务局", "密水审〔2024〕3号", LocalDate.of(2024, 5, 1)));
        assertThat(ledger.assess(outfall(OutfallType.RAINWATER, at, null, false, false, works))
                        .flags())
                .noneMatch(f -> f.rule().equals("river-management-range-works"));
    }
}
