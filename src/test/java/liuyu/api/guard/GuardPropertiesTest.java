package liuyu.api.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** How many batches run at once: a set value as set; 0 (the default) half the processors, at least one. */
class GuardPropertiesTest {
    static GuardProperties heavy(int n) {
        return new GuardProperties(
                DataSize.ofMegabytes(1), DataSize.ofMegabytes(32), n, Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    @Test
    void batchConcurrencyIsHalfTheProcessorsByDefaultAndTheSettingWhenSet() {
        assertThat(heavy(0).batchConcurrency(1)).isEqualTo(1);
        assertThat(heavy(0).batchConcurrency(2)).isEqualTo(1);
        assertThat(heavy(0).batchConcurrency(3)).isEqualTo(1);
        assertThat(heavy(0).batchConcurrency(8)).isEqualTo(4);
        assertThat(heavy(2).batchConcurrency(2)).isEqualTo(2);
        assertThat(heavy(5).batchConcurrency(64)).isEqualTo(5);
    }
}
