package liuyu.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GB 3838-2002 Table 1, limit by limit. The expected limits are typed here a second time from the
 * standard, and the oracle classes with exact decimals: the best class whose limit the value meets.
 */
class ClassifierTableTest {
    private final Classifier classifier = new Classifier();

    /** GB 3838-2002 Table 1 (mg/L; fecal coliform per L), classes I / II / III / IV / V; "*" = lakes and reservoirs. */
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

    private static BigDecimal[] table(Parameter p, Waterbody w) {
        String key = p == Parameter.TP && w == Waterbody.LAKE_RESERVOIR ? "TP*" : p.code();
        String[] parts = TABLE_1.get(key).split(" ");
        BigDecimal[] out = new BigDecimal[5];
        for (int i = 0; i < 5; i++) {
            out[i] = new BigDecimal(parts[i]);
        }
        return out;
    }

    /** The oracle: the best class whose limit the value meets, compared as exact decimals. */
    private static WaterClass oracle(Parameter p, BigDecimal[] limits, BigDecimal v) {
        for (int i = 0; i < 5; i++) {
            int cmp = v.compareTo(limits[i]);
            if (p.kind() == Parameter.Kind.NOT_LOWER_THAN ? cmp >= 0 : cmp <= 0) {
                return WaterClass.values()[i];
            }
        }
        return WaterClass.WORSE_THAN_V;
    }

    static Stream<Arguments> everyLimitAtJustBelowAndJustAbove() {
        List<Arguments> cases = new ArrayList<>();
        for (Waterbody w : List.of(Waterbody.RIVER, Waterbody.LAKE_RESERVOIR)) {
            for (Parameter p : Parameter.values()) {
                if (p.limits(w) == null) {
                    continue;
                }
                for (int i = 0; i < 5; i++) {
                    BigDecimal limit = table(p, w)[i];
                    BigDecimal step = BigDecimal.ONE.movePointLeft(limit.scale() + 1);
                    for (BigDecimal v : List.of(limit.subtract(step), limit, limit.add(step))) {
                        cases.add(Arguments.of(w, p, WaterClass.values()[i], v));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}: class {2} limit, value {3}")
    @MethodSource("everyLimitAtJustBelowAndJustAbove")
    void everyParameterAtJustBelowAndJustAboveEveryLimitGetsTheBestClassWhoseLimitItMeets(
            Waterbody w, Parameter p, WaterClass limitOf, BigDecimal value) {
        WaterClass expected = oracle(p, table(p, w), value);
        assertThat(classifier.classOf(p, w, value.doubleValue())).isEqualTo(expected);
        Assessment a = classifier.classify(
                w, Profile.FULL, Rounding.RAW, List.of(new Measurement(p, value, value.scale(), false)));
        if (Profile.FULL.evaluated().contains(p)) {
            assertThat(a.waterClass()).isEqualTo(expected);
        }
    }

    @Test
    void theLimitsInTheCodeAreTheLimitsOfTable1() {
        for (Waterbody w : List.of(Waterbody.RIVER, Waterbody.LAKE_RESERVOIR)) {
            for (Parameter p : Parameter.values()) {
                if (p.limits(w) != null) {
                    assertThat(p.limits(w)).as(p.code() + " " + w).containsExactly(table(p, w));
                }
            }
        }
        // Table 1 has 24 basic items; then an outfall's flow and four CNEMC real-time columns, recorded but never
        // classed
        assertThat(Parameter.values()).hasSize(29);
        for (Parameter p : List.of(
                Parameter.FLOW,
                Parameter.CONDUCTIVITY,
                Parameter.TURBIDITY,
                Parameter.CHLOROPHYLL_A,
                Parameter.ALGAL_DENSITY)) {
            assertThat(p.kind()).isEqualTo(Parameter.Kind.NOT_CLASSED);
            assertThat(Profile.FULL.evaluated()).doesNotContain(p);
        }
    }

    @ParameterizedTest(name = "{0} {1} = {2} is class {3}")
    @CsvSource({
        "river, COD, 15, I", // I and II share 15: a value at a shared limit takes the better class
        "river, COD, 15.1, III",
        "river, Cu, 1.0, II",
        "river, F, 1.0, I",
        "river, CN, 0.2, III",
        "river, Zn, 1.5, IV",
        "river, TP, 0.05, II",
        "lake-reservoir, TP, 0.05, III", // the same TP is a class worse in a reservoir
        "lake-reservoir, TP, 0.21, worse-than-V",
        "river, TP, 0.21, IV",
        "river, Hg, 0.00005, I",
        "river, Hg, 0.00006, III",
        "river, fecal-coliform, 40001, worse-than-V"
    })
    void sharedLimitsAndLakeLimitsByExample(String waterbody, String parameter, String value, String expected) {
        WaterClass c =
                classifier.classOf(Parameter.parse(parameter), Waterbody.parse(waterbody), Double.parseDouble(value));
        assertThat(c.code()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "pH {0} is class {1}")
    @CsvSource({
        "5.99, worse-than-V",
        "6, I",
        "6.00, I",
        "7.8, I",
        "9, I",
        "9.0, I",
        "9.01, worse-than-V",
        "0, worse-than-V",
        "14, worse-than-V"
    })
    void pHBetween6And9MeetsEveryClassAndOutsideItIsWorseThanV(String value, String expected) {
        for (Waterbody w : List.of(Waterbody.RIVER, Waterbody.LAKE_RESERVOIR)) {
            Assessment a = classifier.classify(
                    w, Profile.REALTIME, Rounding.RAW, List.of(Measurement.of(Parameter.PH, value)));
            assertThat(a.waterClass().code()).isEqualTo(expected);
            // pH inside the range never sets the class; outside it, it does and has no exceedance multiple
            assertThat(a.classSetting()).isEqualTo(expected.equals("I") ? List.of() : List.of(Parameter.PH));
            assertThat(a.factors().get(0).exceedanceMultiple()).isNull();
        }
    }

    @ParameterizedTest(name = "DO {0} is class {1}")
    @CsvSource({
        "9.1, I",
        "7.5, I",
        "7.49, II",
        "6, II",
        "5.99, III",
        "5, III",
        "3, IV",
        "2.99, V",
        "2, V",
        "1.99, worse-than-V",
        "0, worse-than-V"
    })
    void dissolvedOxygenIsNotLowerThanItsLimit(String value, String expected) {
        Assessment a = classifier.classify(
                Waterbody.RIVER, Profile.FULL, Rounding.RAW, List.of(Measurement.of(Parameter.DO, value)));
        assertThat(a.waterClass().code()).isEqualTo(expected);
        assertThat(a.factors().get(0).exceedanceMultiple())
                .as("DO has no exceedance multiple")
                .isNull();
    }

    @Test
    void aSampleTakesTheWorstClassAndNamesTheParametersThatSetItWithTheirMultipleOverClassIII() {
        Assessment a = classifier.classify(
                Waterbody.RIVER,
                Profile.FULL,
                Rounding.RAW,
                List.of(
                        Measurement.of(Parameter.PH, "7.6"), Measurement.of(Parameter.DO, "6.8"),
                        Measurement.of(Parameter.CODMN, "8.0"), Measurement.of(Parameter.NH3N, "1.8"),
                        Measurement.of(Parameter.TP, "0.38"), Measurement.of(Parameter.COD, "18")));
        assertThat(a.waterClass()).isEqualTo(WaterClass.V);
        assertThat(a.classSetting()).containsExactly(Parameter.NH3N, Parameter.TP);
        // (C − S)/S: NH3-N (1.8 − 1.0)/1.0 = 0.80; TP (0.38 − 0.2)/0.2 = 0.90; CODMn (8 − 6)/6 = 0.33
        assertThat(factor(a, Parameter.NH3N).exceedanceMultiple()).isEqualByComparingTo("0.80");
        assertThat(factor(a, Parameter.TP).exceedanceMultiple()).isEqualByComparingTo("0.90");
        assertThat(factor(a, Parameter.CODMN).exceedanceMultiple()).isEqualByComparingTo("0.33");
        assertThat(factor(a, Parameter.COD).exceedanceMultiple()).isNull();
        assertThat(a.missing()).hasSize(15);
    }

    @Test
    void riversAreClassedWithoutWaterTemperatureTotalNitrogenAndFecalColiform() {
        Assessment a = classifier.classify(
                Waterbody.RIVER,
                Profile.FULL,
                Rounding.RAW,
                List.of(
                        Measurement.of(Parameter.CODMN, "3.1"), Measurement.of(Parameter.TN, "6.5"),
                        Measurement.of(Parameter.FECAL_COLIFORM, "90000"),
                                Measurement.of(Parameter.WATER_TEMPERATURE, "31.5")));
        assertThat(a.waterClass()).isEqualTo(WaterClass.II);
        assertThat(a.notEvaluated())
                .containsExactly(Parameter.TN, Parameter.FECAL_COLIFORM, Parameter.WATER_TEMPERATURE);
        assertThat(a.reportedSeparately()).isEmpty();
    }

    @Test
    void reservoirsUseLakeTotalPhosphorusAndReportTotalNitrogenApart() {
        Assessment a = classifier.classify(
                Waterbody.LAKE_RESERVOIR,
                Profile.FULL,
                Rounding.RAW,
                List.of(
                        Measurement.of(Parameter.CODMN, "3.1"),
                        Measurement.of(Parameter.TP, "0.02"),
                        Measurement.of(Parameter.TN, "1.32")));
        assertThat(a.waterClass()).isEqualTo(WaterClass.II);
        assertThat(a.reportedSeparately()).singleElement().satisfies(tn -> {
            assertThat(tn.parameter()).isEqualTo(Parameter.TN);
            assertThat(tn.waterClass()).isEqualTo(WaterClass.IV);
            assertThat(tn.exceedanceMultiple()).isEqualByComparingTo("0.32");
        });
    }

    @Test
    void theRealtimeProfileClassesOnlyPhDoCodmnAmmoniaAndPhosphorusAndSkipsMissingValues() {
        Assessment a = classifier.classify(
                Waterbody.RIVER,
                Profile.REALTIME,
                Rounding.RAW,
                List.of(
                        Measurement.of(Parameter.PH, "7.9"), Measurement.of(Parameter.CODMN, "4.5"),
                        Measurement.of(Parameter.COD, "35"), Measurement.of(Parameter.TP, "0.09")));
        assertThat(a.profile()).isEqualTo(Profile.REALTIME);
        assertThat(a.waterClass()).isEqualTo(WaterClass.III);
        assertThat(a.classSetting()).containsExactly(Parameter.CODMN);
        assertThat(a.notEvaluated()).containsExactly(Parameter.COD);
        assertThat(a.missing()).containsExactly(Parameter.DO, Parameter.NH3N);
        assertThat(a.notes()).anyMatch(n -> n.contains("3 of 5"));
    }

    @Test
    void roundingHalfToEvenToTheReportedDecimalsHappensBeforeClassing() {
        // reservoir TP 0.0251 reported to 3 decimals: raw it exceeds class II's 0.025, rounded it is 0.025
        Measurement tp = new Measurement(Parameter.TP, new BigDecimal("0.0251"), 3, false);
        assertThat(classifier
                        .classify(Waterbody.LAKE_RESERVOIR, Profile.REALTIME, Rounding.RAW, List.of(tp))
                        .waterClass())
                .isEqualTo(WaterClass.III);
        Assessment rounded =
                classifier.classify(Waterbody.LAKE_RESERVOIR, Profile.REALTIME, Rounding.REPORTED, List.of(tp));
        assertThat(rounded.waterClass()).isEqualTo(WaterClass.II);
        assertThat(rounded.rounding()).isEqualTo(Rounding.REPORTED);
        assertThat(rounded.factors().get(0).value()).isEqualByComparingTo("0.025");
        // half to even: 0.0255 → 0.026 (class III), 0.0245 → 0.024 (class II)
        assertThat(classifier
                        .classify(
                                Waterbody.LAKE_RESERVOIR,
                                Profile.REALTIME,
                                Rounding.REPORTED,
                                List.of(new Measurement(Parameter.TP, new BigDecimal("0.0255"), 3, false)))
                        .waterClass())
                .isEqualTo(WaterClass.III);
        assertThat(classifier
                        .classify(
                                Waterbody.LAKE_RESERVOIR,
                                Profile.REALTIME,
                                Rounding.REPORTED,
                                List.of(new Measurement(Parameter.TP, new BigDecimal("0.0245"), 3, false)))
                        .factors()
                        .get(0)
                        .value())
                .isEqualByComparingTo("0.024");
    }

    @Test
    void aValueBelowTheDetectionLimitIsClassedAtTheLimitAsAnUpperBoundWithoutAMultiple() {
        // Hg below a 0.00004 limit: class I; a coarse method (< 0.0002) can only say "no worse than IV"
        Assessment fine = classifier.classify(
                Waterbody.RIVER,
                Profile.FULL,
                Rounding.RAW,
                List.of(new Measurement(Parameter.HG, new BigDecimal("0.00004"), 5, true)));
        assertThat(fine.waterClass()).isEqualTo(WaterClass.I);
        Assessment coarse = classifier.classify(
                Waterbody.RIVER,
                Profile.FULL,
                Rounding.RAW,
                List.of(new Measurement(Parameter.HG, new BigDecimal("0.0002"), 4, true)));
        assertThat(coarse.waterClass()).isEqualTo(WaterClass.IV);
        assertThat(coarse.factors().get(0).belowDetectionLimit()).isTrue();
        assertThat(coarse.factors().get(0).exceedanceMultiple()).isNull();
        assertThat(coarse.notes()).anyMatch(n -> n.contains("upper bound"));
    }

    @Test
    void dissolvedOxygenAndPhAreNeverReportedBelowADetectionLimit() {
        assertThatThrownBy(() -> new Measurement(Parameter.DO, new BigDecimal("0.2"), 1, true))
                .hasMessageContaining("DO is not reported as below a detection limit");
        assertThatThrownBy(() -> new Measurement(Parameter.PH, new BigDecimal("15"), 0, false))
                .hasMessageContaining("pH must be within [0, 14]");
        assertThatThrownBy(() -> Measurement.of(Parameter.TP, "-0.1")).hasMessageContaining("cannot be negative");
    }

    @Test
    void aPeriodMeanCountsValuesBelowTheDetectionLimitAsHalfTheLimit() {
        Measurement mean = Measurement.mean(List.of(
                Measurement.of(Parameter.NH3N, "0.30"),
                new Measurement(Parameter.NH3N, new BigDecimal("0.025"), 3, true),
                Measurement.of(Parameter.NH3N, "0.50")));
        // (0.30 + 0.0125 + 0.50) / 3 = 0.2708333…, reported decimals 3
        assertThat(mean.value()).isEqualByComparingTo("0.2708333333333333");
        assertThat(mean.decimals()).isEqualTo(3);
        Measurement allBelow = Measurement.mean(List.of(
                new Measurement(Parameter.CD, new BigDecimal("0.0005"), 4, true),
                new Measurement(Parameter.CD, new BigDecimal("0.001"), 3, true)));
        assertThat(allBelow.belowDetectionLimit()).isTrue();
        assertThat(allBelow.value()).isEqualByComparingTo("0.001");
    }

    @Test
    void noEvaluatedParameterMeansNoClassAndSaysSo() {
        Assessment a = classifier.classify(
                Waterbody.RIVER, Profile.REALTIME, Rounding.RAW, List.of(Measurement.of(Parameter.TN, "2")));
        assertThat(a.waterClass()).isNull();
        assertThat(a.notes()).anyMatch(n -> n.contains("no value of the realtime profile to class"));
    }

    @Test
    void randomSamplesGetTheWorstOracleClassOverTheProfile() {
        java.util.Random random = new java.util.Random(3838);
        for (int n = 0; n < 20_000; n++) {
            Waterbody w = Waterbody.values()[random.nextInt(2)];
            List<Measurement> sample = new ArrayList<>();
            WaterClass worst = null;
            for (Parameter p : Profile.FULL.evaluated()) {
                if (random.nextInt(4) == 0) {
                    continue; // some parameters missing
                }
                BigDecimal v;
                WaterClass expected;
                if (p == Parameter.PH) {
                    v = BigDecimal.valueOf(400 + random.nextInt(700), 2);
                    expected = v.compareTo(new BigDecimal("6")) >= 0 && v.compareTo(new BigDecimal("9")) <= 0
                            ? WaterClass.I
                            : WaterClass.WORSE_THAN_V;
                } else {
                    BigDecimal[] l = table(p, w);
                    int scale = l[0].scale() + 3;
                    BigDecimal top = l[4].multiply(new BigDecimal("1.5"));
                    v = top.multiply(BigDecimal.valueOf(random.nextInt(1001), 3))
                            .setScale(scale, java.math.RoundingMode.DOWN);
                    expected = oracle(p, l, v);
                }
                sample.add(new Measurement(p, v, v.scale(), false));
                worst = worst == null || expected.worseThan(worst) ? expected : worst;
            }
            assertThat(classifier
                            .classify(w, Profile.FULL, Rounding.RAW, sample)
                            .waterClass())
                    .isEqualTo(worst);
        }
    }

    private static Assessment.Factor factor(Assessment a, Parameter p) {
        return a.factors().stream().filter(f -> f.parameter() == p).findFirst().orElseThrow();
    }
}
