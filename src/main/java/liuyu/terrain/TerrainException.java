package liuyu.terrain;

/** A DEM that cannot be read or turned into zones, with a message that says what to do about it. */
public class TerrainException extends RuntimeException {
    public TerrainException(String message) {
        super(message);
    }
}
