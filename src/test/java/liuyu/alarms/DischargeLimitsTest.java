package liuyu.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.outfalls.Outfall;
import liuyu.outfalls.OutfallType;
import liuyu.quality.Classifier;
import liuyu.quality.Intake;
import liuyu.quality.ObservationStore;
import liuyu.quality.ObservationsStored;
import liuyu.storage.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Discharge-limit alarms on H2, values stored through the observation store and judged by {@link Alarms} as in the
 * service: below, at and above an outfall's permitted limit, a parameter without a limit, a limit no longer valid, a
 * lower bound (pH), one open alarm per bound, the Beijing sampling day deciding which limit is in force, and sections
 * (no ledger record) never judged. The limits and expected alarms are worked by hand below.
 */
class DischargeLimitsTest {
    static final String PERMIT = "排污许可证 91110228MA01TEST01P";

    final Map<String, Outfall> ledger = new HashMap<>();
    TestDatabase db;
    AlarmLog log;
    Alarms alarms;
    ObservationStore store;
    ScheduledExecutorService executor;
    final List<AlarmLog.Event> heard = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = TestDatabase.h2();
        executor = Executors.newSingleThreadScheduledExecutor();
        wire(db);
    }

    /** The store and judge over {@code database}, with no anomaly rules (so only limits and targets raise alarms). */
    void wire(TestDatabase database) {
        DataSourceTransactionManager manager = new DataSourceTransactionManager(database.dataSource());
        TransactionTemplate requiresNew = new TransactionTemplate(manager);
        requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        log = new AlarmLog(database.jdbc());
        Webhooks none = new Webhooks(
                List.of(),
                1,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                log,
                requiresNew,
                executor,
                Clock.systemUTC());
        alarms = new Alarms(
                List.of(),
                new AnomalyLog(database.jdbc()),
                log,
                site -> Optional.empty(),
                new Classifier(),
                new DischargeLimits(id -> Optional.ofNullable(ledger.get(id)), log),
                requiresNew,
                none,
                Clock.systemUTC(),
                1000);
        alarms.subscribe(heard::add);
        store = new ObservationStore(
                database.jdbc(),
                new TransactionTemplate(manager),
                Clock.systemUTC(),
                event -> alarms.onStored((ObservationsStored) event));
    }

    @AfterEach
    void tearDown() {
        alarms.close();
        executor.shutdownNow();
    }

    static Outfall outfall(String id, Outfall.DischargeLimit... limits) {
        Outfall.Details d = new Outfall.Details(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                false,
                List.of(),
                null,
                null,
                null,
                null,
                false,
                false,
                List.of(limits));
        return new Outfall(
                id,
                3,
                "测试排污口",
                null,
                OutfallType.INDUSTRIAL,
                117.1,
                40.6,
                true,
                d,
                new Provenance(Method.SYNTHETIC, "DischargeLimitsTest", "test", "test", false),
                "inspector",
                Instant.now(),
                null);
    }

    static Outfall.DischargeLimit limit(
            String parameter, String max, String min, String source, String from, String to) {
        return new Outfall.DischargeLimit(
                parameter,
                max == null ? null : new BigDecimal(max),
                min == null ? null : new BigDecimal(min),
                parameter.equals("pH") ? "dimensionless" : "mg/L",
                source,
                from == null ? null : LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to));
    }

    /** Stores rows {id, sampledAt, parameter, value} of one site in one batch. */
    void store(String site, String[]... rows) {
        List<Map<String, String>> maps = new ArrayList<>();
        for (String[] r : rows) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("id", r[0]);
            m.put("sampledAt", r[1]);
            m.put("parameter", r[2]);
            m.put("value", r[3]);
            m.put("unit", r[2].equals("pH") ? "dimensionless" : "mg/L");
            m.put("source", "automatic");
            m.put("deviceId", "A-1");
            m.put("lastCalibration", "2023-01-01");
            maps.add(m);
        }
        Intake.Result read = new Intake(Clock.systemUTC()).read(site, maps);
        assertThat(read.rejections()).isEmpty();
        store.append("monitor", read.observations());
        try {
            assertThat(alarms.settled(Duration.ofSeconds(30))).as("judged").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<AlarmLog.Alarm> alarmsOf(String site) {
        return log.list(new AlarmLog.Filter(null, DischargeLimits.KIND, site, null, null, null), 100, 0);
    }

    @Test
    void onlyValuesAboveMaxOrBelowMinOfALimitInForceRaiseOneAlarmPerBound() {
        ledger.put(
                "of-a",
                outfall(
                        "of-a",
                        limit("COD", "50", null, PERMIT, "2025-01-01", "2025-12-31"),
                        limit("COD", "100", null, "排污许可证 (旧) 91110228MA01TEST00P", "2023-01-01", "2024-12-31"),
                        limit("pH", "9", "6", "GB 18918-2002 一级A", null, null)));
        store(
                "of-a",
                new String[] {"a1", "2025-06-01T10:00:00+08:00", "COD", "49.9"}, // below 50
                new String[] {"a2", "2025-06-01T11:00:00+08:00", "COD", "50"}, // at 50: within the limit
                new String[] {"a3", "2025-06-01T12:00:00+08:00", "NH3-N", "80"}, // no NH3-N limit
                new String[] {"a4", "2024-06-01T12:00:00+08:00", "COD", "60"}, // 2024: the old limit 100
                new String[] {"a5", "2026-01-05T12:00:00+08:00", "COD", "70"}, // 2026: no limit in force any more
                new String[] {"a6", "2025-06-02T10:00:00+08:00", "pH", "6"}, // at the lower bound
                new String[] {"a7", "2025-06-02T11:00:00+08:00", "pH", "9"}); // at the upper bound
        assertThat(alarmsOf("of-a")).isEmpty();

        store(
                "of-a",
                new String[] {"b1", "2025-06-02T10:00:00+08:00", "COD", "50.01"}, // above 50
                new String[] {"b2", "2025-06-03T10:00:00+08:00", "COD", "55"}, // above again: the alarm is open
                new String[] {"b3", "2025-06-03T11:00:00+08:00", "pH", "5.9"}); // below 6
        List<AlarmLog.Alarm> raised = alarmsOf("of-a");
        assertThat(raised).extracting(AlarmLog.Alarm::rule).containsExactly("limit:min", "limit:max");
        AlarmLog.Alarm cod = raised.get(1);
        assertThat(cod.parameter()).isEqualTo("COD");
        assertThat(cod.state()).isEqualTo(AlarmLog.RAISED);
        assertThat(cod.evidence())
                .containsEntry("observationIds", List.of("b1"))
                .containsEntry("value", "50.01")
                .containsEntry("unit", "mg/L")
                .containsEntry("limit", "50")
                .containsEntry("limitKind", "at most")
                .containsEntry("limitSource", PERMIT)
                .containsEntry("validFrom", "2025-01-01")
                .containsEntry("validTo", "2025-12-31")
                .containsEntry("ledgerVersion", 3)
                .containsEntry("rule", "limit:max");
        assertThat(cod.summary()).isEqualTo("of-a COD 50.01 mg/L breaks the limit at most 50 (" + PERMIT + ")");
        AlarmLog.Alarm ph = raised.get(0);
        assertThat(ph.evidence())
                .containsEntry("observationIds", List.of("b3"))
                .containsEntry("value", "5.9")
                .containsEntry("limit", "6")
                .containsEntry("limitKind", "at least")
                .containsEntry("limitSource", "GB 18918-2002 一级A")
                .containsEntry("validFrom", null);
        assertThat(heard).extracting(AlarmLog.Event::action).containsExactly("raised", "raised");

        // once closed, the next value above the limit raises a new alarm
        log.append(cod.id(), AlarmLog.CLOSED, Instant.now(), "monitor", "企业已整改");
        store("of-a", new String[] {"b4", "2025-06-04T10:00:00+08:00", "COD", "51"});
        assertThat(alarmsOf("of-a"))
                .extracting(a -> a.evidence().get("observationIds"))
                .containsExactly(List.of("b4"), List.of("b3"), List.of("b1"));
    }

    @Test
    void theBeijingSamplingDayPicksTheLimitInForce() {
        ledger.put(
                "of-b",
                outfall(
                        "of-b",
                        limit("COD", "100", null, "旧许可", "2024-01-01", "2024-12-31"),
                        limit("COD", "50", null, "新许可", "2025-01-01", null)));
        // 00:30 on 1 January 2025 in Beijing is still 31 December 2024 in UTC: the new limit 50 applies, 80 breaks it
        store("of-b", new String[] {"c1", "2024-12-31T16:30:00Z", "COD", "80"});
        assertThat(alarmsOf("of-b"))
                .singleElement()
                .satisfies(a -> assertThat(a.evidence())
                        .containsEntry("limit", "50")
                        .containsEntry("limitSource", "新许可")
                        .containsEntry("validTo", null));
    }

    @Test
    void aSectionOrAnOutfallWithoutLimitsRaisesNoDischargeLimitAlarm() {
        ledger.put("of-c", outfall("of-c"));
        store("of-c", new String[] {"d1", "2025-06-01T10:00:00+08:00", "COD", "900"});
        store("s-1", new String[] {"d2", "2025-06-01T10:00:00+08:00", "COD", "900"});
        assertThat(log.count(new AlarmLog.Filter(null, null, null, null, null, null)))
                .isZero();
    }
}
