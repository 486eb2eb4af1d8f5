package liuyu.atlas;

import java.util.List;

/** The atlas cannot be loaded; each problem names the file, the feature id where there is one, and what is wrong. */
public final class AtlasLoadException extends RuntimeException {
    private final List<String> problems;

    public AtlasLoadException(List<String> problems) {
        super("atlas cannot be loaded (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  "
                + String.join("\n  ", problems.subList(0, Math.min(50, problems.size())))
                + (problems.size() > 50 ? "\n  … and " + (problems.size() - 50) + " more" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
