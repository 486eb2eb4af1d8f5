package liuyu.bench.quality;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import liuyu.audit.ObservationChain;
import liuyu.quality.Observation;
import liuyu.quality.ObservationStore;
import liuyu.quality.Parameter;
import liuyu.storage.TestDatabase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A decade of automatic-station data (4 sites × 3 parameters, hourly, 2016–2025: 1.05 million rows) in PostgreSQL,
 * asked through {@code ObservationStore} as the service asks it: {@code partitioned} is the postgis profile's schema,
 * one partition per month (120, migration V30_1); the baseline, {@code baselineOneTable}, the same rows in one table
 * (the schema without the postgis migrations). Both on the tests' throwaway cluster (fsync off), loaded by SQL in the
 * set-up, each asked over one connection kept open (as the service's pool keeps them). Questions ({@code question}):
 * a site's month of latest versions ({@code /quality} series), which parameters every site observed in a month, every
 * site's totals of a month ({@code /quality/targets}), an ingest batch of 500 new observations (the ids' idempotency
 * check, then the insert), and an hour of the four stations (12 observations) stored and then hash-chained as the
 * audit chain's timer does every ten seconds on every instance (the decade is chained in the set-up). Run:
 * {@code bench/run.sh ObservationDecade}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ObservationDecadeBenchmark {
    static final int SITES = 4;
    static final int BATCH = 500;

    @Param({"siteMonth", "parametersOfAMonth", "totalsOfAMonth", "ingestBatchOf500", "chainAnHour"})
    public String question;

    private final SplittableRandom random = new SplittableRandom(42);
    private long next;
    private final Map<TestDatabase, ObservationChain> chains = new HashMap<>();

    /** The postgis profile's schema: a partition per month, 2016 to 2026. */
    @State(Scope.Benchmark)
    public static class Partitioned {
        final TestDatabase db = kept(TestDatabase.postgis());

        @Setup
        public void load() {
            db.jdbc()
                    .queryForList(
                            "SELECT observation_month_partition(m) FROM generate_series("
                                    + "TIMESTAMPTZ '2016-01-01Z', TIMESTAMPTZ '2026-12-01Z', INTERVAL '1 month') m",
                            String.class);
            decade(db);
        }
    }

    /** The same rows in one table: the schema without the postgis migrations. */
    @State(Scope.Benchmark)
    public static class OneTable {
        final TestDatabase db = kept(TestDatabase.postgres());

        @Setup
        public void load() {
            decade(db);
        }
    }

    /**
     * The migrated database over one connection kept open, as the service's pool keeps its connections: a new
     * connection first reads the catalogue of every partition it plans for (tens of milliseconds on the partitioned
     * schema), which the service pays once per pooled connection, not per question.
     */
    static TestDatabase kept(TestDatabase migrated) {
        SingleConnectionDataSource one = new SingleConnectionDataSource(migrated.url(), migrated.user(), "", true);
        JdbcTemplate jdbc = new JdbcTemplate(one);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(one));
        return new TestDatabase(
                migrated.url(), migrated.user(), one, jdbc, new ObservationStore(jdbc, tx, Clock.systemUTC()));
    }

    static void decade(TestDatabase db) {
        db.jdbc()
                .update(
                        """
            INSERT INTO observation (observation_id, version, site_id, sampled_at, parameter_code, measured_value, unit,
                                     reported_value, reported_unit, below_detection_limit, source_kind, device_id,
                                     recorded_by, recorded_at)
            SELECT 'o-' || s || '-' || p || '-' || extract(epoch FROM t)::bigint, 1, 'site-' || s, t, p, '0.5', 'mg/L',
                   '0.5', 'mg/L', false, 'hj212', 'station-' || s, 'bench', t
            FROM generate_series(1, %d) s, unnest(ARRAY['COD', 'NH3-N', 'TP']) p,
                 generate_series(TIMESTAMPTZ '2016-01-01Z', TIMESTAMPTZ '2025-12-31 23:00Z', INTERVAL '1 hour') t"""
                                .formatted(SITES));
        // the decade as chained already (what the chain's timer would have done over the years; hashes not checked)
        db.jdbc()
                .update(
                        "INSERT INTO observation_chain (position, record_id, previous_hash, entry_hash)"
                                + " SELECT row_number() OVER (ORDER BY record_id), record_id, 'p', 'e' FROM observation");
        db.jdbc().execute("ANALYZE");
    }

    @Benchmark
    public Object partitioned(Partitioned p) {
        return ask(p.db);
    }

    @Benchmark
    public Object baselineOneTable(OneTable t) {
        return ask(t.db);
    }

    private Object ask(TestDatabase db) {
        Instant m = OffsetDateTime.of(2016 + random.nextInt(10), 1 + random.nextInt(12), 1, 0, 0, 0, 0, ZoneOffset.UTC)
                .toInstant();
        Instant end = m.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        return switch (question) {
            case "siteMonth" -> db.store().latest("site-" + (1 + random.nextInt(SITES)), m, end);
            case "parametersOfAMonth" -> db.store().parametersObserved(m, end);
            case "totalsOfAMonth" -> db.store().periodTotals(m, end);
            case "ingestBatchOf500" -> db.store().append("bench", batch(BATCH));
            case "chainAnHour" -> {
                db.store().append("bench", batch(SITES * 3));
                yield chains.computeIfAbsent(db, d -> new ObservationChain(
                                d.jdbc(), new TransactionTemplate(new DataSourceTransactionManager(d.dataSource()))))
                        .extend();
            }
            default -> throw new IllegalArgumentException(question);
        };
    }

    private List<Observation> batch(int size) {
        List<Observation> batch = new ArrayList<>(size);
        OffsetDateTime at = OffsetDateTime.of(2026, 6, 5, 9, 30, 0, 0, ZoneOffset.ofHours(8));
        for (int i = 0; i < size; i++) {
            long n = next++;
            BigDecimal v = BigDecimal.valueOf(n % 997, 3);
            batch.add(new Observation(
                    "bench-" + n,
                    0,
                    "site-1",
                    at.plusSeconds(n),
                    Parameter.NH3N,
                    v,
                    "mg/L",
                    v.toPlainString(),
                    "mg/L",
                    false,
                    "HJ 535-2009",
                    new Observation.Source(Observation.Source.MANUAL, null, null),
                    null,
                    new Observation.People("张三", "李四", "王五", "赵六"),
                    null,
                    null,
                    null));
        }
        return batch;
    }
}
