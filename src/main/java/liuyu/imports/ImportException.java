package liuyu.imports;

import java.util.List;

/** An import refused: every problem found, each naming the file, feature and field. Nothing was written. */
public class ImportException extends RuntimeException {
    private final List<String> problems;

    public ImportException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
