package liuyu.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import liuyu.cli.Cli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every example of README.md and docs/*.md against the service on the demo atlas (profile dev, its own
 * in-memory database) and fails when an answer differs from what the page shows. {@code curl} commands are sent
 * over HTTP; {@code java -jar …-exec.jar} (or {@code liuyu}) sub-commands run the command line in-process;
 * {@code ogrinfo}/{@code ogr2ogr} run GDAL against the service. {@code /tmp/} in an example is a fresh temporary
 * directory. Conventions: {@link DocExamples}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:DocsExamplesTest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "liuyu.atlas.dir=gis"
        })
@ActiveProfiles("dev")
@Tag("integration")
class DocsExamplesTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern JAR = Pattern.compile("target/liuyu-[^/]*-exec\\.jar");
    private static final Pattern HEADER = Pattern.compile("^\\s{2,}([A-Z][A-Za-z-]*): (.+)$");
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @LocalServerPort
    int port;

    @TempDir
    Path tmp;

    int run;
    final List<String> failures = new ArrayList<>();
    final List<String> notRun = new ArrayList<>();

    @Test
    void everyExampleOfTheReadmeAndTheDocsAnswersAsShown() throws Exception {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        for (Path page : pages) {
            DocExamples.Page examples =
                    DocExamples.read(page, ROOT.relativize(page).toString());
            for (DocExamples.Skipped s : examples.skipped()) {
                notRun.add(s.page() + ":" + s.line() + " " + s.reason());
                if (!s.reason().matches("not run\\W+\\S.*")) {
                    failures.add(s.page() + ":" + s.line() + ": a block not run must say why");
                }
            }
            for (DocExamples.Command c : examples.commands()) {
                try {
                    execute(c);
                } catch (Exception | AssertionError e) {
                    failures.add(c.where() + ": " + String.join(" ", c.words()) + "\n    " + e);
                }
            }
        }
        System.out.println("docs examples: " + run + " run, " + notRun.size() + " blocks not run:\n  "
                + String.join("\n  ", notRun));
        assertThat(failures).as("examples whose answer differs from the page").isEmpty();
        assertThat(run).as("examples run").isGreaterThan(60);
    }

    private void execute(DocExamples.Command c) throws Exception {
        List<String> w = new ArrayList<>(c.words());
        while (!w.isEmpty() && w.get(0).matches("[A-Z_]+=.*")) {
            w.remove(0); // environment settings: only a server start takes them, and the test runs its own
        }
        if (w.isEmpty()) {
            return;
        }
        switch (w.get(0)) {
            case "curl" -> curl(c, w);
            case "liuyu" -> cli(c, w.subList(1, w.size()));
            case "java" -> {
                if (w.size() < 3
                        || !w.get(1).equals("-jar")
                        || !JAR.matcher(w.get(2)).matches()) {
                    throw new AssertionError("java runs only target/liuyu-…-exec.jar in the docs");
                }
                cli(c, w.subList(3, w.size()));
            }
            case "ogrinfo", "ogr2ogr" -> gdal(c, w);
            // building, installing and starting are what the test itself does
            case "./mvnw", "sudo", "apt-get", "docker" ->
                notRun.add(c.where() + " " + w.get(0) + " (build or install)");
            default ->
                throw new AssertionError(
                        "not a runnable example; put <!-- example: not run — why --> before its block");
        }
    }

    private String local(String s) {
        return s.replace("http://localhost:8080", "http://127.0.0.1:" + port)
                .replace("localhost:8080", "127.0.0.1:" + port)
                .replace("/tmp/", tmp + "/");
    }

    private void curl(DocExamples.Command c, List<String> w) throws Exception {
        String method = null;
        String url = null;
        boolean get = false;
        List<String> data = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        String saveAs = null;
        for (int k = 1; k < w.size(); k++) {
            String a = w.get(k);
            switch (a) {
                case "-s", "-S", "-sS", "-i", "--compressed" -> {}
                case "-G" -> get = true;
                case "-X" -> method = w.get(++k);
                case "-H" -> headers.add(w.get(++k));
                case "-u" ->
                    headers.add("Authorization: Basic "
                            + Base64.getEncoder().encodeToString(w.get(++k).getBytes(StandardCharsets.UTF_8)));
                case "-o" -> saveAs = w.get(++k);
                case "-d", "--data", "--data-binary", "--data-raw" -> {
                    String d = w.get(++k);
                    if (d.equals("@-")) {
                        d = c.stdin();
                    } else if (d.startsWith("@")) {
                        d = Files.readString(ROOT.resolve(d.substring(1)));
                    }
                    data.add(d);
                }
                case "--data-urlencode" -> {
                    String d = w.get(++k);
                    int eq = d.indexOf('=');
                    data.add(
                            eq < 0
                                    ? URLEncoder.encode(d, StandardCharsets.UTF_8)
                                            .replace("+", "%20")
                                    : d.substring(0, eq + 1)
                                            + URLEncoder.encode(d.substring(eq + 1), StandardCharsets.UTF_8)
                                                    .replace("+", "%20"));
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new AssertionError("curl option " + a + " is not understood by the docs test");
                    }
                    url = local(a.contains("://") ? a : "http://" + a);
                }
            }
        }
        String body = String.join("&", data);
        if (get && !data.isEmpty()) {
            url += (url.contains("?") ? "&" : "?") + body;
        }
        if (method == null) {
            method = !data.isEmpty() && !get ? "POST" : "GET";
        }
        HttpRequest.Builder rq = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        boolean typed = false;
        for (String h : headers) {
            int colon = h.indexOf(':');
            rq.header(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
            typed |= h.toLowerCase().startsWith("content-type");
        }
        if (!data.isEmpty() && !get && !typed) {
            rq.header("Content-Type", "application/x-www-form-urlencoded"); // as curl sends
        }
        rq.method(
                method,
                !data.isEmpty() && !get
                        ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
                        : HttpRequest.BodyPublishers.noBody());
        HttpResponse<byte[]> r = HTTP.send(rq.build(), HttpResponse.BodyHandlers.ofByteArray());
        run++;
        if (saveAs != null) {
            Files.write(tmp.resolve(saveAs), r.body());
        }
        String expected = c.expectedJson();
        JsonExpectation shown = expected == null ? null : JsonExpectation.parse(expected);
        Integer status = shown == null ? null : shown.status();
        if (status != null) {
            assertThat(r.statusCode()).as("status").isEqualTo(status);
        } else {
            assertThat(r.statusCode())
                    .as("status (the page shows no error), body: %s", brief(r.body()))
                    .isLessThan(400);
        }
        for (String comment : c.comments()) {
            Matcher m = HEADER.matcher(comment);
            if (m.matches()) {
                assertThat(r.headers().firstValue(m.group(1)))
                        .as("header " + m.group(1))
                        .hasValue(m.group(2).strip());
            }
        }
        if (shown != null) {
            JsonNode actual = JSON.readTree(r.body());
            List<String> diff = shown.differences(actual);
            assertThat(diff).as("the answer against the page").isEmpty();
        }
    }

    private void cli(DocExamples.Command c, List<String> args) throws Exception {
        List<String> a = args.stream().map(this::local).toList();
        if (!Cli.handles(a.toArray(String[]::new))) {
            notRun.add(c.where() + " serve (the test runs its own service)");
            return;
        }
        if (a.get(0).equals("purge-synthetic")
                || a.stream().anyMatch(x -> x.startsWith("--db-url") || x.startsWith("--records-dir"))) {
            throw new AssertionError(
                    "an example on a database server or a records directory is never run here: mark its block not run");
        }
        if (a.get(0).equals("import")
                && a.stream().noneMatch(x -> x.equals("--dry-run") || x.equals("--help"))
                && a.stream().noneMatch(x -> x.startsWith("--atlas=" + tmp))) {
            throw new AssertionError("an import example that writes must write under /tmp/, never into the repository");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(a.toArray(String[]::new), Map.of(), new PrintWriter(out), new PrintWriter(err));
        run++;
        assertThat(code)
                .as("exit code; out: %s err: %s", brief(out.toString().getBytes(StandardCharsets.UTF_8)), err)
                .isZero();
        String expected = c.expectedJson();
        if (expected != null) {
            assertThat(JsonExpectation.parse(expected).differences(JSON.readTree(out.toString())))
                    .as("output against the page")
                    .isEmpty();
        }
    }

    private void gdal(DocExamples.Command c, List<String> w) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        for (String a : w) {
            String l = local(a);
            cmd.add(
                    Files.exists(ROOT.resolve(l)) && !l.startsWith("/") && l.contains("/")
                            ? ROOT.resolve(l).toString()
                            : l);
        }
        Process p = new ProcessBuilder(cmd)
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        run++;
        assertThat(p.exitValue()).as("exit code; output: %s", brief(out)).isZero();
    }

    private static String brief(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
