package liuyu.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CNEMC real-time preset: five items, each rounded half-to-even to the decimals the page shows it with; classes by hand. */
class CnemcPresetTest {
    private final Classifier classifier = new Classifier();

    @ParameterizedTest(name = "{0} {1} {2}: displayed {3}, class {4} (raw {5})")
    @CsvSource(
            delimiter = '|',
            value = {
                "reservoir | TP    | 0.0254 | 0.025 | II  | III", // 3 decimals
                "river     | NH3-N | 0.1505 | 0.150 | I   | II", // 3 decimals, 5 after an even digit: down
                "river     | DO    | 7.495  | 7.50  | I   | II", // 2 decimals, 5 after an odd digit: up
                "river     | CODMn | 4.05   | 4.0   | II  | III", // 1 decimal
                "river     | CODMn | 4.15   | 4.2   | III | III",
                "river     | pH    | 9.004  | 9.00  | I   | worse-than-V"
            })
    void eachItemIsRoundedToItsDisplayedDecimals(
            String waterbody, String parameter, String value, String shown, String expected, String raw) {
        Parameter p = Parameter.parse(parameter);
        Waterbody w = Waterbody.parse(waterbody);
        Assessment a =
                classifier.classify(w, Profile.CNEMC_REALTIME, Rounding.DISPLAYED, List.of(Measurement.of(p, value)));
        assertThat(a.factors().get(0).value()).isEqualByComparingTo(shown);
        assertThat(a.factors().get(0).waterClass().code()).isEqualTo(expected);
        assertThat(classifier
                        .classify(w, Profile.CNEMC_REALTIME, Rounding.RAW, List.of(Measurement.of(p, value)))
                        .factors()
                        .get(0)
                        .waterClass()
                        .code())
                .isEqualTo(raw);
    }

    @Test
    void thePresetIsTheFiveRealTimeItemsAndDisplayedRoundingIsItsDefault() {
        assertThat(Profile.CNEMC_REALTIME.evaluated())
                .containsExactlyInAnyOrder(Parameter.PH, Parameter.DO, Parameter.CODMN, Parameter.NH3N, Parameter.TP);
        assertThat(Profile.CNEMC_REALTIME.defaultRounding(Rounding.RAW)).isEqualTo(Rounding.DISPLAYED);
        assertThat(Profile.FULL.defaultRounding(Rounding.RAW)).isEqualTo(Rounding.RAW);
        assertThat(Profile.parse("cnemc-realtime")).isEqualTo(Profile.CNEMC_REALTIME);
        assertThatThrownBy(() -> classifier.classify(
                        Waterbody.RIVER,
                        Profile.FULL,
                        Rounding.DISPLAYED,
                        List.of(Measurement.of(Parameter.TP, "0.1"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
