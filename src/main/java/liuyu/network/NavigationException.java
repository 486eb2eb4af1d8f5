package liuyu.network;

/** A navigation question the network cannot answer: something named does not exist, or the question is invalid. */
public final class NavigationException extends RuntimeException {
    public enum Reason {
        NOT_FOUND,
        INVALID
    }

    private final Reason reason;
    private final String field;

    public NavigationException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** the input that was wrong: "source", "id", "coords", "stop" */
    public String field() {
        return field;
    }
}
