package liuyu.alarms;

/** A refused alarm request: {@code field} names what was wrong (null for a missing alarm's id). */
public final class AlarmException extends RuntimeException {
    /** How the refusal reads to a client. */
    public enum Kind {
        BAD_REQUEST,
        NOT_FOUND,
        CONFLICT
    }

    private final Kind kind;
    private final String field;

    public AlarmException(Kind kind, String field, String message) {
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
