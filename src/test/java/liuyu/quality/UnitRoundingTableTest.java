package liuyu.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Units × decimals × rounding, parameter by parameter. The rule under test: a reported value is
 * rounded half-to-even (GB/T 8170) to its decimals in the unit it was reported in, then converted.
 * The oracle is written here: the GB 3838-2002 Table 1 limits typed a second time, the units' factors
 * typed by hand, rounding done in the reported unit before multiplying by the factor.
 */
class UnitRoundingTableTest {
    private final Classifier classifier = new Classifier();

    /** GB 3838-2002 Table 1, classes I..V (mg/L; fecal coliform per L); "TP*" = lakes and reservoirs. */
    private static final Map<String, String> TABLE_1 = Map.ofEntries(
            Map.entry("DO", "7.5 6 5 3 2"),
            Map.entry("CODMn", "2 4 6 10 15"),
            Map.entry("COD", "15 15 20 30 40"),
            Map.entry("BOD5", "3 3 4 6 10"),
            Map.entry("NH3-N", "0.15 0.5 1.0 1.5 2.0"),
            Map.entry("TP", "0.02 0.1 0.2 0.3 0.4"),
            Map.entry("TP*", "0.01 0.025 0.05 0.1 0.2"),
            Map.entry("TN", "0.2 0.5 1.0 1.5 2.0"),
            Map.entry("Cu", "0.01 1.0 1.0 1.0 1.0"),
            Map.entry("Zn", "0.05 1.0 1.0 2.0 2.0"),
            Map.entry("F", "1.0 1.0 1.0 1.5 1.5"),
            Map.entry("Se", "0.01 0.01 0.01 0.02 0.02"),
            Map.entry("As", "0.05 0.05 0.05 0.1 0.1"),
            Map.entry("Hg", "0.00005 0.00005 0.0001 0.001 0.001"),
            Map.entry("Cd", "0.001 0.005 0.005 0.005 0.01"),
            Map.entry("Cr6+", "0.01 0.05 0.05 0.05 0.1"),
            Map.entry("Pb", "0.01 0.01 0.05 0.05 0.1"),
            Map.entry("CN", "0.005 0.05 0.2 0.2 0.2"),
            Map.entry("volatile-phenol", "0.002 0.002 0.005 0.01 0.1"),
            Map.entry("petroleum", "0.05 0.05 0.05 0.5 1.0"),
            Map.entry("LAS", "0.2 0.2 0.2 0.3 0.3"),
            Map.entry("sulfide", "0.05 0.1 0.2 0.5 1.0"),
            Map.entry("fecal-coliform", "200 2000 10000 20000 40000"));

    /** Units by hand: spelling → how many canonical units one reported unit is. */
    private static final Map<String, String> MASS = Map.of(
            "mg/L",
            "1",
            "mg/l",
            "1",
            "µg/L",
            "0.001",
            "μg/L",
            "0.001",
            "ug/L",
            "0.001",
            "mg/m³",
            "0.001",
            "mg/m3",
            "0.001",
            "ng/L",
            "0.000001");

    private static final Map<String, String> COUNT =
            Map.of("个/L", "1", "MPN/L", "1", "CFU/L", "1", "个/100mL", "10", "MPN/100mL", "10", "CFU/100 mL", "10");
    private static final Map<String, String> PH = Map.of("", "1", "无量纲", "1", "dimensionless", "1");
    private static final Map<String, String> TEMPERATURE = Map.of("°C", "1", "℃", "1");

    private static Map<String, String> units(Parameter p) {
        return switch (p) {
            case PH -> PH;
            case FECAL_COLIFORM -> COUNT;
            case WATER_TEMPERATURE -> TEMPERATURE;
            default -> MASS;
        };
    }

    private static WaterClass oracle(Parameter p, Waterbody w, BigDecimal canonical) {
        if (p == Parameter.PH) {
            return canonical.compareTo(new BigDecimal("6")) >= 0 && canonical.compareTo(new BigDecimal("9")) <= 0
                    ? WaterClass.I
                    : WaterClass.WORSE_THAN_V;
        }
        String[] limits = TABLE_1.get(p == Parameter.TP && w == Waterbody.LAKE_RESERVOIR ? "TP*" : p.code())
                .split(" ");
        for (int i = 0; i < 5; i++) {
            int cmp = canonical.compareTo(new BigDecimal(limits[i]));
            if (p == Parameter.DO ? cmp >= 0 : cmp <= 0) {
                return WaterClass.values()[i];
            }
        }
        return WaterClass.WORSE_THAN_V;
    }

    /** Points to test in canonical units: every limit of the parameter (pH: 6 and 9; water temperature: 20 °C). */
    private static List<BigDecimal> anchors(Parameter p, Waterbody w) {
        List<BigDecimal> out = new ArrayList<>();
        switch (p) {
            case PH -> out.addAll(List.of(new BigDecimal("6"), new BigDecimal("9")));
            case WATER_TEMPERATURE -> out.add(new BigDecimal("20"));
            default -> {
                for (String l : TABLE_1.get(p == Parameter.TP && w == Waterbody.LAKE_RESERVOIR ? "TP*" : p.code())
                        .split(" ")) {
                    out.add(new BigDecimal(l));
                }
            }
        }
        return out;
    }

    @Test
    void everyParameterInEveryUnitAtEveryDecimalsIsRoundedInItsReportedUnitThenConvertedThenClassed() {
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        for (Waterbody w : List.of(Waterbody.RIVER, Waterbody.LAKE_RESERVOIR)) {
            for (Parameter p : List.of(Parameter.values())) {
                if (p.kind() == Parameter.Kind.NOT_CLASSED && p != Parameter.WATER_TEMPERATURE) {
                    continue; // flow and the unclassed CNEMC columns are tested in their own table
                }
                for (Map.Entry<String, String> unit : units(p).entrySet()) {
                    BigDecimal factor = new BigDecimal(unit.getValue());
                    for (BigDecimal anchor : anchors(p, w)) {
                        BigDecimal inUnit = anchor.divide(factor); // exact: the factors are powers of ten
                        for (int d = 0; d <= 4; d++) {
                            for (int k : new int[] {-6, -5, -4, 0, 4, 5, 6}) {
                                BigDecimal reported =
                                        inUnit.add(BigDecimal.valueOf(k).movePointLeft(d + 1));
                                if (reported.signum() < 0) {
                                    continue;
                                }
                                cases++;
                                String text = reported.toPlainString();
                                Measurement m = Reading.measurement(p, text, unit.getKey(), d);
                                BigDecimal roundedThenConverted = reported.setScale(d, RoundingMode.HALF_EVEN)
                                        .multiply(factor);
                                BigDecimal raw = reported.multiply(factor);
                                check(wrong, p, w, Rounding.REPORTED, m, text, unit.getKey(), d, roundedThenConverted);
                                check(wrong, p, w, Rounding.RAW, m, text, unit.getKey(), d, raw);
                            }
                        }
                    }
                }
            }
        }
        assertThat(cases).isGreaterThan(20_000);
        assertThat(wrong).isEmpty();
    }

    private void check(
            List<String> wrong,
            Parameter p,
            Waterbody w,
            Rounding r,
            Measurement m,
            String text,
            String unit,
            int d,
            BigDecimal expectedValue) {
        Assessment.Factor f = classifier.factor(m, w, r);
        WaterClass expected = p == Parameter.WATER_TEMPERATURE ? null : oracle(p, w, expectedValue);
        WaterClass got = f.waterClass();
        if (got != expected || f.value().compareTo(expectedValue) != 0 || f.parameter() != p) {
            wrong.add(p.code() + " " + w.code() + " " + r.code() + " " + text + " " + unit + " decimals " + d
                    + ": expected " + expected + " at " + expectedValue.toPlainString() + ", got " + got + " at "
                    + f.value().toPlainString());
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} to {4} decimals, {5}: {6} mg/L, class {7}")
    @CsvSource(
            delimiter = '|',
            value = {
                // the examples: TP 25.4 µg/L reported to whole µg/L is 25 µg/L = 0.025 mg/L
                "reservoir | TP     | 25.4    | µg/L      | 0 | reported | 0.025    | II",
                "reservoir | TP     | 25.4    | µg/L      | 0 | raw      | 0.0254   | III",
                "lake      | TP     | 60      | µg/L      | 0 | reported | 0.060    | IV",
                "river     | TP     | 25.4    | µg/L      | 0 | reported | 0.025    | II",
                "river     | NH3-N  | 150.4   | µg/L      | 0 | reported | 0.150    | I",
                "river     | NH3-N  | 150.6   | µg/L      | 0 | reported | 0.151    | II",
                "river     | NH3-N  | 0.1505  | mg/L      | 3 | reported | 0.150    | I", // 5 after an even digit: down
                "river     | NH3-N  | 0.1515  | mg/L      | 3 | reported | 0.152    | II", // 5 after an odd digit: up
                "river     | DO     | 7.45    | mg/L      | 1 | reported | 7.4      | II",
                "river     | DO     | 7.55    | mg/L      | 1 | reported | 7.6      | I",
                "river     | fecal-coliform | 20.4 | MPN/100mL | 0 | reported | 200 | I",
                "river     | fecal-coliform | 20.6 | MPN/100mL | 0 | reported | 210 | II",
                "river     | Hg     | 0.05    | µg/L      | 2 | reported | 0.00005  | I",
                "river     | Hg     | 50.4    | ng/L      | 0 | reported | 0.000050 | I",
                "river     | Hg     | 50.6    | ng/L      | 0 | reported | 0.000051 | III",
                "river     | CODMn  | 6.05    | mg/L      | 1 | reported | 6.0      | III",
                "river     | CODMn  | 6.15    | mg/L      | 1 | reported | 6.2      | IV",
                "river     | pH     | 9.004   | 无量纲     | 2 | reported | 9.00     | I",
                "river     | pH     | 9.006   | 无量纲     | 2 | reported | 9.01     | worse-than-V",
                "river     | TP     | 25.1    | mg/m³     | 0 | reported | 0.025    | II", // mg/m³ is µg/L
            })
    void byHand(
            String waterbody,
            String parameter,
            String value,
            String unit,
            int decimals,
            String rounding,
            String expectedMgPerL,
            String expectedClass) {
        Parameter p = Parameter.parse(parameter);
        Assessment.Factor f = classifier.factor(
                Reading.measurement(p, value, unit, decimals), Waterbody.parse(waterbody), Rounding.parse(rounding));
        assertThat(f.parameter()).isEqualTo(p);
        assertThat(f.value()).isEqualByComparingTo(expectedMgPerL);
        assertThat(f.waterClass().code()).isEqualTo(expectedClass);
    }

    @Test
    void theReportedDecimalsAreCountedInTheReportedUnit() {
        Measurement m = Reading.measurement(Parameter.TP, "25.4", "µg/L", 0);
        assertThat(m.value()).isEqualByComparingTo("0.0254");
        assertThat(m.decimals()).isEqualTo(3);
        // without an explicit count, the decimals are those the number is written with
        assertThat(Reading.measurement(Parameter.TP, "25.40", "µg/L", null).decimals())
                .isEqualTo(5);
        assertThat(Reading.measurement(Parameter.FECAL_COLIFORM, "20", "MPN/100mL", null)
                        .decimals())
                .isEqualTo(-1);
    }
}
