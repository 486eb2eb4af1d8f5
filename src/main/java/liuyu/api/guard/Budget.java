package liuyu.api.guard;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import liuyu.api.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * The time a batch request may run. Batch loops call {@link #check()} between items, so a request
 * stops at its deadline instead of holding a core for as long as its input asks for.
 */
public final class Budget {
    static final String ATTRIBUTE = Budget.class.getName();
    private static final Budget UNLIMITED = new Budget(Long.MAX_VALUE, Duration.ZERO);

    private final long deadlineNanos;
    private final Duration allowed;

    private Budget(long deadlineNanos, Duration allowed) {
        this.deadlineNanos = deadlineNanos;
        this.allowed = allowed;
    }

    static Budget starting(Duration allowed) {
        return new Budget(System.nanoTime() + allowed.toNanos(), allowed);
    }

    /** The budget the request guard gave this request; unlimited for requests that are not batches. */
    public static Budget of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Budget b ? b : UNLIMITED;
    }

    /** Refuses to go on (503 naming the budget) once the deadline has passed or the thread was interrupted. */
    public void check() {
        if (this == UNLIMITED && !Thread.currentThread().isInterrupted()) {
            return;
        }
        if (Thread.currentThread().isInterrupted() || System.nanoTime() - deadlineNanos > 0) {
            throw new ApiProblem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "body",
                            "the request ran out of its time budget of " + allowed.toSeconds()
                                    + " s (liuyu.limits.request-time) and was stopped; nothing was stored. Send a smaller batch")
                    .with("limit", "liuyu.limits.request-time=" + allowed.toSeconds() + "s");
        }
    }
}
