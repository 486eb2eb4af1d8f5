package liuyu.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quality feature's value types on their own, every expectation written here by hand: the class names
 * of GB 3838-2002 (Ⅰ类…Ⅴ类, 劣Ⅴ类 below Ⅴ), Beijing-time months and years as instants, what makes a
 * measurement, the period mean with values below the detection limit counted as half of it, and the spellings
 * of water bodies and rounding modes the API accepts.
 */
class QualityValueTypesTest {

    @ParameterizedTest
    @CsvSource({
        "I, I",
        "Ⅰ类, I",
        "II, II",
        "Ⅱ, II",
        "III, III",
        "Ⅲ类, III",
        " IV , IV",
        "Ⅳ类, IV",
        "V, V",
        "Ⅴ类, V",
        "worse-than-V, WORSE_THAN_V",
        "劣V, WORSE_THAN_V",
        "劣Ⅴ类, WORSE_THAN_V"
    })
    void waterClassesAreReadInRomanAndChineseSpellings(String text, WaterClass expected) {
        assertThat(WaterClass.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "VI", "iii", "3", "WORSE_THAN_V", "劣", "类"})
    void anythingElseIsNoWaterClass(String text) {
        assertThat(WaterClass.parse(text)).isNull();
    }

    @Test
    void waterClassesRunFromBestToWorstWithTheirCodesAndChineseNames() {
        assertThat(WaterClass.values())
                .containsExactly(
                        WaterClass.I,
                        WaterClass.II,
                        WaterClass.III,
                        WaterClass.IV,
                        WaterClass.V,
                        WaterClass.WORSE_THAN_V);
        assertThat(List.of(WaterClass.values()).stream().map(WaterClass::code))
                .containsExactly("I", "II", "III", "IV", "V", "worse-than-V");
        assertThat(List.of(WaterClass.values()).stream().map(WaterClass::nameZh))
                .containsExactly("Ⅰ类", "Ⅱ类", "Ⅲ类", "Ⅳ类", "Ⅴ类", "劣Ⅴ类");
        assertThat(WaterClass.IV.worseThan(WaterClass.III)).isTrue();
        assertThat(WaterClass.III.worseThan(WaterClass.III)).isFalse();
        assertThat(WaterClass.I.worseThan(WaterClass.WORSE_THAN_V)).isFalse();
        assertThat(WaterClass.WORSE_THAN_V.worseThan(WaterClass.V)).isTrue();
        assertThat(WaterClass.ofIndex(0)).isEqualTo(WaterClass.I);
        assertThat(WaterClass.ofIndex(5)).isEqualTo(WaterClass.WORSE_THAN_V);
    }

    /** Beijing is UTC+8 all year (no daylight saving): a Beijing month starts at 16:00 UTC on the day before. */
    @ParameterizedTest
    @CsvSource({
        "2025-06, 2025-05-31T16:00:00Z, 2025-06-30T16:00:00Z, true",
        "2024-02, 2024-01-31T16:00:00Z, 2024-02-29T16:00:00Z, true",
        "2025-12, 2025-11-30T16:00:00Z, 2025-12-31T16:00:00Z, true",
        "2024, 2023-12-31T16:00:00Z, 2024-12-31T16:00:00Z, false",
        "' 2025 ', 2024-12-31T16:00:00Z, 2025-12-31T16:00:00Z, false"
    })
    void periodsAreBeijingMonthsAndYearsAsHalfOpenIntervals(String text, String from, String to, boolean month) {
        Period p = Period.parse(text);
        assertThat(p.text()).isEqualTo(text.trim());
        assertThat(p.from()).isEqualTo(Instant.parse(from));
        assertThat(p.to()).isEqualTo(Instant.parse(to));
        assertThat(p.isMonth()).isEqualTo(month);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "2025-13", "2025-00", "2025-6", "25-06", "2025/06", "202506", "2025-06-01", "二〇二五"})
    void anythingButYyyyMmOrYyyyIsNoPeriod(String text) {
        assertThat(Period.parse(text)).isNull();
    }

    @Test
    void thePeriodBeforeAJanuaryIsTheDecemberOfThePreviousYear() {
        assertThat(Period.parse("2025-01").previous()).isEqualTo(Period.month(YearMonth.of(2024, 12)));
        assertThat(Period.parse("2025-01").previous().text()).isEqualTo("2024-12");
        assertThat(Period.parse("2025").previous()).isEqualTo(Period.year(2024));
        assertThat(Period.parse("2025-03").previous().to()).isEqualTo(Instant.parse("2025-02-28T16:00:00Z"));
    }

    @Test
    void aValueAsWrittenKeepsTheDecimalsItWasWrittenWith() {
        assertThat(Measurement.of(Parameter.TP, "0.020"))
                .isEqualTo(new Measurement(Parameter.TP, new BigDecimal("0.020"), 3, false));
        assertThat(Measurement.of(Parameter.COD, "15"))
                .isEqualTo(new Measurement(Parameter.COD, new BigDecimal("15"), 0, false));
        assertThat(Measurement.of(Parameter.FECAL_COLIFORM, "2E+3").decimals())
                .as("no negative decimals from the text")
                .isZero();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "TP    | -0.01 | 2   | false | TP cannot be negative, got -0.01",
                "pH    | 14.1  | 1   | false | pH must be within [0, 14], got 14.1",
                "COD   | 15    | 31  | false | decimals must be within [-10, 30] in mg/L, got 31",
                "COD   | 15    | -11 | false | decimals must be within [-10, 30] in mg/L, got -11",
                "DO    | 2     | 0   | true  | DO is not reported as below a detection limit",
                "pH    | 2     | 0   | true  | pH is not reported as below a detection limit",
                "NH3-N | 0     | 2   | true  | the detection limit of NH3-N must be positive"
            })
    void whatMakesNoMeasurementIsSaidByName(
            String parameter, String value, int decimals, boolean below, String problem) {
        Parameter p = Parameter.parse(parameter);
        assertThat(Measurement.problem(p, new BigDecimal(value), decimals, below))
                .isEqualTo(problem);
        assertThatThrownBy(() -> new Measurement(p, new BigDecimal(value), decimals, below))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(problem);
    }

    @Test
    void theLimitsOfAMeasurementAreThemselvesMeasurements() {
        assertThat(Measurement.problem(Parameter.WATER_TEMPERATURE, new BigDecimal("-0.5"), 1, false))
                .as("water below 0 °C")
                .isNull();
        assertThat(Measurement.problem(Parameter.PH, new BigDecimal("14"), 0, false))
                .isNull();
        assertThat(Measurement.problem(Parameter.COD, new BigDecimal("15"), 30, false))
                .isNull();
        assertThat(Measurement.problem(Parameter.COD, new BigDecimal("15"), -10, false))
                .isNull();
        assertThat(Measurement.problem(Parameter.TP, new BigDecimal("0.01"), 2, true))
                .isNull();
        assertThat(Measurement.problem(null, BigDecimal.ONE, 0, false)).isEqualTo("parameter and value are required");
        assertThat(Measurement.problem(Parameter.TP, null, 0, false)).isEqualTo("parameter and value are required");
    }

    @Test
    void aPeriodMeanCountsAValueBelowTheDetectionLimitAsHalfOfIt() {
        // (0.10 + 0.02/2 + 0.06) / 3 = 0.17 / 3 = 0.05666… (16 significant digits), at the finest precision given (3)
        Measurement mean = Measurement.mean(List.of(
                Measurement.of(Parameter.TP, "0.10"),
                new Measurement(Parameter.TP, new BigDecimal("0.02"), 2, true),
                Measurement.of(Parameter.TP, "0.060")));
        assertThat(mean).isEqualTo(new Measurement(Parameter.TP, new BigDecimal("0.05666666666666667"), 3, false));
    }

    @Test
    void whenEveryValueIsBelowItsDetectionLimitTheMeanIsBelowTheLargestLimit() {
        Measurement mean = Measurement.mean(List.of(
                new Measurement(Parameter.NH3N, new BigDecimal("0.025"), 3, true),
                new Measurement(Parameter.NH3N, new BigDecimal("0.05"), 2, true)));
        assertThat(mean).isEqualTo(new Measurement(Parameter.NH3N, new BigDecimal("0.05"), 3, true));
    }

    @Test
    void aWholeMeanIsWrittenPlainlyAndDifferentParametersAreNeverAveraged() {
        Measurement mean =
                Measurement.mean(List.of(Measurement.of(Parameter.COD, "10"), Measurement.of(Parameter.COD, "30")));
        assertThat(mean.value().toString()).isEqualTo("20");
        assertThatThrownBy(() -> Measurement.mean(
                        List.of(Measurement.of(Parameter.COD, "10"), Measurement.of(Parameter.TP, "0.1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot average TP with COD");
        assertThatThrownBy(() -> Measurement.mean(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no values to average");
    }

    @ParameterizedTest
    @CsvSource({
        "river, RIVER",
        "河流, RIVER",
        "lake, LAKE_RESERVOIR",
        "reservoir, LAKE_RESERVOIR",
        "lake-reservoir, LAKE_RESERVOIR",
        "湖泊, LAKE_RESERVOIR",
        "水库, LAKE_RESERVOIR",
        "湖库, LAKE_RESERVOIR",
        "unknown, UNKNOWN",
        "未知, UNKNOWN",
        "' river ', RIVER"
    })
    void waterBodiesAreReadInEnglishAndChinese(String text, Waterbody expected) {
        assertThat(Waterbody.parse(text)).isEqualTo(expected);
    }

    @Test
    void otherWaterBodiesAndRoundingModesAreUnknownAndTheCodesAreStable() {
        assertThat(Waterbody.parse("River")).isNull();
        assertThat(Waterbody.parse("sea")).isNull();
        assertThat(Waterbody.parse(null)).isNull();
        assertThat(Waterbody.LAKE_RESERVOIR.code()).isEqualTo("lake-reservoir");
        assertThat(Rounding.parse("raw")).isEqualTo(Rounding.RAW);
        assertThat(Rounding.parse("reported")).isEqualTo(Rounding.REPORTED);
        assertThat(Rounding.parse("displayed")).isEqualTo(Rounding.DISPLAYED);
        assertThat(Rounding.parse("REPORTED")).isNull();
        assertThat(List.of(Rounding.values()).stream().map(Rounding::code))
                .containsExactly("raw", "reported", "displayed");
        assertThat(Rounding.parse(null)).isNull();
    }
}
