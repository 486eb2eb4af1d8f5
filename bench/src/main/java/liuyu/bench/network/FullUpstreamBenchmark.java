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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * UT without a distance limit from the outlet of the million-reach network: every reach, each with
 * its distance. The baseline is the same navigation as NLDI's recursive CTE in PostgreSQL, which
 * only counts and sums in the database (it is spared sending a million rows).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
public class FullUpstreamBenchmark {
    private MillionReaches net;
    private PreparedStatement cte;

    @Setup(Level.Trial)
    public void load() throws Exception {
        net = MillionReaches.load();
        cte = net.db.prepareStatement(MillionReaches.UPSTREAM_CTE);
        Reached all = upstreamAll();
        double[] db = MillionReaches.countAndSum(cte, net.outlet(), Double.MAX_VALUE);
        if (all.size() != net.network.size() || db[0] != all.size()) {
            throw new IllegalStateException("UT from the outlet: " + all.size() + " in memory, " + db[0] + " by the CTE");
        }
        System.out.printf("%nmain stem of the outlet: %d reaches%n",
            net.network.navigate(Mode.UM, Origin.reach(net.outlet()), Double.POSITIVE_INFINITY).size());
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        net.db.close();
    }

    @Benchmark
    public Reached upstreamAll() {
        return net.network.navigate(Mode.UT, Origin.reach(net.outlet()), Double.POSITIVE_INFINITY);
    }

    @Benchmark
    public double[] baselineRecursiveCte() throws Exception {
        return MillionReaches.countAndSum(cte, net.outlet(), Double.MAX_VALUE);
    }
}
