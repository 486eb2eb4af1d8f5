package liuyu.network;

import java.util.List;

/** A network built from imported reaches, with the warnings the import raised (errors throw instead). */
public record NetworkImport(Network network, List<Problem> warnings) {
    public NetworkImport {
        warnings = List.copyOf(warnings);
    }
}
