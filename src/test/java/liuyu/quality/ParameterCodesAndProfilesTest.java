package liuyu.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parameter as stored and answered: its code (read back by {@link Parameter#ofCode}), its kind of limit and its
 * canonical unit, written out by hand from GB 3838-2002 Table 1 (项目, 分类 and 单位 columns) and the CNEMC real-time
 * columns; and which items each profile classes, from 环办〔2011〕22号 as quoted in {@link Profile}.
 */
class ParameterCodesAndProfilesTest {

    @ParameterizedTest(name = "{0}: {2}, {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                // Table 1 item 1: 人为造成的环境水温变化应限制在… — a limit on change, not a class
                "water-temperature | WATER_TEMPERATURE | NOT_CLASSED     | °C",
                "pH                | PH                | RANGE           | dimensionless",
                "DO                | DO                | NOT_LOWER_THAN  | mg/L",
                "CODMn             | CODMN             | NOT_HIGHER_THAN | mg/L",
                "COD               | COD               | NOT_HIGHER_THAN | mg/L",
                "BOD5              | BOD5              | NOT_HIGHER_THAN | mg/L",
                "NH3-N             | NH3N              | NOT_HIGHER_THAN | mg/L",
                "TP                | TP                | NOT_HIGHER_THAN | mg/L",
                "TN                | TN                | NOT_HIGHER_THAN | mg/L",
                "Cu                | CU                | NOT_HIGHER_THAN | mg/L",
                "Zn                | ZN                | NOT_HIGHER_THAN | mg/L",
                "F                 | F                 | NOT_HIGHER_THAN | mg/L",
                "Se                | SE                | NOT_HIGHER_THAN | mg/L",
                "As                | AS                | NOT_HIGHER_THAN | mg/L",
                "Hg                | HG                | NOT_HIGHER_THAN | mg/L",
                "Cd                | CD                | NOT_HIGHER_THAN | mg/L",
                "Cr6+              | CR6               | NOT_HIGHER_THAN | mg/L",
                "Pb                | PB                | NOT_HIGHER_THAN | mg/L",
                "CN                | CN                | NOT_HIGHER_THAN | mg/L",
                "volatile-phenol   | VOLATILE_PHENOL   | NOT_HIGHER_THAN | mg/L",
                "petroleum         | PETROLEUM         | NOT_HIGHER_THAN | mg/L",
                "LAS               | LAS               | NOT_HIGHER_THAN | mg/L",
                "sulfide           | SULFIDE           | NOT_HIGHER_THAN | mg/L",
                "fecal-coliform    | FECAL_COLIFORM    | NOT_HIGHER_THAN | 个/L",
                // not Table 1 items: an outfall's discharge and the other CNEMC real-time columns
                "flow              | FLOW              | NOT_CLASSED     | m³/d",
                "conductivity      | CONDUCTIVITY      | NOT_CLASSED     | µS/cm",
                "turbidity         | TURBIDITY         | NOT_CLASSED     | NTU",
                "chlorophyll-a     | CHLOROPHYLL_A     | NOT_CLASSED     | mg/L",
                "algal-density     | ALGAL_DENSITY     | NOT_CLASSED     | cells/L"
            })
    void aStoredCodeReadsBackAsItsParameterWithItsKindOfLimitAndItsUnit(
            String code, Parameter expected, Parameter.Kind kind, String unit) {
        Parameter p = Parameter.ofCode(code);
        assertThat(p).isEqualTo(expected);
        assertThat(p.code()).isEqualTo(code);
        assertThat(p.kind()).isEqualTo(kind);
        assertThat(p.unit().code()).isEqualTo(unit);
    }

    @Test
    void theTableAboveNamesEveryParameter() {
        // 24 basic items of Table 1, flow, and four CNEMC real-time columns: a new parameter needs a row above
        assertThat(Parameter.values()).hasSize(29);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"nh3-n", "NH3N", "氨氮", "ammonia nitrogen", "CODCr", " TP", "TP ", "cr6+", "", "flows"})
    void aNameThatIsNotExactlyACodeIsRefusedWhereCodesAreRead(String text) {
        // names and aliases are read at the edge (Parameter.parse); what is stored is the code, exactly
        assertThatThrownBy(() -> Parameter.ofCode(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no parameter has the code '" + text + "'; codes: water-temperature, pH, DO,");
    }

    @Test
    void noCodeAtAllIsRefusedToo() {
        assertThatThrownBy(() -> Parameter.ofCode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFullProfileClassesTheTwentyOneItemsAndTheRealtimeProfilesTheFiveOfTheAutomaticStations() {
        // 环办〔2011〕22号: the Table 1 basic items except water temperature, TN and fecal coliform
        Set<Parameter> full = EnumSet.of(
                Parameter.PH,
                Parameter.DO,
                Parameter.CODMN,
                Parameter.COD,
                Parameter.BOD5,
                Parameter.NH3N,
                Parameter.TP,
                Parameter.CU,
                Parameter.ZN,
                Parameter.F,
                Parameter.SE,
                Parameter.AS,
                Parameter.HG,
                Parameter.CD,
                Parameter.CR6,
                Parameter.PB,
                Parameter.CN,
                Parameter.VOLATILE_PHENOL,
                Parameter.PETROLEUM,
                Parameter.LAS,
                Parameter.SULFIDE);
        assertThat(Profile.FULL.evaluated()).containsExactlyInAnyOrderElementsOf(full);
        Set<Parameter> five = EnumSet.of(Parameter.PH, Parameter.DO, Parameter.CODMN, Parameter.NH3N, Parameter.TP);
        assertThat(Profile.REALTIME.evaluated()).containsExactlyInAnyOrderElementsOf(five);
        assertThat(Profile.CNEMC_REALTIME.evaluated()).containsExactlyInAnyOrderElementsOf(five);
        // TN: classed beside the class in lakes and reservoirs only
        assertThat(Profile.FULL.separate(Waterbody.LAKE_RESERVOIR)).containsExactly(Parameter.TN);
        assertThat(Profile.FULL.separate(Waterbody.RIVER)).isEmpty();
    }

    @Test
    void aTypedParameterIsAnsweredAsItsCodeAsTheStringWasBefore() {
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.writeValueAsString(Parameter.CR6)).isEqualTo("\"Cr6+\"");
        JsonNode excluded = json.valueToTree(new SectionQuality.Excluded("o-1", Parameter.NH3N, null, "pump failure"));
        assertThat(excluded.get("parameter").asString()).isEqualTo("NH3-N");
        JsonNode missing = json.valueToTree(new SectionQuality.Missing("o-2", Parameter.FECAL_COLIFORM, null, "--"));
        assertThat(missing.get("parameter").asString()).isEqualTo("fecal-coliform");
    }
}
