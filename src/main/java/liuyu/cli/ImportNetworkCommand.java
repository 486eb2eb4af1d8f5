package liuyu.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.Provenance;
import liuyu.network.LineImporter;
import liuyu.network.NetworkFiles;
import liuyu.network.NetworkImportException;
import liuyu.network.Problem;

/**
 * {@code import-network}: reads a river network from files, says which form it was read in and every
 * problem per feature, and writes it as an atlas layer file. Usage:
 * <pre>java -jar liuyu-exec.jar import-network --flowlines=flowlines.geojson [--vaa=PlusFlowlineVAA.csv]
 *       [--form=auto|nhdplus-v2|nhdplus-hr|hydrorivers|generic|snapped] [--snap-tolerance-m=5] [--skip-invalid]
 *       --method=derived --source=… --licence=… --accuracy=… [--authoritative]
 *       [--layer-id=rivers] [--title-en=…] [--title-zh=…] [--out=rivers.geojson]</pre>
 * Without {@code --out} nothing is written (a dry run). Exit codes: 0 done, 1 refused, 2 usage.
 */
public final class ImportNetworkCommand {
    private ImportNetworkCommand() {}

    /** The picocli registration: {@code import-network} keeps its own argument reading (run below). */
    @picocli.CommandLine.Command(
            name = "import-network",
            mixinStandardHelpOptions = true,
            description =
                    "Read a river network from files (NHDPlus V2/HR, HydroRIVERS, plain lines), report its form and "
                            + "problems per feature, and write it as a layer file; see docs/network.md")
    public static final class Cli implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Unmatched
        java.util.List<String> args = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            return run(args.toArray(String[]::new), System.out, System.err);
        }
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path flowlines = null;
        Path vaa = null;
        Path target = null;
        String form = "auto";
        double snap = 5;
        boolean skip = false;
        String method = null;
        String source = null;
        String licence = null;
        String accuracy = null;
        boolean authoritative = false;
        String layerId = AtlasSchema.RIVERS;
        String titleEn = "Rivers (network)";
        String titleZh = "河流水系";
        try {
            for (String a : args) {
                String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
                switch (a.contains("=") ? a.substring(0, a.indexOf('=')) : a) {
                    case "--flowlines" -> flowlines = Path.of(v);
                    case "--vaa" -> vaa = Path.of(v);
                    case "--out" -> target = Path.of(v);
                    case "--form" -> form = v;
                    case "--snap-tolerance-m" -> snap = Double.parseDouble(v);
                    case "--skip-invalid" -> skip = true;
                    case "--method" -> method = v;
                    case "--source" -> source = v;
                    case "--licence" -> licence = v;
                    case "--accuracy" -> accuracy = v;
                    case "--authoritative" -> authoritative = true;
                    case "--layer-id" -> layerId = v;
                    case "--title-en" -> titleEn = v;
                    case "--title-zh" -> titleZh = v;
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
            if (flowlines == null) {
                throw new IllegalArgumentException("--flowlines=file.geojson is required");
            }
            if (!(snap > 0) || Double.isInfinite(snap)) {
                throw new IllegalArgumentException("--snap-tolerance-m must be a positive number of metres");
            }
            Provenance provenance = NetworkFiles.provenance(method, source, licence, accuracy, authoritative);
            LineImporter.Form declared = LineImporter.Form.parse(form);
            NetworkFiles.Result result = new NetworkFiles(snap).read(flowlines, vaa, declared, skip, provenance);
            out.println("read " + result.read() + " flowlines"
                    + (vaa == null ? "" : ", " + result.joined() + " joined to " + vaa) + "; form "
                    + result.imported().form().code() + " (" + result.imported().formReason() + ")");
            out.println("network: " + result.imported().network().size() + " reaches, "
                    + result.imported().network().diversionCount() + " diversions; "
                    + result.imported().skipped().size() + " skipped as invalid");
            for (Problem p : result.imported().warnings()) {
                out.println("  " + p);
            }
            if (target != null) {
                try (OutputStream file = Files.newOutputStream(target)) {
                    NetworkFiles.write(result, new NetworkFiles.LayerSpec(layerId, titleEn, titleZh, provenance), file);
                }
                out.println("wrote layer '" + layerId + "' to " + target);
            } else {
                out.println("dry run: nothing written (give --out=file.geojson to write the layer)");
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("import-network: " + e.getMessage());
            return 2;
        } catch (NetworkImportException e) {
            err.println("import-network refused; nothing was written:");
            e.problems().forEach(p -> err.println("  " + p));
            return 1;
        } catch (IOException e) {
            err.println("import-network: cannot write " + target + ": " + e.getMessage());
            return 1;
        }
    }
}
