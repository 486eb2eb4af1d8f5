package liuyu.network;

import java.util.List;

/** Something an import found in the data, with the ids it concerns; errors stop the import, warnings do not. */
public record Problem(Severity severity, String code, String message, List<String> ids) {
    public enum Severity {
        ERROR,
        WARNING
    }

    public Problem {
        ids = List.copyOf(ids);
    }

    static Problem error(String code, String message, List<String> ids) {
        return new Problem(Severity.ERROR, code, message, ids);
    }

    static Problem warning(String code, String message, List<String> ids) {
        return new Problem(Severity.WARNING, code, message, ids);
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase() + " " + code + ": " + message;
    }
}
