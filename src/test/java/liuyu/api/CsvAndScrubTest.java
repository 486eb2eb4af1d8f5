package liuyu.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** CSV cells that a spreadsheet would run as formulas, and problem details free of class names. */
class CsvAndScrubTest {
    @Test
    void everyFormulaStartIsNeutralisedAndOtherTextKept() {
        // hand-written table: input → cell as written to the CSV file
        String[][] table = {
            {"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
            {"+1+1", "'+1+1"},
            {"-2+3", "'-2+3"},
            {"@SUM(A1)", "'@SUM(A1)"},
            {"\t=1", "'\t=1"},
            {"\r=1", "\"'\r=1\""},
            {"密云区", "密云区"},
            {"a,b", "\"a,b\""},
            {"say \"hi\"", "\"say \"\"hi\"\"\""},
            {"12", "12"},
            {"", ""},
        };
        for (String[] row : table) {
            assertThat(Csv.cell(row[0])).as(row[0]).isEqualTo(row[1]);
        }
    }

    @Test
    void jacksonsOwnLimitMessageLosesItsClassAndMethodNames() {
        JsonMapper strict = JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxStringLength(10)
                                .build())
                        .build())
                .build();
        String message;
        try {
            strict.readTree("{\"a\": \"" + "x".repeat(100) + "\"}");
            throw new AssertionError("the string is longer than the limit");
        } catch (JacksonException e) {
            message = e.getOriginalMessage();
        }
        assertThat(message).contains("StreamReadConstraints"); // what used to reach the answer
        String scrubbed = ProblemHandler.scrub("the body is not valid JSON: " + message);
        assertThat(scrubbed)
                .doesNotContain("StreamReadConstraints")
                .doesNotContain("`")
                .doesNotContain("getMax")
                .contains("exceeds the maximum");
    }

    @Test
    void exceptionNamesAndQualifiedClassNamesAreRemovedButFieldNamesStay() {
        assertThat(ProblemHandler.scrub("the record store failed (CannotCreateTransactionException); retry"))
                .isEqualTo("the record store failed (); retry");
        assertThat(ProblemHandler.scrub("at org.springframework.jdbc.Foo and java.lang.IllegalStateException: x"))
                .doesNotContain("springframework")
                .doesNotContain("IllegalState");
        assertThat(ProblemHandler.scrub("samples[0].values.COD must be a number (liuyu.limits.request-time)"))
                .isEqualTo("samples[0].values.COD must be a number (liuyu.limits.request-time)");
    }
}
