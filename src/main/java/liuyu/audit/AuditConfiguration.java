package liuyu.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The intervention log and the observation chain, extended every {@code liuyu.audit.observation-chain-interval} (default 10 s). */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(AuditConfiguration.class);

    @ConfigurationProperties("liuyu.audit")
    public record AuditProperties(@DefaultValue("10s") Duration observationChainInterval) {}

    @Bean
    InterventionLog interventionLog(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new InterventionLog(jdbc, transactions, Clock.systemUTC());
    }

    @Bean
    ObservationChain observationChain(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new ObservationChain(jdbc, transactions);
    }

    @Bean
    SmartLifecycle observationChainer(ObservationChain chain, AuditProperties properties) {
        return new SmartLifecycle() {
            private ScheduledExecutorService timer;

            @Override
            public void start() {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "observation-chain");
                    t.setDaemon(true);
                    return t;
                });
                long every = Math.max(1, properties.observationChainInterval().toMillis());
                timer.scheduleWithFixedDelay(
                        () -> {
                            try {
                                int n = chain.extend();
                                if (n > 0) {
                                    LOG.debug("observation chain: {} rows appended", n);
                                }
                            } catch (RuntimeException e) {
                                LOG.warn("observation chain not extended: {}", e.getMessage());
                            }
                        },
                        0,
                        every,
                        TimeUnit.MILLISECONDS);
            }

            @Override
            public void stop() {
                if (timer != null) {
                    timer.shutdownNow();
                    timer = null;
                }
            }

            @Override
            public boolean isRunning() {
                return timer != null;
            }
        };
    }
}
