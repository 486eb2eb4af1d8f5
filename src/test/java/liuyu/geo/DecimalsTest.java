package liuyu.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalsTest {

    @ParameterizedTest
    @CsvSource({
        "0.150, 0.150",
        "' 7.5 ', 7.5",
        "-3.2, -3.2",
        "1e3, 1000",
        "2.5E-3, 0.0025",
        "999999999999999, 999999999999999",
        "0.00000000000000000001, 0.00000000000000000001",
        "0, 0",
        "0e-5, 0.00000"
    })
    void numbersWithinTheLimitsAreReadAsWritten(String text, String expected) {
        BigDecimal v = Decimals.parse(text);
        assertThat(v).isNotNull();
        assertThat(v.toPlainString()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1e10000000",
                "1E15",
                "1000000000000000",
                "1e-21",
                "0.000000000000000000001",
                "-1e400",
                "NaN",
                "Infinity",
                "0x10",
                "",
                "  ",
                "1,5",
                "12345678901234567890.12345678901234567890x"
            })
    void numbersBeyondTheLimitsOrNotNumbersAreRefused(String text) {
        assertThat(Decimals.parse(text)).isNull();
    }

    @Test
    void aTextLongerThanFortyCharactersIsRefusedEvenIfItIsANumber() {
        assertThat(Decimals.parse("0." + "1".repeat(20))).isNotNull();
        assertThat(Decimals.parse("0.000000000000000000000000000000000000001")).isNull();
    }

    @Test
    @Timeout(10) // a hang guard, not a speed claim: the old path needed tens of minutes
    void aHugeExponentIsRefusedWithoutExpandingIt() {
        assertThat(Decimals.bounded(new BigDecimal("1e999999999"))).isNull();
        assertThat(Decimals.bounded(new BigDecimal("1e-999999999"))).isNull();
    }

    @Test
    void shownCutsLongTextForMessages() {
        assertThat(Decimals.shown("12")).isEqualTo("12");
        assertThat(Decimals.shown("9".repeat(100))).isEqualTo("9".repeat(40) + "…");
    }
}
