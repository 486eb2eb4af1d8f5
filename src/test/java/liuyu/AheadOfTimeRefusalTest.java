package liuyu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service refuses Spring's ahead-of-time initialization, which would start it with the beans and profiles of
 * the build (the oracle for "asked for" is Spring's own switch, the system property {@code spring.aot.enabled}).
 */
class AheadOfTimeRefusalTest {
    @AfterEach
    void clear() {
        System.clearProperty("spring.aot.enabled");
    }

    @Test
    void aStartAskingForTheAheadOfTimeContextIsRefusedWithWhatToDoInstead() {
        System.setProperty("spring.aot.enabled", "true");
        assertThat(LiuyuApplication.aheadOfTimeRefusal())
                .contains("spring.aot.enabled=true")
                .contains("Start without -Dspring.aot.enabled=true")
                .contains("docs/scale.md");
    }

    @Test
    void aPlainStartIsNotRefused() {
        assertThat(LiuyuApplication.aheadOfTimeRefusal()).isNull();
        System.setProperty("spring.aot.enabled", "false");
        assertThat(LiuyuApplication.aheadOfTimeRefusal()).isNull();
    }
}
