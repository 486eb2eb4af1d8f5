package liuyu.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import liuyu.quality.Classifier;
import liuyu.quality.Intake;
import liuyu.quality.Observation;
import liuyu.quality.ObservationStore;
import liuyu.quality.ObservationsStored;
import liuyu.storage.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * More storing threads than pooled connections, with the anomaly rules on: every batch is stored and every value
 * judged. When judging ran on the storing thread (inside the store's after-commit callback, its connection still
 * held), each storing thread waited for a second connection that the others held, until the pool's timeout, and the
 * judgement of those batches was lost.
 */
class JudgingOffTheStoringThreadTest {
    static final int POOL = 2;
    static final int THREADS = 8;
    static final int BATCHES_PER_THREAD = 5;

    TestDatabase db;
    HikariDataSource pool;
    ScheduledExecutorService webhookThread;
    Webhooks none;
    Alarms alarms;
    ObservationStore store;

    @BeforeEach
    void start() {
        db = TestDatabase.h2();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setMaximumPoolSize(POOL);
        config.setConnectionTimeout(30_000); // Hikari's default: only a connection that never comes times out
        pool = new HikariDataSource(config);
        DataSourceTransactionManager manager = new DataSourceTransactionManager(pool);
        TransactionTemplate requiresNew = new TransactionTemplate(manager);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        AlarmLog log = new AlarmLog(jdbc);
        webhookThread = Executors.newSingleThreadScheduledExecutor();
        none = new Webhooks(
                List.of(),
                1,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                log,
                requiresNew,
                webhookThread,
                Clock.systemUTC());
        alarms = new Alarms(
                AnomalyRules.read(Path.of("src/test/resources/alarms/anomalies.yaml")),
                new AnomalyLog(jdbc),
                log,
                site -> Optional.empty(),
                new Classifier(),
                new DischargeLimits(site -> Optional.empty(), log),
                requiresNew,
                none,
                Clock.systemUTC(),
                100_000);
        store = new ObservationStore(
                jdbc,
                new TransactionTemplate(manager),
                Clock.systemUTC(),
                event -> alarms.onStored((ObservationsStored) event));
    }

    @AfterEach
    void stop() {
        alarms.close();
        webhookThread.shutdownNow();
        pool.close();
    }

    /** Ten hourly NH3-N values of one batch; the last is 25, outside the rule nh3n-range's [0, 20]. */
    static List<Observation> batch(String site, int batch) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(Map.of(
                    "id", site + "-" + batch + "-" + i,
                    "sampledAt", String.format("2025-06-%02dT%02d:00:00+08:00", 1 + batch, i),
                    "parameter", "NH3-N",
                    "value", i == 9 ? "25" : "0.5" + i,
                    "unit", "mg/L",
                    "source", "automatic",
                    "deviceId", "A-1",
                    "lastCalibration", "2025-05-01"));
        }
        Intake.Result read = new Intake(Clock.systemUTC()).read(site, rows);
        assertThat(read.accepted()).isTrue();
        return read.observations();
    }

    @Test
    void moreStoringThreadsThanConnectionsStoreEverythingAndEveryValueIsJudged() throws Exception {
        ExecutorService storing = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String site = "site-" + t;
                done.add(storing.submit(() -> {
                    for (int b = 0; b < BATCHES_PER_THREAD; b++) {
                        store.append("monitor", batch(site, b));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(); // a store that could not get a connection fails here
            }
        } finally {
            storing.shutdownNow();
        }
        assertThat(db.rows()).isEqualTo((long) THREADS * BATCHES_PER_THREAD * 10);
        assertThat(alarms.settled(Duration.ofSeconds(60))).isTrue();
        assertThat(alarms.unjudged()).isZero();
        // each batch's 25 is out of range: one anomaly per batch, one open range alarm per site
        assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM anomaly WHERE cause = 'auto:nh3n-range'", Long.class))
                .isEqualTo((long) THREADS * BATCHES_PER_THREAD);
        assertThat(db.jdbc()
                        .queryForObject(
                                "SELECT COUNT(DISTINCT site_id) FROM alarm WHERE rule_id = 'nh3n-range'", Long.class))
                .isEqualTo(THREADS);
        // spike-4 (window 4, factor 4, MAD) worked by hand, its window reaching back into the site's previous batch:
        // each batch's 25 is a spike; the next batch's first value, 0.50 after [0.56, 0.57, 0.58, 25] (median 0.575,
        // MAD 0.01), is too; 0.51 after [0.57, 0.58, 25, 0.50] (median 0.575, MAD 0.04) and the rest are not
        assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM anomaly WHERE cause = 'auto:spike-4'", Long.class))
                .isEqualTo((long) THREADS * (1 + 2 * (BATCHES_PER_THREAD - 1)));
        assertThat(db.jdbc()
                        .queryForList(
                                "SELECT DISTINCT observation_id FROM anomaly WHERE cause = 'auto:spike-4'"
                                        + " AND site_id = 'site-0' ORDER BY observation_id",
                                String.class))
                .containsExactly(
                        "site-0-0-9",
                        "site-0-1-0",
                        "site-0-1-9",
                        "site-0-2-0",
                        "site-0-2-9",
                        "site-0-3-0",
                        "site-0-3-9",
                        "site-0-4-0",
                        "site-0-4-9");
    }

    @Test
    void aBatchLargerThanTheQueueLimitIsStoredCountedAndLeftUnjudged() throws Exception {
        Alarms small = new Alarms(
                alarms.rules(),
                new AnomalyLog(new JdbcTemplate(pool)),
                new AlarmLog(new JdbcTemplate(pool)),
                site -> Optional.empty(),
                new Classifier(),
                new DischargeLimits(site -> Optional.empty(), new AlarmLog(new JdbcTemplate(pool))),
                new TransactionTemplate(new DataSourceTransactionManager(pool)),
                none,
                Clock.systemUTC(),
                9);
        try {
            small.onStored(new ObservationsStored(batch("site-x", 0))); // 10 > 9 waiting
            assertThat(small.settled(Duration.ofSeconds(10))).isTrue();
            assertThat(small.unjudged()).isEqualTo(10);
            assertThat(small.pending()).isZero();
            assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM anomaly", Long.class))
                    .isZero();
        } finally {
            small.close();
        }
    }
}
