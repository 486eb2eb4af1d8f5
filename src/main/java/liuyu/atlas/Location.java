package liuyu.atlas;

import java.util.List;

/**
 * The answer to "where is this point?": every zone that contains it (with the distance in metres to
 * that zone's boundary) and, per zone layer, the nearest zone within {@link ZoneIndex#NEARBY_METRES}
 * that does not contain it.
 */
public record Location(double lon, double lat, List<Hit> within, List<Hit> nearby) {

    /** A zone and a distance in metres: to its boundary when inside, to the zone when outside. */
    public record Hit(Feature feature, double distanceM) {}
}
