package liuyu.atlas;

import java.util.List;

/**
 * The atlas the service was started on cannot be loaded. Its message is short on purpose: Spring repeats a
 * start-up exception's message in its own log lines, so the problems are listed once, by
 * {@link AtlasFailureAnalyzer}'s start-up report.
 */
public final class AtlasStartupException extends RuntimeException {
    private final String where;
    private final List<String> problems;

    public AtlasStartupException(String where, AtlasLoadException cause) {
        super(
                "the atlas " + where + " cannot be loaded: " + cause.problems().size() + " problem"
                        + (cause.problems().size() == 1 ? "" : "s") + ", listed in the start-up report",
                cause);
        this.where = where;
        this.problems = cause.problems();
    }

    public String where() {
        return where;
    }

    public List<String> problems() {
        return problems;
    }
}
