package liuyu.bench.outfalls;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import liuyu.atlas.Atlas;
import liuyu.atlas.Feature;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.outfalls.LedgerCommands;
import liuyu.outfalls.LedgerFixture;
import liuyu.outfalls.Outfall;
import liuyu.outfalls.OutfallType;
import liuyu.outfalls.Remediation;
import liuyu.outfalls.State;
import liuyu.outfalls.Supervision;
import liuyu.outfalls.Transition;
import liuyu.outfalls.Violation;
import liuyu.quality.Intake;
import liuyu.quality.Observation;
import liuyu.quality.ObservationService;
import liuyu.quality.Parameter;
import liuyu.storage.TestDatabase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 有水皆测 coverage of a year over a SYNTHETIC ledger of {@code outfalls} records spread over the
 * demo districts (random types, 60 % normally flowing, random lifecycles 2020–2025, some banned or
 * merged) with 2024 samples for about 70 % of them. {@code coverage}: {@code Supervision.coverage}
 * — the ledger snapshot in memory, states at the year's end from its steps, one DISTINCT query
 * for the parameters observed. The baseline asks the database the same question in one SQL query
 * (latest versions, last step by the year's end, observations grouped by site). Setup checks both
 * name the same uncovered outfalls. Stores: {@code h2} (an H2 file, the embedded default) and
 * {@code postgres} (the throwaway local PostgreSQL 15 cluster).
 */
@org.openjdk.jmh.annotations.State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CoverageBenchmark {
    static final int YEAR = 2024;
    private static final String SQL = """
        WITH cur AS (SELECT o.outfall_id, o.normally_flowing FROM outfall o
                     WHERE o.version = (SELECT MAX(v.version) FROM outfall v WHERE v.outfall_id = o.outfall_id)),
             last AS (SELECT e.outfall_id, e.to_state, e.remediation FROM outfall_event e
                      WHERE e.seq = (SELECT MAX(x.seq) FROM outfall_event x WHERE x.outfall_id = e.outfall_id AND x.occurred_on <= ?)),
             obs AS (SELECT site_id, MAX(CASE WHEN parameter_code = 'flow' THEN 1 ELSE 0 END) AS quantity,
                            MAX(CASE WHEN parameter_code NOT IN ('flow', 'water-temperature') THEN 1 ELSE 0 END) AS quality
                     FROM observation WHERE sampled_at >= ? AND sampled_at < ? GROUP BY site_id)
        SELECT cur.outfall_id FROM cur JOIN last ON last.outfall_id = cur.outfall_id LEFT JOIN obs ON obs.site_id = cur.outfall_id
        WHERE cur.normally_flowing AND NOT (last.to_state = 'closed' AND last.remediation IN ('ban', 'merge'))
          AND (COALESCE(obs.quality, 0) = 0 OR COALESCE(obs.quantity, 0) = 0)""";

    @Param({"h2", "postgres"})
    public String store;

    @Param({"10000"})
    public int outfalls;

    private TestDatabase db;
    private Supervision supervision;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        db = store.equals("h2") ? TestDatabase.h2File(Files.createTempDirectory("liuyu-bench-ledger")) : TestDatabase.postgres();
        LedgerFixture.Ledger ledger = LedgerFixture.on(db);
        supervision = new Supervision(
                ledger.queries(), new ObservationService(new Intake(Clock.systemUTC()), db.store()));
        Random random = new Random(11);
        Atlas atlas = ledger.queries().atlas();
        List<LedgerCommands.Imported> batch = new ArrayList<>();
        List<Observation> samples = new ArrayList<>();
        for (int i = 0; i < outfalls; i++) {
            String id = "bench-of-" + i;
            double[] at = pointInADistrict(atlas, random);
            boolean flowing = random.nextDouble() < 0.6;
            Outfall.Details d = new Outfall.Details(null, null, null, null, null, null, null, List.of(), null, false, List.of(), null,
                null, null, null, false, false, List.of());
            Outfall o = new Outfall(id, 1, "基准排污口 " + i, null, OutfallType.values()[random.nextInt(7)], at[0], at[1], flowing, d,
                new Provenance(Method.SYNTHETIC, "CoverageBenchmark", "test", "synthetic benchmark record", false), "bench",
                Instant.now(), null);
            batch.add(new LedgerCommands.Imported(o, history(random)));
            OffsetDateTime sampled = OffsetDateTime.of(YEAR, 1 + random.nextInt(12), 1 + random.nextInt(28), 10, 0, 0, 0, ZoneOffset.ofHours(8));
            if (random.nextDouble() < 0.7) {
                samples.add(sample(id + "-cod", id, sampled, "COD", "25", "mg/L"));
            }
            if (random.nextDouble() < 0.7) {
                samples.add(sample(id + "-q", id, sampled, "flow", "500", "m³/d"));
            }
            if (batch.size() == 1000) {
                ledger.commands().importAll(batch);
                batch.clear();
            }
        }
        ledger.commands().importAll(batch);
        for (int i = 0; i < samples.size(); i += 1000) {
            db.store().append("bench", samples.subList(i, Math.min(samples.size(), i + 1000)));
        }
        Set<String> inMemory = new TreeSet<>(coverage().uncovered().stream().map(Supervision.Measured::id).toList());
        Set<String> bySql = new TreeSet<>(baselineSql());
        if (!inMemory.equals(bySql)) {
            throw new IllegalStateException("coverage and SQL disagree: " + inMemory.size() + " vs " + bySql.size() + " uncovered");
        }
        System.out.println("ledger of " + outfalls + " outfalls: " + coverage().inScope() + " in scope for " + YEAR + ", "
            + inMemory.size() + " uncovered");
    }

    @Benchmark
    public Supervision.Coverage coverage() {
        return supervision.coverage(YEAR, null);
    }

    @Benchmark
    public Object observedOnly() {
        return db.store().parametersObserved(OffsetDateTime.of(YEAR, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant(),
            OffsetDateTime.of(YEAR + 1, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant());
    }

    @Benchmark
    public List<String> baselineSql() {
        return db.jdbc().queryForList(SQL, String.class, LocalDate.of(YEAR, 12, 31),
            OffsetDateTime.of(YEAR, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)),
            OffsetDateTime.of(YEAR + 1, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(8)));
    }

    private static double[] pointInADistrict(Atlas atlas, Random random) {
        while (true) {
            double lon = 115.5 + 2.0 * random.nextDouble();
            double lat = 39.5 + 1.5 * random.nextDouble();
            for (Feature f : atlas.zones().containing(lon, lat)) {
                if (f.layer().equals("districts")) {
                    return new double[] {lon, lat};
                }
            }
        }
    }

    /** A random walk along the lifecycle from a discovery in 2020–2024, a step every 10–200 days, until 2025-12-31. */
    private static List<Transition> history(Random random) {
        List<Transition> steps = new ArrayList<>();
        LocalDate day = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(5 * 365));
        State state = State.DISCOVERED;
        Remediation way = null;
        steps.add(step(1, null, state, day, List.of(), null));
        LocalDate end = LocalDate.of(2025, 12, 31);
        while (true) {
            day = day.plusDays(10 + random.nextInt(190));
            List<State> next = new ArrayList<>(state.next());
            if (day.isAfter(end) || next.isEmpty() || random.nextDouble() < 0.15) {
                return steps;
            }
            State to = next.get(random.nextInt(next.size()));
            if (to == State.IN_REMEDIATION) {
                way = Remediation.values()[random.nextInt(3)];
            }
            steps.add(step(steps.size() + 1, state, to, day, to == State.VIOLATION ? List.of(Violation.OVER_LIMIT) : List.of(),
                to == State.IN_REMEDIATION || to == State.CLOSED ? way : null));
            state = to;
        }
    }

    private static Transition step(int seq, State from, State to, LocalDate day, List<Violation> kinds, Remediation way) {
        return new Transition(seq, from, to, "synthetic", List.of("benchmark"), kinds, way, day, "bench", Instant.now());
    }

    private static Observation sample(String id, String site, OffsetDateTime at, String parameter, String value, String unit) {
        return new Observation(id, 0, site, at, Parameter.ofCode(parameter), new BigDecimal(value), unit.equals("mg/L") ? "mg/L" : "m³/d", value, unit,
            false, "synthetic", new Observation.Source(Observation.Source.SYNTHETIC, null, null), null,
            new Observation.People(null, null, null, null), null, null, null);
    }
}
