package liuyu.rules;

/** A project that cannot be checked; {@code field} names the offending member, {@code kind} the kind of refusal. */
public final class InvalidProject extends RuntimeException {
    public enum Kind { BAD_REQUEST, UNPROCESSABLE, TOO_LARGE }

    private final Kind kind;
    private final String field;

    public InvalidProject(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
