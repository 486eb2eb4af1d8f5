package liuyu.rules;

/** A project that cannot be checked; {@code field} names the offending member, {@code kind} the kind of refusal. */
public final class InvalidProject extends RuntimeException {
    public enum Kind {
        BAD_REQUEST,
        UNPROCESSABLE,
        TOO_LARGE
    }

    private final Kind kind;
    private final String field;

    private final String reason;

    public InvalidProject(Kind kind, String field, String message) {
        this(kind, field, message, null);
    }

    /** {@code reason}: a short code for a refused shape (whole-world, antimeridian, larger-than-atlas), or null. */
    public InvalidProject(Kind kind, String field, String message, String reason) {
        super(message);
        this.kind = kind;
        this.field = field;
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
