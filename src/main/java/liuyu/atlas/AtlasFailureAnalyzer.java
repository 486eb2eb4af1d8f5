package liuyu.atlas;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a broken atlas at start-up into Spring Boot's plain report: every problem once, no stack trace. */
public final class AtlasFailureAnalyzer extends AbstractFailureAnalyzer<AtlasStartupException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AtlasStartupException cause) {
        int n = cause.problems().size();
        String description = "The atlas " + cause.where() + " cannot be loaded (" + n + " problem" + (n == 1 ? "" : "s")
                + "):\n  " + String.join("\n  ", cause.problems());
        String action =
                "Mend each problem above (file, feature, what is wrong) and start again, or start on another atlas "
                        + "(--liuyu.atlas.dir=DIR). 'import FILE --dry-run' runs the same checks on one layer file (docs/import.md).";
        return new FailureAnalysis(description, action, cause);
    }
}
