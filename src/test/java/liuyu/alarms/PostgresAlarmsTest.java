package liuyu.alarms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import liuyu.quality.Classifier;
import liuyu.quality.Intake;
import liuyu.quality.ObservationStore;
import liuyu.quality.ObservationsStored;
import liuyu.storage.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The V28_1 tables on PostgreSQL (a schema of the throwaway cluster): a stored series judged after its commit,
 * anomalies and alarms written, acknowledged and closed, and nothing after a closure.
 */
@Tag("integration")
class PostgresAlarmsTest {

    @Test
    void aSeriesIsJudgedAndItsAlarmAcknowledgedAndClosedOnPostgresql() throws InterruptedException {
        TestDatabase db = TestDatabase.postgres();
        DataSourceTransactionManager manager = new DataSourceTransactionManager(db.dataSource());
        TransactionTemplate requiresNew = new TransactionTemplate(manager);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        AlarmLog log = new AlarmLog(db.jdbc());
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            Webhooks none = new Webhooks(
                    List.of(),
                    1,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    log,
                    requiresNew,
                    executor,
                    Clock.systemUTC());
            Alarms alarms = new Alarms(
                    AnomalyRules.read(Path.of("src/test/resources/alarms/anomalies.yaml")),
                    new AnomalyLog(db.jdbc()),
                    log,
                    site -> Optional.empty(),
                    new Classifier(),
                    new DischargeLimits(
                            site -> site.equals("of-pg")
                                    ? Optional.of(DischargeLimitsTest.outfall(
                                            "of-pg",
                                            DischargeLimitsTest.limit(
                                                    "COD", "50", null, "GB 18918-2002 一级A", "2025-01-01", null)))
                                    : Optional.empty(),
                            log),
                    requiresNew,
                    none,
                    Clock.systemUTC(),
                    1000);
            List<AlarmLog.Event> heard = new ArrayList<>();
            alarms.subscribe(heard::add);
            ObservationStore store = new ObservationStore(
                    db.jdbc(),
                    new TransactionTemplate(manager),
                    Clock.systemUTC(),
                    event -> alarms.onStored((ObservationsStored) event));
            // the series of AlarmsApiTest: a spike at 5 (index 5), three 0.60s (index 8), 25 out of range (index 9)
            String[] values = {"0.50", "0.60", "0.55", "0.65", "0.58", "5.0", "0.60", "0.60", "0.60", "25"};
            List<Map<String, String>> rows = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                rows.add(Map.of(
                        "id", "pg-" + i,
                        "sampledAt", String.format("2025-06-03T%02d:00:00+08:00", i),
                        "parameter", "NH3-N",
                        "value", values[i],
                        "unit", "mg/L",
                        "source", "automatic",
                        "deviceId", "A-1",
                        "lastCalibration", "2025-05-01"));
            }
            Intake.Result read = new Intake(Clock.systemUTC()).read("s1", rows);
            assertThat(read.accepted()).isTrue();
            store.append("monitor", read.observations());
            assertThat(alarms.settled(Duration.ofSeconds(30))).isTrue();

            List<AnomalyLog.Anomaly> found = new AnomalyLog(db.jdbc())
                    .of("s1", Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-07-01T00:00:00Z"), 100, 0);
            assertThat(found)
                    .extracting(AnomalyLog.Anomaly::observationId)
                    .containsExactly("pg-5", "pg-8", "pg-9", "pg-9");
            assertThat(found)
                    .extracting(AnomalyLog.Anomaly::cause)
                    .containsExactly("auto:spike-4", "auto:flat-3", "auto:nh3n-range", "auto:spike-4");
            AlarmLog.Filter all = new AlarmLog.Filter(null, null, "s1", null, null, null);
            assertThat(log.list(all, 10, 0))
                    .extracting(AlarmLog.Alarm::rule)
                    .containsExactly("nh3n-range", "flat-3", "spike-4");
            assertThat(heard)
                    .extracting(AlarmLog.Event::action)
                    .containsOnly("raised")
                    .hasSize(3);

            long spike = log.list(new AlarmLog.Filter(null, null, "s1", "NH3-N", null, null), 10, 0)
                    .get(2)
                    .id();
            alarms.act(spike, AlarmLog.ACKNOWLEDGED, "monitor", "查看中");
            alarms.act(spike, AlarmLog.CLOSED, "monitor", "传感器已清洗");
            assertThatThrownBy(() -> alarms.act(spike, AlarmLog.ACKNOWLEDGED, "monitor", "again"))
                    .isInstanceOf(AlarmException.class)
                    .hasMessage("alarm " + spike + " is closed; nothing follows a closure");
            assertThat(log.history(spike))
                    .extracting(AlarmLog.Event::action)
                    .containsExactly("raised", "acknowledged", "closed");
            assertThat(log.find(spike).orElseThrow().stateReason()).isEqualTo("传感器已清洗");
            assertThat(log.count(new AlarmLog.Filter("closed", null, "s1", null, null, null)))
                    .isEqualTo(1);
            assertThat(log.after(heard.get(0).id(), 10))
                    .extracting(AlarmLog.Event::action)
                    .containsExactly("raised", "raised", "acknowledged", "closed");

            // V33_1 on PostgreSQL: a discharge-limit alarm (COD 50.5 above the limit 50) is a kind the table takes
            Intake.Result cod = new Intake(Clock.systemUTC())
                    .read(
                            "of-pg",
                            List.of(Map.of(
                                    "id", "pg-cod",
                                    "sampledAt", "2025-06-03T10:00:00+08:00",
                                    "parameter", "COD",
                                    "value", "50.5",
                                    "unit", "mg/L",
                                    "source", "automatic",
                                    "deviceId", "A-1",
                                    "lastCalibration", "2025-05-01")));
            store.append("monitor", cod.observations());
            assertThat(alarms.settled(Duration.ofSeconds(30))).isTrue();
            assertThat(log.list(new AlarmLog.Filter(null, DischargeLimits.KIND, "of-pg", "COD", null, null), 10, 0))
                    .singleElement()
                    .satisfies(a -> assertThat(a.evidence())
                            .containsEntry("limit", "50")
                            .containsEntry("value", "50.5")
                            .containsEntry("limitSource", "GB 18918-2002 一级A"));
        } finally {
            executor.shutdownNow();
        }
    }
}
