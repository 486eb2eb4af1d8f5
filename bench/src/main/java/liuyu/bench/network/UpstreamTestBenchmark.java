package liuyu.bench.network;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * "Is A upstream of B" for pairs of the million-reach network, half of them true (B on A's way to
 * the outlet) and half random: the nested-interval test against a recursive CTE walking down from A.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx8g"})
public class UpstreamTestBenchmark {
    private MillionReaches net;
    private PreparedStatement cte;
    private int[] a;
    private int[] b;
    private int next;
    private int nextBaseline;

    @Setup(Level.Trial)
    public void load() throws Exception {
        net = MillionReaches.load();
        cte = net.db.prepareStatement(MillionReaches.UPSTREAM_TEST_CTE);
        Random random = new Random(13);
        int pairs = 4096;
        a = net.randomReaches(pairs, 17);
        b = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            if (i % 2 == 0) {
                int x = a[i];
                int steps = 1 + random.nextInt(20);
                for (int s = 0; s < steps && net.network.mainDownstream(x) >= 0; s++) {
                    x = net.network.mainDownstream(x);
                }
                b[i] = x;
            } else {
                b[i] = random.nextInt(net.network.size());
            }
        }
        for (int i = 0; i < 500; i++) {
            if (net.network.isUpstream(a[i], b[i]) != viaCte(a[i], b[i])) {
                throw new IllegalStateException("pair " + a[i] + ", " + b[i] + ": the interval test and the CTE disagree");
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        net.db.close();
    }

    private boolean viaCte(int x, int y) throws Exception {
        cte.setInt(1, x);
        cte.setInt(2, y);
        cte.setInt(3, y);
        try (ResultSet rs = cte.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Benchmark
    public boolean isUpstream() {
        next = (next + 1) & (a.length - 1);
        return net.network.isUpstream(a[next], b[next]);
    }

    @Benchmark
    public boolean baselineRecursiveCte() throws Exception {
        nextBaseline = (nextBaseline + 1) & (a.length - 1);
        return viaCte(a[nextBaseline], b[nextBaseline]);
    }
}
