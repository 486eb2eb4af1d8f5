package liuyu.network;

import java.util.List;
import java.util.stream.Collectors;

/** The network could not be built: at least one problem is an error (a cycle, a duplicate id, a bad length). */
public final class NetworkImportException extends RuntimeException {
    private final transient List<Problem> problems;

    public NetworkImportException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
