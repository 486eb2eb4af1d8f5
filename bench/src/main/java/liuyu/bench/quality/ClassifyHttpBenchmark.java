package liuyu.bench.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import liuyu.LiuyuApplication;
import liuyu.quality.Classifier;
import liuyu.quality.Measurement;
import liuyu.quality.Parameter;
import liuyu.quality.Profile;
import liuyu.quality.Reading;
import liuyu.quality.Rounding;
import liuyu.quality.Waterbody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Rows classed per second by {@code POST /quality/classify} over real HTTP, in batches of 10,000
 * CNEMC-shaped rows (the eleven real-time columns, realtime profile, river), as JSON
 * ({@code {"samples": [...]}}) and as a CSV table with Chinese headers; the baseline is the same
 * 10,000 samples classed in process by {@link Classifier} in the same run (values already read).
 * Scores are rows per second (one operation = one row).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@org.openjdk.jmh.annotations.Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ClassifyHttpBenchmark {
    static final int ROWS = 10_000;
    private static final String[] COLUMNS = {"水温(℃)", "pH(无量纲)", "溶解氧(mg/L)", "电导率(μS/cm)", "浊度(NTU)", "高锰酸盐指数(mg/L)",
        "氨氮(mg/L)", "总磷(mg/L)", "总氮(mg/L)", "叶绿素α(mg/L)", "藻密度(cells/L)"};
    private static final Parameter[] PARAMETERS = {Parameter.WATER_TEMPERATURE, Parameter.PH, Parameter.DO, Parameter.CONDUCTIVITY,
        Parameter.TURBIDITY, Parameter.CODMN, Parameter.NH3N, Parameter.TP, Parameter.TN, Parameter.CHLOROPHYLL_A, Parameter.ALGAL_DENSITY};

    private final Classifier classifier = new Classifier();
    private final List<List<Measurement>> samples = new ArrayList<>();

    @Setup(Level.Trial)
    public void read() {
        Random random = new Random(19);
        for (int i = 0; i < ROWS; i++) {
            String[] values = Service.row(random);
            List<Measurement> sample = new ArrayList<>();
            for (int c = 0; c < values.length; c++) {
                sample.add(Reading.measurement(PARAMETERS[c], values[c], null, null));
            }
            samples.add(sample);
        }
    }

    /** The running service and one 10,000-row request in the format under test; only the HTTP benchmark starts it. */
    @State(Scope.Benchmark)
    public static class Service {
        @Param({"json", "csv"})
        public String format;

        private ConfigurableApplicationContext service;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private HttpRequest request;

        @Setup(Level.Trial)
        public void start() throws Exception {
            Random random = new Random(19); // the same rows as the baseline's
            StringBuilder json = new StringBuilder("{\"waterbody\": \"river\", \"profile\": \"realtime\", \"samples\": [");
            StringBuilder csv = new StringBuilder("编号," + String.join(",", COLUMNS) + "\n");
            for (int i = 0; i < ROWS; i++) {
                String[] values = row(random);
                json.append(i == 0 ? "" : ",").append("{\"id\": \"s-").append(i).append("\", \"values\": {");
                csv.append("s-").append(i);
                for (int c = 0; c < values.length; c++) {
                    json.append(c == 0 ? "" : ", ").append('"').append(PARAMETERS[c].code()).append("\": ").append(values[c]);
                    csv.append(',').append(values[c]);
                }
                json.append("}}");
                csv.append('\n');
            }
            json.append("]}");
            service = new org.springframework.boot.SpringApplication(LiuyuApplication.class).run("--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:bench-classify;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "--liuyu.quality.demo-observations=false", "--logging.level.root=WARN", "--spring.main.banner-mode=off");
            String port = service.getEnvironment().getProperty("local.server.port");
            boolean isJson = format.equals("json");
            String path = "/quality/classify" + (isJson ? "" : "?waterbody=river&profile=realtime");
            byte[] body = (isJson ? json : csv).toString().getBytes(StandardCharsets.UTF_8);
            request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", isJson ? "application/json" : "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> check = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (check.statusCode() != 200 || !check.body().startsWith("{\"count\":" + ROWS + ",")) {
                throw new IllegalStateException("classify answered " + check.statusCode() + ": "
                    + check.body().substring(0, Math.min(300, check.body().length())));
            }
            System.out.printf(Locale.ROOT, "%n[classify %s] request %.1f MiB, response %.1f MiB%n", format, body.length / 1048576.0,
                check.body().getBytes(StandardCharsets.UTF_8).length / 1048576.0);
        }

        /** One CNEMC-shaped row: values spread over the classes, as text with the decimals the page shows. */
        private static String[] row(Random r) {
            return new String[] {
                fmt(2 + 26 * r.nextDouble(), 1), fmt(6.5 + 3 * r.nextDouble(), 2), fmt(1.5 + 10 * r.nextDouble(), 2),
                fmt(200 + 800 * r.nextDouble(), 1), fmt(60 * r.nextDouble(), 1), fmt(1 + 12 * r.nextDouble(), 1),
                fmt(2.4 * r.nextDouble(), 3), fmt(0.45 * r.nextDouble(), 3), fmt(0.2 + 6 * r.nextDouble(), 2),
                fmt(0.03 * r.nextDouble(), 4), fmt(1e4 + 5e7 * r.nextDouble(), 0)};
        }

        private static String fmt(double v, int decimals) {
            return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        }

        @TearDown(Level.Trial)
        public void stop() {
            service.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void http(Service s, Blackhole bh) throws Exception {
        HttpResponse<byte[]> r = s.http.send(s.request, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("classify answered " + r.statusCode());
        }
        bh.consume(r.body());
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void baselineInProcess(Blackhole bh) {
        for (List<Measurement> s : samples) {
            bh.consume(classifier.classify(Waterbody.RIVER, Profile.REALTIME, Rounding.RAW, s));
        }
    }
}
