package liuyu.bench.network;

import java.sql.PreparedStatement;
import java.util.concurrent.TimeUnit;
import liuyu.network.Mode;
import liuyu.network.Origin;
import liuyu.network.Reached;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * UT or DM bounded by 50 km from random reaches of the million-reach network; the baseline is the
 * same navigation as a recursive CTE in PostgreSQL, with the same sequence of starts. Starts are
 * {@code any} reach (mostly small headwater streams, as in any river network) or reaches on the
 * {@code mainstem} of the outlet (large rivers, where a section's upstream holds thousands of reaches).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
public class DistanceNavigationBenchmark {
    static final double LIMIT_M = 50_000;

    @Param({"UT", "DM"})
    public String mode;

    @Param({"any", "mainstem"})
    public String starts;

    private MillionReaches net;
    private Mode navigation;
    private PreparedStatement cte;
    private int[] from;
    private int next;
    private int nextBaseline;

    @Setup(Level.Trial)
    public void load() throws Exception {
        net = MillionReaches.load();
        navigation = Mode.valueOf(mode);
        cte = net.db.prepareStatement(navigation == Mode.UT ? MillionReaches.UPSTREAM_CTE : MillionReaches.DOWNSTREAM_CTE);
        from = starts.equals("any") ? net.randomReaches(4096, 11) : net.randomOnMainStem(4096, 11);
        long found = 0;
        for (int i = 0; i < from.length; i++) {
            Reached r = net.network.navigate(navigation, Origin.reach(from[i]), LIMIT_M);
            found += r.size();
            if (i < 200) {
                double[] db = MillionReaches.countAndSum(cte, from[i], LIMIT_M);
                if (db[0] != r.size()) {
                    throw new IllegalStateException(mode + " from " + from[i] + ": " + r.size() + " in memory, " + db[0] + " by the CTE");
                }
            }
        }
        System.out.printf("%n%s within 50 km from %s starts: %.1f reaches on average%n", mode, starts, (double) found / from.length);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        net.db.close();
    }

    @Benchmark
    public Reached navigate() {
        next = (next + 1) & (from.length - 1);
        return net.network.navigate(navigation, Origin.reach(from[next]), LIMIT_M);
    }

    @Benchmark
    public double[] baselineRecursiveCte() throws Exception {
        nextBaseline = (nextBaseline + 1) & (from.length - 1);
        return MillionReaches.countAndSum(cte, from[nextBaseline], LIMIT_M);
    }
}
