package liuyu.outfalls;

import java.util.List;

/** A ledger request refused: {@code field} names the offending member, {@code kind} the kind of refusal. */
public final class LedgerException extends RuntimeException {
    public enum Kind {
        BAD_REQUEST,
        NOT_FOUND,
        CONFLICT,
        UNPROCESSABLE
    }

    private final Kind kind;
    private final String field;
    private final List<String> allowed;

    public LedgerException(Kind kind, String field, String message) {
        this(kind, field, message, List.of());
    }

    public LedgerException(Kind kind, String field, String message, List<String> allowed) {
        super(message);
        this.kind = kind;
        this.field = field;
        this.allowed = List.copyOf(allowed);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    /** For an illegal transition: the states the outfall may move to. */
    public List<String> allowed() {
        return allowed;
    }

    static LedgerException bad(String field, String message) {
        return new LedgerException(Kind.BAD_REQUEST, field, message);
    }
}
