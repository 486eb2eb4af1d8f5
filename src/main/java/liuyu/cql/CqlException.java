package liuyu.cql;

/** A filter that cannot be read or does not fit the collection; the message says where and why. */
public final class CqlException extends RuntimeException {
    private final String parameter;

    public CqlException(String message) {
        this("filter", message);
    }

    /** {@code parameter}: the query parameter the text came from (filter, sortby, properties). */
    public CqlException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
