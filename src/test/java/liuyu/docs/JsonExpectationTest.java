package liuyu.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The docs' answer notation against hand-written answers: what matches, and every way it must not. */
class JsonExpectationTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<String> diff(String shown, String actual) {
        return JsonExpectation.parse(shown).differences(JSON.readTree(actual));
    }

    @Test
    void elidedValuesMembersElementsAndStringPartsMatch() {
        String actual =
                "{\"a\":1.50,\"b\":\"version 2026-11-24+ledger-19\",\"c\":[1,2,3,4],\"d\":{\"x\":true,\"y\":null},\"e\":7}";
        assertThat(diff(
                        "{\"a\":1.5,\"b\":\"version 2026-11-24…\",\"c\":[…,2,…,4],\"d\":{\"x\":true,…},\"e\":…}",
                        actual))
                .isEmpty();
        assertThat(diff("{\"a\":1.5, ...}", actual)).isEmpty();
        assertThat(diff("{\"a\":1.5,\"…\":\"…\"}", actual)).isEmpty();
        assertThat(diff("{\"b\":\"version …+ledger-19\",…}", actual)).isEmpty();
    }

    @Test
    void everyDifferenceIsNamedWithItsPath() {
        String actual = "{\"a\":1,\"b\":\"x\",\"c\":[1,2],\"d\":{\"x\":true}}";
        assertThat(diff("{\"a\":2,…}", actual)).containsExactly("$.a: expected 2, got 1");
        assertThat(diff("{\"a\":1,\"b\":\"x\",\"c\":[1,2]}", actual))
                .containsExactly("$: member 'd' not shown (add it, or … to elide it)");
        assertThat(diff("{\"c\":[1],…}", actual))
                .containsExactly("$.c: expected 1 elements, got 2 (… marks elided elements)");
        assertThat(diff("{\"c\":[2,1,…],…}", actual)).containsExactly("$.c: no element (in order) matches 1");
        assertThat(diff("{\"d\":{\"x\":false},…}", actual)).containsExactly("$.d.x: expected false, got true");
        assertThat(diff("{\"b\":\"y…\",…}", actual)).containsExactly("$.b: expected \"y…\", got \"x\"");
        assertThat(diff("{\"z\":…,…}", actual)).containsExactly("$.z: shown (elided) but absent");
        assertThat(diff("{\"a\":\"1\",…}", actual)).containsExactly("$.a: expected \"1\", got 1");
    }

    @Test
    void theStatusOfAProblemDocumentIsTheExpectedStatus() {
        assertThat(JsonExpectation.parse("{\"status\":400,\"parameter\":\"lon\",…}")
                        .status())
                .isEqualTo(400);
        assertThat(JsonExpectation.parse("{\"id\":\"x\",…}").status()).isNull();
    }
}
