package liuyu.rules;

import java.util.List;

/** The rule catalogue cannot be loaded; each problem names the file and line. */
public final class RuleLoadException extends RuntimeException {
    private final List<String> problems;

    public RuleLoadException(List<String> problems) {
        super("rules cannot be loaded:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
