package liuyu.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Chinese names, aliases, the CNEMC real-time columns and their units, written out by hand. */
class ParameterNamesAndUnitsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "水温 | water-temperature",
                "pH值 | pH",
                "PH | pH",
                "溶解氧 | DO",
                "dissolved oxygen | DO",
                "高锰酸盐指数 | CODMn",
                "CODmn | CODMn",
                "COD_Mn | CODMn",
                "化学需氧量 | COD",
                "CODCr | COD",
                "COD_Cr | COD",
                "五日生化需氧量 | BOD5",
                "BOD₅ | BOD5",
                "氨氮 | NH3-N",
                "NH3N | NH3-N",
                "NH₃-N | NH3-N",
                "nh3-n | NH3-N",
                "总磷 | TP",
                "total phosphorus | TP",
                "总氮 | TN",
                "铜 | Cu",
                "锌 | Zn",
                "氟化物 | F",
                "硒 | Se",
                "砷 | As",
                "汞 | Hg",
                "镉 | Cd",
                "铬（六价） | Cr6+",
                "六价铬 | Cr6+",
                "Cr(VI) | Cr6+",
                "铅 | Pb",
                "氰化物 | CN",
                "挥发酚 | volatile-phenol",
                "石油类 | petroleum",
                "阴离子表面活性剂 | LAS",
                "硫化物 | sulfide",
                "粪大肠菌群 | fecal-coliform",
                "流量 | flow",
                "电导率 | conductivity",
                "浊度 | turbidity",
                "叶绿素a | chlorophyll-a",
                "叶绿素α | chlorophyll-a",
                "Chl-a | chlorophyll-a",
                "藻密度 | algal-density",
                "ＴＰ | TP",
                "  总磷  | TP"
            })
    void chineseNamesAndAliasesNameTheirParameter(String name, String code) {
        assertThat(Parameter.parse(name)).isNotNull();
        assertThat(Parameter.parse(name).code()).isEqualTo(code);
    }

    @Test
    void unknownNamesAreUnknown() {
        assertThat(Parameter.parse("总铬")).isNull(); // total chromium is not hexavalent chromium
        assertThat(Parameter.parse("叶绿素")).isNull();
        assertThat(Parameter.parse("TPX")).isNull();
    }

    @Test
    void everyCnemcRealTimeColumnIsAParameterAndOnlyTheTable1ItemsAreClassed() {
        // the columns of CNEMC's real-time surface-water page, as headed there
        List<String> columns = List.of("水温", "pH", "溶解氧", "电导率", "浊度", "高锰酸盐指数", "氨氮", "总磷", "总氮", "叶绿素α", "藻密度");
        List<String> classed = List.of("pH", "DO", "CODMn", "NH3-N", "TP", "TN");
        for (String c : columns) {
            Parameter p = Parameter.parse(c);
            assertThat(p).as(c).isNotNull();
            assertThat(p.kind() != Parameter.Kind.NOT_CLASSED).as(c).isEqualTo(classed.contains(p.code()));
        }
        Classifier classifier = new Classifier();
        Assessment a = classifier.classify(
                Waterbody.RIVER,
                Profile.FULL,
                Rounding.RAW,
                List.of(
                        Reading.measurement(Parameter.CONDUCTIVITY, "456.7", "µS/cm", null),
                        Reading.measurement(Parameter.TURBIDITY, "3.2", "NTU", null),
                        Reading.measurement(Parameter.CHLOROPHYLL_A, "0.0023", "mg/L", null),
                        Reading.measurement(Parameter.ALGAL_DENSITY, "1.2E+6", "cells/L", null),
                        Reading.measurement(Parameter.NH3N, "0.4", null, null)));
        assertThat(a.waterClass()).isEqualTo(WaterClass.II);
        assertThat(a.notEvaluated())
                .containsExactly(
                        Parameter.CONDUCTIVITY, Parameter.TURBIDITY, Parameter.CHLOROPHYLL_A, Parameter.ALGAL_DENSITY);
        assertThat(Profile.FULL.evaluated()).hasSize(21);
    }

    @ParameterizedTest(name = "{0} {1} {2} = {3} {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "conductivity  | 456.7  | µS/cm    | 456.7    | µS/cm",
                "conductivity  | 456.7  | μS/cm    | 456.7    | µS/cm",
                "conductivity  | 45.67  | mS/m     | 456.7    | µS/cm",
                "conductivity  | 0.4567 | mS/cm    | 456.7    | µS/cm",
                "turbidity     | 3.2    | NTU      | 3.2      | NTU",
                "chlorophyll-a | 2.3    | µg/L     | 0.0023   | mg/L",
                "chlorophyll-a | 2.3    | mg/m³    | 0.0023   | mg/L",
                "chlorophyll-a | 0.0023 | mg/L     | 0.0023   | mg/L",
                "algal-density | 1.2E+6 | cells/L  | 1200000  | cells/L",
                "algal-density | 1200   | cells/mL | 1200000  | cells/L",
                "algal-density | 120    | 万个/L    | 1200000  | cells/L",
                "water-temperature | 12.3 | ℃      | 12.3     | °C",
                "water-temperature | -0.4 | °C     | -0.4     | °C",
                "fecal-coliform | 23    | MPN/100mL | 230     | 个/L",
                "flow          | 1500   | m3/d     | 1500     | m³/d",
                "TP            | 25     | μg/L     | 0.025    | mg/L",
                "Hg            | 50     | ng/L     | 0.000050 | mg/L"
            })
    void unitsConvertByHand(String parameter, String value, String unit, String expected, String canonical) {
        Parameter p = Parameter.parse(parameter);
        Measurement m = Reading.measurement(p, value, unit, null);
        assertThat(m.value()).isEqualByComparingTo(expected);
        assertThat(p.unit().code()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} in {1} is refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "turbidity | FNU",
                "turbidity | 度",
                "conductivity | mg/L",
                "TP | µS/cm",
                "pH | mg/L",
                "algal-density | mg/L",
                "chlorophyll-a | cells/L"
            })
    void aUnitThatDoesNotFitIsRefusedNamingTheAcceptedOnes(String parameter, String unit) {
        Parameter p = Parameter.parse(parameter);
        assertThatThrownBy(() -> Reading.measurement(p, "1", unit, null))
                .isInstanceOf(Reading.Problem.class)
                .hasMessageContaining("accepted: ")
                .satisfies(e -> assertThat(((Reading.Problem) e).member()).isEqualTo("unit"));
    }

    @Test
    void negativeValuesAreRefusedButForWaterTemperature() {
        assertThatThrownBy(() -> Reading.measurement(Parameter.CONDUCTIVITY, "-1", null, null))
                .isInstanceOf(Reading.Problem.class);
        assertThat(Reading.measurement(Parameter.WATER_TEMPERATURE, "-1.5", null, null)
                        .value())
                .isEqualByComparingTo("-1.5");
    }
}
