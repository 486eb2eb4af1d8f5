package liuyu.bench.quality;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import liuyu.quality.Assessment;
import liuyu.quality.Classifier;
import liuyu.quality.Measurement;
import liuyu.quality.Parameter;
import liuyu.quality.Profile;
import liuyu.quality.Rounding;
import liuyu.quality.Waterbody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Samples classed per second, in process. Each sample holds the 21 items of the full profile with
 * values spread over all classes (river). {@code classifyFull}: the whole answer (factors, 定类因子,
 * exceedance multiples) with rounding half-to-even to reported decimals; {@code classifyFullRaw}
 * the same without rounding. The baseline is a naive classifier of
 * the kind one writes first: limits in a {@code Map<String, Map<String, List<Double>>>} looked up by
 * waterbody and parameter name for every value, samples as {@code Map<String, Double>}, and the
 * answer built as a map (the same facts: class, class-setting parameters, multiples).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@org.openjdk.jmh.annotations.Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClassifyBenchmark {
    static final int SAMPLES = 1024;

    private final Classifier classifier = new Classifier();
    private final List<List<Measurement>> samples = new ArrayList<>();
    private final List<Map<String, Double>> plainSamples = new ArrayList<>();
    private final Map<String, Map<String, List<Double>>> limits = new HashMap<>();

    @Setup(Level.Trial)
    public void generate() {
        Random random = new Random(7);
        for (int i = 0; i < SAMPLES; i++) {
            List<Measurement> sample = new ArrayList<>();
            Map<String, Double> plain = new LinkedHashMap<>();
            for (Parameter p : Profile.FULL.evaluated()) {
                BigDecimal v = switch (p.kind()) {
                    case RANGE -> BigDecimal.valueOf(5.5 + 4 * random.nextDouble()).setScale(2, java.math.RoundingMode.HALF_EVEN);
                    default -> {
                        BigDecimal[] l = p.limits(Waterbody.RIVER);
                        double top = l[4].doubleValue() * 1.3;
                        yield BigDecimal.valueOf(top * random.nextDouble()).setScale(l[0].scale() + 2, java.math.RoundingMode.HALF_EVEN);
                    }
                };
                sample.add(new Measurement(p, v, Math.max(0, v.scale() - 1), false));
                plain.put(p.code(), v.doubleValue());
            }
            samples.add(sample);
            plainSamples.add(plain);
        }
        for (Waterbody w : List.of(Waterbody.RIVER, Waterbody.LAKE_RESERVOIR)) {
            Map<String, List<Double>> byName = new HashMap<>();
            for (Parameter p : Parameter.values()) {
                if (p.limits(w) != null) {
                    List<Double> l = new ArrayList<>();
                    for (BigDecimal d : p.limits(w)) {
                        l.add(d.doubleValue());
                    }
                    byName.put(p.code(), l);
                }
            }
            limits.put(w.code(), byName);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void classifyFull(Blackhole bh) {
        for (List<Measurement> s : samples) {
            Assessment a = classifier.classify(Waterbody.RIVER, Profile.FULL, Rounding.REPORTED, s);
            bh.consume(a);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void classifyFullRaw(Blackhole bh) {
        for (List<Measurement> s : samples) {
            bh.consume(classifier.classify(Waterbody.RIVER, Profile.FULL, Rounding.RAW, s));
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void baselineGenericMap(Blackhole bh) {
        for (Map<String, Double> s : plainSamples) {
            bh.consume(naive("river", s));
        }
    }

    private Map<String, Object> naive(String waterbody, Map<String, Double> sample) {
        int worst = -1;
        Map<String, Integer> classes = new HashMap<>();
        Map<String, Double> multiples = new HashMap<>();
        for (Map.Entry<String, Double> e : sample.entrySet()) {
            String name = e.getKey();
            double v = e.getValue();
            int c;
            if (name.equals("pH")) {
                c = v >= 6 && v <= 9 ? 0 : 5;
            } else {
                List<Double> l = limits.get(waterbody).get(name);
                boolean lower = name.equals("DO");
                c = 5;
                for (int i = 0; i < l.size(); i++) {
                    if (lower ? v >= l.get(i) : v <= l.get(i)) {
                        c = i;
                        break;
                    }
                }
                if (!lower && c > 2) {
                    multiples.put(name, (v - l.get(2)) / l.get(2));
                }
            }
            classes.put(name, c);
            worst = Math.max(worst, c);
        }
        List<String> setting = new ArrayList<>();
        for (Map.Entry<String, Integer> e : classes.entrySet()) {
            if (e.getValue() == worst && !(e.getKey().equals("pH") && worst == 0)) {
                setting.add(e.getKey());
            }
        }
        Map<String, Object> out = new HashMap<>();
        out.put("class", worst);
        out.put("classes", classes);
        out.put("classSetting", setting);
        out.put("multiples", multiples);
        return out;
    }
}
