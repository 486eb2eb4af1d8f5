package liuyu.network;

import java.util.List;
import liuyu.atlas.Feature;

/**
 * A network built from imported reaches, with the warnings the import raised (errors throw instead),
 * the form its attributes were read in, why that form (declared, or detected from which attributes),
 * the ids of the features skipped as invalid (each also reported among the warnings), and the
 * features kept (two features may share a reach id; only the first is kept). From {@link NetworkFiles} the
 * kept features are empty: it keeps none and reads them again ({@link NetworkFiles.Result#forEachKept}).
 */
public record NetworkImport(
        Network network,
        List<Problem> warnings,
        LineImporter.Form form,
        String formReason,
        List<String> skipped,
        List<Feature> kept) {
    public NetworkImport {
        warnings = List.copyOf(warnings);
        skipped = List.copyOf(skipped);
        kept = List.copyOf(kept);
    }

    NetworkImport(Network network, List<Problem> warnings) {
        this(network, warnings, null, "", List.of(), List.of());
    }
}
