package liuyu.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoadException;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.AtlasSchema;
import liuyu.geo.BeijingTime;
import liuyu.network.NetworkProperties;
import liuyu.network.RiverNetwork;
import liuyu.rules.InvalidProject;
import liuyu.rules.Project;
import liuyu.rules.ProjectChecker;
import liuyu.rules.ProjectReader;
import liuyu.rules.RuleCatalogue;
import liuyu.rules.RuleLoadException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code check}: project checks for planners with many candidate sites, without a server. Usage:
 * <pre>java -jar liuyu-exec.jar check [--atlas=gis] [--rules=gis/rules] [--buffer=500] [--downstream-km=50]
 *       projects.geojson [reports.json]</pre>
 * Reads a GeoJSON Feature or FeatureCollection and writes a JSON array of reports (stdout by default).
 */
public final class CheckCommand {
    private CheckCommand() {}

    /** The picocli registration: {@code check} keeps its own argument reading (run below). */
    @picocli.CommandLine.Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = {
                "Check projects from a GeoJSON file without a server: "
                        + "check [--atlas=gis] [--rules=gis/rules] [--buffer=500] [--downstream-km=50] projects.geojson [reports.json]",
                "Paths are read from the current directory; without --atlas, ./gis, else the demo atlas beside the jar "
                        + "(docs/examples/sites.geojson is an example input). Exit codes: 0 done, 1 refused, 2 usage."
            })
    public static final class Cli implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Unmatched
        java.util.List<String> args = new java.util.ArrayList<>();

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            // through picocli's writers, so the output goes wherever the caller pointed them (held until the end)
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int code = run(
                    args.toArray(String[]::new),
                    new PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                    new PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            spec.commandLine().getOut().print(out.toString(java.nio.charset.StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().print(err.toString(java.nio.charset.StandardCharsets.UTF_8));
            spec.commandLine().getErr().flush();
            return code;
        }
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String atlasGiven = null;
        Path rulesDir = null;
        double buffer = ProjectChecker.Options.NEAR_METRES;
        double downstreamKm = ProjectChecker.Options.DOWNSTREAM_KM;
        Path in = null;
        Path outFile = null;
        try {
            for (String a : args) {
                if (a.startsWith("--atlas=")) {
                    atlasGiven = a.substring(8);
                } else if (a.startsWith("--rules=")) {
                    rulesDir = Path.of(a.substring(8));
                } else if (a.startsWith("--buffer=")) {
                    buffer = Double.parseDouble(a.substring(9));
                } else if (a.startsWith("--downstream-km=")) {
                    downstreamKm = Double.parseDouble(a.substring(16));
                } else if (a.startsWith("--")) {
                    err.println("check: unknown option '" + a + "'");
                    return 2;
                } else if (in == null) {
                    in = Path.of(a);
                } else if (outFile == null) {
                    outFile = Path.of(a);
                } else {
                    err.println("check: too many arguments");
                    return 2;
                }
            }
        } catch (NumberFormatException e) {
            err.println("check: --buffer and --downstream-km take numbers");
            return 2;
        }
        if (in == null) {
            err.println("check: usage: check [--atlas=gis] [--rules=gis/rules] projects.geojson [reports.json]"
                    + " (see check --help)");
            return 2;
        }
        Path atlasDir;
        try {
            atlasDir = AtlasDirs.resolve(atlasGiven);
        } catch (IllegalArgumentException e) {
            err.println("check: " + e.getMessage());
            return 1;
        }
        JsonMapper json = JsonMapper.builder().build();
        try {
            Atlas atlas = new AtlasLoader().load(atlasDir);
            RuleCatalogue rules = RuleCatalogue.load(rulesDir == null ? atlasDir.resolve("rules") : rulesDir, atlas);
            RiverNetwork river =
                    RiverNetwork.of(atlas, new NetworkProperties(AtlasSchema.RIVERS, AtlasSchema.CATCHMENTS, 1000, 5));
            ProjectReader.Batch batch = new ProjectReader(rules).read(json.readTree(in.toFile()));
            ProjectChecker checker = new ProjectChecker(rules);
            ProjectChecker.Options options = new ProjectChecker.Options(buffer, downstreamKm, BeijingTime.today());
            try (OutputStream os = outFile == null ? out : Files.newOutputStream(outFile);
                    JsonGenerator gen = json.createGenerator(os)) {
                gen.writeStartArray();
                for (Project p : batch.projects()) {
                    gen.writePOJO(checker.check(atlas, river, p, options));
                }
                gen.writeEndArray();
            }
            if (outFile != null) {
                err.println("checked " + batch.projects().size() + " project(s) into " + outFile);
            }
            return 0;
        } catch (InvalidProject e) {
            err.println("check: " + in + ": " + e.field() + ": " + e.getMessage());
            return 1;
        } catch (AtlasLoadException | RuleLoadException e) {
            err.println("check: " + e.getMessage());
            return 1;
        } catch (IOException | JacksonException e) {
            err.println("check: cannot read or write: " + e.getMessage());
            return 1;
        }
    }
}
