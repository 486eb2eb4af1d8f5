package liuyu.stations;

/** A platform command that cannot go out: the station is not connected (or not registered). */
public final class StationCommandException extends RuntimeException {
    private final String mn;

    public StationCommandException(String mn, String message) {
        super(message);
        this.mn = mn;
    }

    public String mn() {
        return mn;
    }
}
