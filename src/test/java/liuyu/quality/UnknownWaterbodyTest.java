package liuyu.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A sample from water of unknown type is classed under river and lake/reservoir limits; classes by hand from Table 1. */
class UnknownWaterbodyTest {
    private final Classifier classifier = new Classifier();

    private Assessment unknown(String... parameterValue) {
        List<Measurement> sample = new java.util.ArrayList<>();
        for (int i = 0; i < parameterValue.length; i += 2) {
            sample.add(Measurement.of(Parameter.parse(parameterValue[i]), parameterValue[i + 1]));
        }
        return classifier.classify(Waterbody.UNKNOWN, Profile.FULL, Rounding.RAW, sample);
    }

    @Test
    void whenTheLimitsGiveDifferentClassesThereIsNoClassAndBothAreGiven() {
        // TP 0.05: river class II (≤ 0.1), lake/reservoir class III (≤ 0.05)
        Assessment a = unknown("TP", "0.05");
        assertThat(a.waterbody()).isEqualTo(Waterbody.UNKNOWN);
        assertThat(a.waterClass()).isNull();
        assertThat(a.factors()).isEmpty();
        assertThat(a.byWaterbody())
                .extracting(Assessment::waterbody)
                .containsExactly(Waterbody.RIVER, Waterbody.LAKE_RESERVOIR);
        assertThat(a.byWaterbody()).extracting(Assessment::waterClass).containsExactly(WaterClass.II, WaterClass.III);
        assertThat(a.notes().get(0)).contains("decides the class").contains("TP (river II, lake/reservoir III)");
    }

    @Test
    void whenTheyAgreeTheClassIsGivenWithTheFactorsBothLimitsClassAlike() {
        // NH3-N 1.2 is class IV under both; TP 0.05 is II or III and sets nothing
        Assessment a = unknown("NH3-N", "1.2", "TP", "0.05");
        assertThat(a.waterClass()).isEqualTo(WaterClass.IV);
        assertThat(a.classSetting()).containsExactly(Parameter.NH3N);
        assertThat(a.factors()).extracting(Assessment.Factor::parameter).containsExactly(Parameter.NH3N);
        assertThat(a.byWaterbody()).extracting(Assessment::waterClass).containsExactly(WaterClass.IV, WaterClass.IV);
        assertThat(a.notes().get(0)).contains("agree").contains("TP (river II, lake/reservoir III)");
        // TP 0.3: river IV, lake V: the class differs
        assertThat(unknown("NH3-N", "1.2", "TP", "0.3").waterClass()).isNull();
        // COD 15 is class I everywhere
        Assessment cod = unknown("COD", "15");
        assertThat(cod.waterClass()).isEqualTo(WaterClass.I);
        assertThat(cod.factors()).hasSize(1);
    }

    @Test
    void totalNitrogenIsReportedApartOnlyUnderLakeLimits() {
        Assessment a = unknown("TN", "1.31", "DO", "8");
        assertThat(a.waterClass()).isEqualTo(WaterClass.I);
        assertThat(a.byWaterbody().get(0).notEvaluated()).contains(Parameter.TN);
        assertThat(a.byWaterbody().get(1).reportedSeparately().get(0).waterClass())
                .isEqualTo(WaterClass.IV);
        assertThat(a.notes()).anyMatch(n -> n.contains("TN apart"));
    }

    @Test
    void theNamesOfTheTypesAreAccepted() {
        assertThat(Waterbody.parse("unknown")).isEqualTo(Waterbody.UNKNOWN);
        assertThat(Waterbody.parse("未知")).isEqualTo(Waterbody.UNKNOWN);
        assertThat(Waterbody.parse("水库")).isEqualTo(Waterbody.LAKE_RESERVOIR);
        assertThat(Waterbody.parse("河流")).isEqualTo(Waterbody.RIVER);
    }
}
