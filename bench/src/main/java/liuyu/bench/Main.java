package liuyu.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with the usual command line, then prints each benchmark against the baseline measured in
 * the same run: in every class, methods named {@code baseline…} are the baselines (for example the
 * same question answered by brute force or by PostGIS), and every other method gets a ratio to them.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        Map<String, List<RunResult>> byClass = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String cls = label.substring(0, label.lastIndexOf('.'));
            byClass.computeIfAbsent(cls + paramsOf(r), k -> new ArrayList<>()).add(r);
        }
        System.out.println();
        System.out.println("Percentiles (sample-time benchmarks):");
        for (RunResult r : results) {
            if (r.getParams().getMode().shortLabel().equals("sample")) {
                var stats = r.getPrimaryResult().getStatistics();
                System.out.printf("  %-70s p50 %10.3f  p99 %10.3f %s%n",
                    r.getParams().getBenchmark().replaceFirst("^liuyu\\.bench\\.", "") + paramsOf(r),
                    stats.getPercentile(50), stats.getPercentile(99), r.getPrimaryResult().getScoreUnit());
            }
        }
        System.out.println();
        System.out.println("Ratios against the baseline measured in this run (>1 means faster than the baseline):");
        for (Map.Entry<String, List<RunResult>> e : byClass.entrySet()) {
            for (RunResult baseline : e.getValue()) {
                if (!method(baseline).startsWith("baseline")) {
                    continue;
                }
                for (RunResult r : e.getValue()) {
                    if (r == baseline || method(r).startsWith("baseline")
                        || !r.getParams().getMode().equals(baseline.getParams().getMode())) {
                        continue;
                    }
                    double ratio = speedRatio(r, baseline);
                    System.out.printf("  %-70s %10.1f× vs %s%n", e.getKey().replaceFirst("^liuyu\\.bench\\.", "") + "." + method(r),
                        ratio, method(baseline));
                }
            }
        }
    }

    private static double central(RunResult r) {
        return r.getParams().getMode().shortLabel().equals("sample")
            ? r.getPrimaryResult().getStatistics().getPercentile(50) : r.getPrimaryResult().getScore();
    }

    private static String paramsOf(RunResult r) {
        StringBuilder b = new StringBuilder();
        for (String key : r.getParams().getParamsKeys()) {
            b.append(b.length() == 0 ? " [" : ", ").append(key).append('=').append(r.getParams().getParam(key));
        }
        return b.length() == 0 ? "" : b.append(']').toString();
    }

    private static String method(RunResult r) {
        String label = r.getParams().getBenchmark();
        return label.substring(label.lastIndexOf('.') + 1);
    }

    /** Time-per-op modes: baseline / candidate (medians for sample time); throughput: candidate / baseline. */
    private static double speedRatio(RunResult candidate, RunResult baseline) {
        double c = central(candidate);
        double b = central(baseline);
        boolean throughput = candidate.getParams().getMode().shortLabel().equals("thrpt");
        return throughput ? c / b : b / c;
    }
}
