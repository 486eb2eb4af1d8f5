package liuyu.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every note of a classification comes in Chinese too, item for item. */
class BilingualNotesTest {
    private final Classifier classifier = new Classifier();

    @Test
    void aPartialSampleWithAnExcludedValueExplainsItselfInBothLanguages() {
        Assessment a = classifier.classify(
                Waterbody.RIVER,
                Profile.FULL,
                Rounding.REPORTED,
                List.of(Measurement.of(Parameter.TP, "0.150")),
                List.of(new Assessment.Excluded(Parameter.DO, "0.4", "probe fouled")),
                List.of());
        assertThat(a.notesZh()).hasSameSizeAs(a.notes());
        assertThat(a.notes())
                .anySatisfy(n -> assertThat(n).isEqualTo("1 value(s) flagged abnormal were left out of the class"));
        assertThat(a.notesZh()).contains("1 个标记为异常的数值未参与定类");
        assertThat(a.notesZh().get(0)).startsWith("类别依据 full 评价方案");
    }

    @Test
    void anUnknownWaterBodySaysWhichLimitsDecideInBothLanguages() {
        Assessment a = classifier.classify(
                Waterbody.UNKNOWN,
                Profile.FULL,
                Rounding.REPORTED,
                List.of(Measurement.of(Parameter.TP, "0.060")),
                List.of(),
                List.of());
        assertThat(a.notesZh()).hasSameSizeAs(a.notes());
        assertThat(a.notesZh().get(0)).startsWith("水体类型未知且影响定类：河流标准为 II，湖库标准为 IV");
    }
}
