package liuyu.quality;

import java.time.Clock;
import liuyu.atlas.AtlasStore;
import liuyu.deploy.Deployment;
import liuyu.network.NetworkService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the quality feature; {@code liuyu.quality.demo-observations} (default true) seeds the synthetic demo data,
 * in demo mode only (the bundled demo atlas, not the postgis profile: {@link Deployment}).
 */
@Configuration(proxyBeanMethods = false)
public class QualityConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(QualityConfiguration.class);

    @Bean
    Classifier classifier() {
        return new Classifier();
    }

    @Bean
    Sections sections(AtlasStore atlases) {
        return new Sections(atlases);
    }

    @Bean
    Intake intake() {
        return new Intake(Clock.systemUTC());
    }

    /** The observation store, on the configured DataSource (embedded H2 file under ./data by default, PostgreSQL in production). */
    @Bean
    ObservationStore observationStore(
            JdbcTemplate jdbc, TransactionTemplate transactions, ApplicationEventPublisher events) {
        return new ObservationStore(jdbc, transactions, Clock.systemUTC(), events);
    }

    @Bean
    ObservationService observationService(Intake intake, ObservationStore store) {
        return new ObservationService(intake, store);
    }

    @Bean
    QualityService qualityService(
            Sections sections, ObservationStore store, Classifier classifier, TnBaseline tnBaseline) {
        return new QualityService(sections, store, classifier, tnBaseline);
    }

    @Bean
    Tracing tracing(QualityService quality, NetworkService networks, ObservationStore store) {
        return new Tracing(quality, networks, store);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "liuyu.quality.demo-observations", matchIfMissing = true)
    ApplicationRunner demoObservations(
            Sections sections, AtlasStore atlases, ObservationStore store, Deployment deployment) {
        return args -> {
            if (!deployment.seedsSyntheticData()) {
                return; // only the demo gets synthetic observations; the start-up log says why
            }
            int stored = new DemoObservations(sections, atlases, store).seed();
            if (stored > 0) {
                LOG.info(
                        "stored {} SYNTHETIC demo observations (liuyu.quality.demo-observations=false turns this off)",
                        stored);
            }
        };
    }
}
