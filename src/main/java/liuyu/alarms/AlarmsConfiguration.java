package liuyu.alarms;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import liuyu.atlas.AtlasProperties;
import liuyu.outfalls.LedgerQueries;
import liuyu.quality.Classifier;
import liuyu.quality.Sections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires anomaly detection and alarms: the rules file ({@code liuyu.alarms.rules}, default {@code anomalies.yaml} in
 * the atlas directory; without it only exceedances raise alarms), the gap check every
 * {@code liuyu.alarms.gap-check-interval}, and the webhooks (docs/alarms.md).
 */
@Configuration(proxyBeanMethods = false)
public class AlarmsConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmsConfiguration.class);
    static final int MAX_ATTEMPTS = 10;

    /** A webhook: where alarm events are posted, and the optional secret of their HMAC-SHA256 signature. */
    public record Webhook(String url, String secret) {}

    @ConfigurationProperties("liuyu.alarms")
    public record AlarmProperties(
            String rules,
            @DefaultValue("1m") Duration gapCheckInterval,
            List<Webhook> webhooks,
            @DefaultValue("5") int webhookAttempts,
            @DefaultValue("2s") Duration webhookBackoff,
            @DefaultValue("10s") Duration webhookTimeout,
            @DefaultValue("30m") Duration streamTimeout,
            @DefaultValue("100000") int queueLimit) {}

    @Bean
    AnomalyLog anomalyLog(JdbcTemplate jdbc) {
        return new AnomalyLog(jdbc);
    }

    @Bean
    AlarmLog alarmLog(JdbcTemplate jdbc) {
        return new AlarmLog(jdbc);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService alarmsExecutor() {
        return Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "alarms");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    Webhooks webhooks(
            AlarmProperties properties,
            AlarmLog log,
            PlatformTransactionManager transactions,
            ScheduledExecutorService alarmsExecutor) {
        List<Webhooks.Hook> hooks = new ArrayList<>();
        List<Webhook> configured = properties.webhooks() == null ? List.of() : properties.webhooks();
        for (int i = 0; i < configured.size(); i++) {
            Webhook w = configured.get(i);
            URI url;
            try {
                url = URI.create(w.url() == null ? "" : w.url());
            } catch (IllegalArgumentException e) {
                url = null;
            }
            if (url == null
                    || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                    || url.getHost() == null) {
                throw new IllegalStateException(
                        "liuyu.alarms.webhooks[" + i + "].url must be an http or https URL, got '" + w.url() + "'");
            }
            if (w.secret() != null && w.secret().isEmpty()) {
                throw new IllegalStateException(
                        "liuyu.alarms.webhooks[" + i + "].secret is empty: leave it out or set one");
            }
            hooks.add(new Webhooks.Hook(url, w.secret()));
        }
        if (properties.webhookAttempts() < 1 || properties.webhookAttempts() > MAX_ATTEMPTS) {
            throw new IllegalStateException("liuyu.alarms.webhook-attempts must be 1 to " + MAX_ATTEMPTS);
        }
        return new Webhooks(
                hooks,
                properties.webhookAttempts(),
                properties.webhookBackoff(),
                properties.webhookTimeout(),
                log,
                newTransactions(transactions),
                alarmsExecutor,
                Clock.systemUTC());
    }

    @Bean
    Alarms alarms(
            AlarmProperties properties,
            AtlasProperties atlas,
            AnomalyLog anomalies,
            AlarmLog log,
            Sections sections,
            Classifier classifier,
            LedgerQueries ledger,
            PlatformTransactionManager transactions,
            Webhooks webhooks,
            ObjectProvider<MeterRegistry> meters) {
        if (properties.queueLimit() < 1) {
            throw new IllegalStateException("liuyu.alarms.queue-limit must be at least 1");
        }
        List<AnomalyRule> rules;
        if (properties.rules() != null) {
            rules = AnomalyRules.read(Path.of(properties.rules()));
        } else {
            Path file = atlas.dir().resolve("anomalies.yaml");
            if (Files.isRegularFile(file)) {
                rules = AnomalyRules.read(file);
            } else {
                LOG.warn(
                        "no anomaly rules: {} does not exist (liuyu.alarms.rules); only exceedances raise alarms",
                        file);
                rules = List.of();
            }
        }
        LOG.info("anomaly rules: {}", rules.stream().map(AnomalyRule::id).toList());
        Alarms alarms = new Alarms(
                rules,
                anomalies,
                log,
                sections::byId,
                classifier,
                new DischargeLimits(id -> ledger.entry(id).map(e -> e.outfall()), log),
                newTransactions(transactions),
                webhooks,
                Clock.systemUTC(),
                properties.queueLimit());
        meters.ifAvailable(m -> {
            Gauge.builder("liuyu.alarms.pending", alarms, Alarms::pending)
                    .description("stored observations waiting to be judged by the anomaly rules")
                    .register(m);
            FunctionCounter.builder("liuyu.alarms.unjudged", alarms, Alarms::unjudged)
                    .description("stored observations never judged: too many waited, or judging failed")
                    .register(m);
        });
        return alarms;
    }

    @Bean
    SmartLifecycle gapCheck(Alarms alarms, AlarmProperties properties, ScheduledExecutorService alarmsExecutor) {
        return new SmartLifecycle() {
            private java.util.concurrent.ScheduledFuture<?> task;

            @Override
            public void start() {
                long every = Math.max(1000, properties.gapCheckInterval().toMillis());
                task = alarmsExecutor.scheduleWithFixedDelay(
                        () -> {
                            try {
                                alarms.checkGaps();
                            } catch (RuntimeException e) {
                                LOG.warn("transmission-gap check failed: {}", e.getMessage());
                            }
                        },
                        every,
                        every,
                        TimeUnit.MILLISECONDS);
            }

            @Override
            public void stop() {
                if (task != null) {
                    task.cancel(false);
                    task = null;
                }
            }

            @Override
            public boolean isRunning() {
                return task != null;
            }
        };
    }

    private static TransactionTemplate newTransactions(PlatformTransactionManager manager) {
        TransactionTemplate t = new TransactionTemplate(manager);
        t.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return t;
    }
}
