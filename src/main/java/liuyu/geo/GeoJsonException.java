package liuyu.geo;

/** A GeoJSON geometry that cannot be read: {@code path} points at the offending member. */
public final class GeoJsonException extends RuntimeException {
    private final String path;

    public GeoJsonException(String path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    public String path() {
        return path;
    }

    public String reason() {
        String m = getMessage();
        return m.substring(path.length() + 2);
    }
}
