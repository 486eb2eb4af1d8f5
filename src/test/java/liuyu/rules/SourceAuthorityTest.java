package liuyu.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.atlas.Provenance;
import liuyu.geo.GeoJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * The authority table (gis/rules/authorities.yaml) for the five district-level-and-above surface sources that
 * 北京市 designated, each at level 1 and level 2. The demo atlas holds only Miyun's zones, so this atlas puts a
 * small zone of each source, at each level, in the district it lies in, and checks a project in it. The expected
 * bodies are written here by hand: the district water authority of the district the zone lies in, the city water
 * authority for the cross-district canal, and the Miyun brigade for Miyun only.
 */
class SourceAuthorityTest {
    /**
     * beijing-pollution-opinions-2018 七（二）: "2018年底前，完成密云水库、怀柔水库、京密引水渠、永定河门头沟山峡段、房山拒马河等5个
     * 区级以上集中式地表水饮用水水源保护区调整划定工作".
     */
    static final String FIVE_SOURCES = "完成密云水库、怀柔水库、京密引水渠、永定河门头沟山峡段、房山拒马河等5个区级以上集中式地表水饮用水水源保护区调整划定工作";
    /** miyun-water-ecology-2023 二（三）2.（2）, with 配合单位 区水务局、区生态环境局、密云水库综合执法大队. */
    static final String MIYUN_LEVEL_1 = "禁止在饮用水水源一级保护区内新建、改建、扩建与供水设施和保护水源无关的建设项目";

    static final Atlas DEMO = new AtlasLoader().load(Path.of("gis"));

    /** The demo atlas with its protection zones replaced by one 1 km square per source and level, centred where given. */
    static Atlas atlasWith(String source, int level, double lon, double lat) {
        Layer demoZones = DEMO.layer("protection-zones");
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("nameZh", source + (level == 1 ? "一级" : "二级") + "保护区（测试）");
        props.put("level", level);
        props.put("waterSource", source);
        Geometry square = GeoJson.FACTORY.toGeometry(new Envelope(lon - 0.005, lon + 0.005, lat - 0.005, lat + 0.005));
        Feature zone = new Feature(
                "protection-zones",
                "zone-" + level,
                square,
                props,
                new Provenance(liuyu.atlas.Method.SCHEMATIC, "test", "CC0-1.0", "test", false));
        List<Layer> layers = new ArrayList<>();
        for (Layer l : DEMO.layers()) {
            layers.add(l.id().equals("protection-zones") ? new Layer(demoZones.info(), List.of(zone)) : l);
        }
        return new Atlas("sources-test", "sources test", "1", layers);
    }

    static CheckReport.AuthorityLine line(Atlas atlas, double lon, double lat, String activity, String rule) {
        RuleCatalogue rules = RuleCatalogue.load(Path.of("gis/rules"), atlas);
        CheckReport report = new ProjectChecker(rules)
                .check(
                        atlas,
                        null,
                        new Project("p", GeoJson.FACTORY.createPoint(new Coordinate(lon, lat)), activity, Map.of()),
                        new ProjectChecker.Options(0, 0, LocalDate.of(2025, 6, 1)));
        return report.authorities().stream()
                .filter(a -> a.rule().equals(rule))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no authority line of rule " + rule + " in " + report.authorities()));
    }

    static String districtAt(Atlas atlas, double lon, double lat) {
        return atlas.zones().containing(lon, lat).stream()
                .filter(f -> f.layer().equals("districts"))
                .map(Feature::nameZh)
                .findFirst()
                .orElseThrow();
    }

    /**
     * Level 1: rule source-level-1-unrelated-projects names who approves a water-supply work and who is consulted,
     * rule source-level-1-closed-management who arranges entry. Level 2: rule source-zone-road-safety consults the
     * water authority about a road. Each answer's because names the table row and quotes its clause.
     */
    @ParameterizedTest(name = "{0} level {1} in {4}")
    @CsvSource(delimiter = '|', textBlock = """
        密云水库              | 1 | 116.95 | 40.52 | 密云区 | 密云区水务局 | 密云水库综合执法大队 | miyun-reservoir          | 二（三）2.（2）
        密云水库              | 2 | 116.80 | 40.42 | 密云区 | 密云区水务局 | 密云水库综合执法大队 | miyun-reservoir          | 二（三）2.（2）
        怀柔水库              | 1 | 116.60 | 40.32 | 怀柔区 | 怀柔区水务局 | 怀柔区水务局         | district-surface-sources | 七（二）
        怀柔水库              | 2 | 116.57 | 40.34 | 怀柔区 | 怀柔区水务局 | 怀柔区水务局         | district-surface-sources | 七（二）
        京密引水渠            | 1 | 116.50 | 40.22 | 顺义区 | 北京市水务局 | 北京市水务局         | jingmi-canal             | 七（二）
        京密引水渠            | 2 | 116.62 | 40.28 | 怀柔区 | 北京市水务局 | 北京市水务局         | jingmi-canal             | 七（二）
        永定河门头沟山峡段    | 1 | 115.85 | 39.98 | 门头沟区 | 门头沟区水务局 | 门头沟区水务局   | district-surface-sources | 七（二）
        永定河门头沟山峡段    | 2 | 115.80 | 40.00 | 门头沟区 | 门头沟区水务局 | 门头沟区水务局   | district-surface-sources | 七（二）
        房山拒马河            | 1 | 115.60 | 39.65 | 房山区 | 房山区水务局 | 房山区水务局         | district-surface-sources | 七（二）
        房山拒马河            | 2 | 115.65 | 39.62 | 房山区 | 房山区水务局 | 房山区水务局         | district-surface-sources | 七（二）
        """)
    void eachSourceZoneNamesItsOwnAuthorities(
            String source,
            int level,
            double lon,
            double lat,
            String district,
            String waterAuthority,
            String manager,
            String row,
            String clause) {
        Atlas atlas = atlasWith(source, level, lon, lat);
        assertThat(districtAt(atlas, lon, lat)).as("the zone lies in").isEqualTo(district);
        String quote = source.equals("密云水库") ? MIYUN_LEVEL_1 : FIVE_SOURCES;
        if (level == 1) {
            CheckReport.AuthorityLine works =
                    line(atlas, lon, lat, "water-supply-facility", "source-level-1-unrelated-projects");
            assertThat(works.approves()).startsWith(waterAuthority);
            assertThat(works.consults()).startsWith(manager);
            assertThat(works.because())
                    .allSatisfy(b -> assertThat(b)
                            .contains("row '" + row + "'")
                            .contains(quote)
                            .contains(clause));
            CheckReport.AuthorityLine entry =
                    line(atlas, lon, lat, "tourism-waterfront", "source-level-1-closed-management");
            assertThat(entry.approves()).startsWith(manager);
            assertThat(entry.because())
                    .singleElement()
                    .asString()
                    .contains("zone 'zone-1'")
                    .contains(quote);
        } else {
            CheckReport.AuthorityLine road = line(atlas, lon, lat, "road-or-bridge", "source-zone-road-safety");
            assertThat(road.approves()).isEqualTo("交通主管部门");
            assertThat(road.consults()).startsWith(waterAuthority);
            assertThat(road.because())
                    .anySatisfy(b -> assertThat(b)
                            .startsWith("consults " + waterAuthority)
                            .contains("row '" + row + "'")
                            .contains(quote));
            assertThat(road.because())
                    .anySatisfy(b -> assertThat(b).contains("named by rule 'source-zone-road-safety'"));
        }
        if (!source.equals("密云水库")) {
            CheckReport.AuthorityLine any = level == 1
                    ? line(atlas, lon, lat, "water-supply-facility", "source-level-1-unrelated-projects")
                    : line(atlas, lon, lat, "road-or-bridge", "source-zone-road-safety");
            assertThat(any.approves() + " " + any.consults())
                    .as("only Miyun has the Miyun bodies")
                    .doesNotContain("密云");
        }
    }
}
