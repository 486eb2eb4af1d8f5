package liuyu.network;

import java.util.List;

/**
 * A network built from imported reaches, with the warnings the import raised (errors throw instead),
 * the form its attributes were read in, why that form (declared, or detected from which attributes),
 * and the ids of the features skipped as invalid (each also reported among the warnings).
 */
public record NetworkImport(Network network, List<Problem> warnings, LineImporter.Form form, String formReason,
                            List<String> skipped) {
    public NetworkImport {
        warnings = List.copyOf(warnings);
        skipped = List.copyOf(skipped);
    }

    NetworkImport(Network network, List<Problem> warnings) {
        this(network, warnings, null, "", List.of());
    }
}
