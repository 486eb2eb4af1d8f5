package liuyu.rules;

/** A rule's answer, ordered from mildest to strictest: a report's verdict is the strictest of its hits. */
public enum Verdict {
    ALLOWED,
    CONDITIONAL,
    FORBIDDEN;

    public Verdict stricter(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
