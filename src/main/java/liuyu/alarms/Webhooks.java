package liuyu.alarms;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts each alarm event to the configured webhooks: JSON body, {@code X-Liuyu-Signature: sha256=<hex>} (HMAC-SHA256
 * of the body with the hook's secret) when it has one; a non-2xx answer or no answer is retried after the backoff,
 * doubled each time, up to {@code attempts} in all. Every attempt is recorded ({@code alarm_delivery}).
 */
public final class Webhooks {
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    public static final String SIGNATURE = "X-Liuyu-Signature";
    public static final String EVENT_ID = "X-Liuyu-Event-Id";
    public static final String ATTEMPT = "X-Liuyu-Attempt";

    /** A configured receiver; {@code secret} may be null (then no signature). */
    public record Hook(URI url, String secret) {}

    private final List<Hook> hooks;
    private final int attempts;
    private final Duration backoff;
    private final Duration timeout;
    private final AlarmLog log;
    private final TransactionTemplate transactions;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public Webhooks(
            List<Hook> hooks,
            int attempts,
            Duration backoff,
            Duration timeout,
            AlarmLog log,
            TransactionTemplate transactions,
            ScheduledExecutorService executor,
            Clock clock) {
        this.hooks = List.copyOf(hooks);
        this.attempts = attempts;
        this.backoff = backoff;
        this.timeout = timeout;
        this.log = log;
        this.transactions = transactions;
        this.executor = executor;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public List<Hook> hooks() {
        return hooks;
    }

    /** Queues the event for every hook; returns at once. */
    public void deliver(AlarmLog.Event event) {
        if (hooks.isEmpty()) {
            return;
        }
        byte[] body = json.writeValueAsBytes(event);
        for (Hook hook : hooks) {
            executor.execute(() -> attempt(hook, event.id(), body, 1));
        }
    }

    /** The signature header's value for a body: {@code sha256=} and the HMAC-SHA256 in lower-case hex. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void attempt(Hook hook, long eventId, byte[] body, int n) {
        Integer status = null;
        String error = null;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(hook.url())
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header(EVENT_ID, Long.toString(eventId))
                    .header(ATTEMPT, Integer.toString(n))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (hook.secret() != null) {
                request.header(SIGNATURE, signature(hook.secret(), body));
            }
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status / 100 != 2) {
                error = "answered " + status;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: the attempt is not made, so not recorded
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        boolean delivered = error == null;
        AlarmLog.Delivery d =
                new AlarmLog.Delivery(eventId, hook.url().toString(), n, clock.instant(), status, error, delivered);
        try {
            transactions.executeWithoutResult(s -> log.delivered(d));
        } catch (RuntimeException e) {
            LOG.warn("webhook attempt not recorded: {}", e.getMessage());
        }
        if (!delivered && n < attempts) {
            long wait = backoff.toMillis() << (n - 1);
            LOG.info("webhook {} event {} attempt {} failed ({}); next in {} ms", hook.url(), eventId, n, error, wait);
            executor.schedule(() -> attempt(hook, eventId, body, n + 1), wait, TimeUnit.MILLISECONDS);
        } else if (!delivered) {
            LOG.warn("webhook {} event {} given up after {} attempts ({})", hook.url(), eventId, n, error);
        }
    }
}
