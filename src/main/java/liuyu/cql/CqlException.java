package liuyu.cql;

/** A filter that cannot be read or does not fit the collection; the message says where and why. */
public final class CqlException extends RuntimeException {
    public CqlException(String message) {
        super(message);
    }
}
