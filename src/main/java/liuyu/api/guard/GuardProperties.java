package liuyu.api.guard;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code liuyu.limits.*}: what one request may cost. {@code bodySize} bounds every body,
 * {@code batchBodySize} the bodies of the batch endpoints (checks, check reports, classification,
 * observations); at most {@code heavyConcurrency} batches run at once (others get 429 with
 * {@code Retry-After: retryAfter}); a batch stops when it has run {@code requestTime}.
 * {@code heavyConcurrency} 0 (the default) means half the processors, at least 1: batches then never hold
 * every core, and reads keep one (the soak in BENCHMARKS.md).
 */
@ConfigurationProperties("liuyu.limits")
public record GuardProperties(
        @DefaultValue("1MB") DataSize bodySize,
        @DefaultValue("32MB") DataSize batchBodySize,
        @DefaultValue("0") int heavyConcurrency,
        @DefaultValue("2s") Duration retryAfter,
        @DefaultValue("20s") Duration requestTime) {

    /** How many batches may run at once on a machine with {@code processors} processors. */
    public int batchConcurrency(int processors) {
        return heavyConcurrency > 0 ? heavyConcurrency : Math.max(1, processors / 2);
    }
}
