package liuyu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, usage and exit codes of the command line, in-process and as the real {@code main} in its own JVM. */
class CliUsageTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, Map.of(), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsServeAndEveryCommandAndExitsZero() {
        for (String help : List.of("--help", "-h", "help")) {
            Result r = run(help);
            assertThat(r.code()).as(help).isZero();
            assertThat(r.out())
                    .as(help)
                    .startsWith("Usage: liuyu")
                    .contains(
                            "  serve  ",
                            "  import  ",
                            "  import-network  ",
                            "  check  ",
                            "  bands  ",
                            "  purge-synthetic  ")
                    .contains("Exit codes: 0 done (or help), 1 refused, 2 usage error.");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "import", "import-network", "check", "bands", "purge-synthetic"})
    void eachCommandPrintsItsUsageWithHelpAndExitsZero(String command) {
        Result r = run(command, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: liuyu " + command);
        Result viaHelp = run("help", command);
        assertThat(viaHelp.code()).isZero();
        assertThat(viaHelp.out()).isEqualTo(r.out());
    }

    @Test
    void anUnknownCommandOrOptionPrintsTheUsageAndExitsTwo() {
        Result word = run("frobnicate");
        assertThat(word.code()).isEqualTo(2);
        assertThat(word.err()).contains("frobnicate").contains("Usage: liuyu");
        assertThat(word.out()).isEmpty();
        Result option = run("-x");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err()).contains("-x").contains("Usage: liuyu");
        Result helpOnNothing = run("help", "frobnicate");
        assertThat(helpOnNothing.code()).isEqualTo(2);
        assertThat(helpOnNothing.err()).contains("unknown command 'frobnicate'");
    }

    @Test
    void checkWithoutAFileIsAUsageError() {
        Result r = run("check");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("usage: check");
    }

    @Test
    void onlyNothingSpringSettingsOrServeStartTheService() {
        assertThat(Cli.handles(new String[] {})).isFalse();
        assertThat(Cli.handles(new String[] {"serve"})).isFalse();
        assertThat(Cli.handles(new String[] {"serve", "--server.port=8081"})).isFalse();
        assertThat(Cli.handles(new String[] {"--liuyu.atlas.dir=/srv/atlas"})).isFalse();
        assertThat(Cli.handles(new String[] {"serve", "--help"})).isTrue();
        assertThat(Cli.handles(new String[] {"frobnicate"})).isTrue();
        assertThat(Cli.handles(new String[] {"-x"})).isTrue();
        assertThat(Cli.handles(new String[] {"--help"})).isTrue();
        assertThat(Cli.handles(new String[] {"--version"})).isTrue();
    }

    /** The real entry point in a JVM of its own: help and usage errors end at once, before any web server starts. */
    @Test
    void theApplicationMainPrintsUsageAndExitsWithoutStartingTheServer() throws Exception {
        assertMain(0, "Usage: liuyu", "--help");
        assertMain(0, "Usage: liuyu check", "check", "--help");
        assertMain(0, "Usage: liuyu serve", "serve", "--help");
        assertMain(2, "Unmatched argument", "frobnicate");
    }

    /**
     * Run from an empty directory: without --atlas, check finds the demo atlas beside its classes (the jar's
     * directory in a build); a relative --atlas is read from the current directory and named in full when missing.
     */
    @Test
    void checkRunsFromAnyDirectoryAndReadsARelativeAtlasFromTheCurrentOne(
            @org.junit.jupiter.api.io.TempDir Path elsewhere) throws Exception {
        Path sites = Path.of("docs/examples/sites.geojson").toAbsolutePath();
        Main found = main(elsewhere, "check", sites.toString());
        assertThat(found.code()).as(found.output()).isZero();
        assertThat(found.output())
                .contains("\"project\":\"site-a-villa\"")
                .contains("\"verdict\":\"FORBIDDEN\"")
                .contains("\"project\":\"site-c-dongcheng-offices\"");
        Main missing = main(elsewhere, "check", "--atlas=gis", sites.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.output())
                .contains("no atlas.yaml in " + elsewhere.toRealPath().resolve("gis"))
                .contains("read from the current directory");
    }

    record Main(int code, String output) {}

    private static Main main(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "liuyu.LiuyuApplication"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Main(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void assertMain(int code, String says, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "liuyu.LiuyuApplication"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as("ended without serving: %s", output).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + ": " + output).isEqualTo(code);
        assertThat(output).contains(says).doesNotContain("Tomcat").doesNotContain("Started LiuyuApplication");
    }
}
