package liuyu.bench.quality;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import liuyu.quality.Observation;
import liuyu.quality.Parameter;
import liuyu.storage.TestDatabase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Observations stored per second. {@code append}: {@code ObservationStore.append} of a 1,000-row
 * batch (one transaction: idempotency look-up of the ids, then a JDBC batch insert). The baseline
 * is the naive way: one INSERT per observation, each committed on its own (autocommit), no
 * idempotency look-up. Stores: {@code h2} the embedded default (an H2 file in a temporary
 * directory), {@code postgres} a throwaway local PostgreSQL 15 cluster (fsync off, as in tests).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IngestBenchmark {
    static final int BATCH = 1000;
    private static final String INSERT = "INSERT INTO observation (observation_id, version, site_id, sampled_at, parameter_code,"
        + " measured_value, unit, reported_value, reported_unit, below_detection_limit, method, source_kind, abnormal_cause,"
        + " sampler, analyst, reviewer, signatory, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    @Param({"h2", "postgres"})
    public String store;

    private TestDatabase db;
    private long next;

    @Setup(Level.Trial)
    public void open() throws Exception {
        db = store.equals("h2") ? TestDatabase.h2File(Files.createTempDirectory("liuyu-bench-h2")) : TestDatabase.postgres();
    }

    private List<Observation> batch() {
        List<Observation> out = new ArrayList<>(BATCH);
        OffsetDateTime at = OffsetDateTime.of(2025, 6, 5, 9, 30, 0, 0, ZoneOffset.ofHours(8));
        for (int i = 0; i < BATCH; i++) {
            long n = next++;
            BigDecimal v = BigDecimal.valueOf(n % 997, 3);
            out.add(new Observation("bench-" + n, 0, "yulinzhuang", at.plusMinutes(n % 100_000), Parameter.NH3N, v, "mg/L",
                v.toPlainString(), "mg/L", false, "HJ 535-2009", new Observation.Source(Observation.Source.MANUAL, null, null),
                null, new Observation.People("张三", "李四", "王五", "赵六"), null, null, null));
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object append() {
        return db.store().append("bench", batch());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int baselineRowPerTransaction() throws Exception {
        int stored = 0;
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            c.setAutoCommit(true);
            for (Observation o : batch()) {
                ps.setString(1, o.id());
                ps.setInt(2, 1);
                ps.setString(3, o.siteId());
                ps.setObject(4, o.sampledAt());
                ps.setString(5, o.parameter().code());
                ps.setString(6, o.value().toPlainString());
                ps.setString(7, o.unit());
                ps.setString(8, o.reportedValue());
                ps.setString(9, o.reportedUnit());
                ps.setBoolean(10, false);
                ps.setString(11, o.method());
                ps.setString(12, o.source().kind());
                ps.setString(13, null);
                ps.setString(14, o.people().sampler());
                ps.setString(15, o.people().analyst());
                ps.setString(16, o.people().reviewer());
                ps.setString(17, o.people().signatory());
                ps.setString(18, "bench");
                ps.setObject(19, Instant.now().atOffset(ZoneOffset.UTC));
                stored += ps.executeUpdate();
            }
        }
        return stored;
    }
}
