package liuyu.network;

/** Where a navigation starts: a whole reach, a linked point feature, or a lon/lat position snapped to the nearest reach. */
public sealed interface Start {
    record OfReach(String id) implements Start {}

    record OfFeature(String layer, String id) implements Start {}

    record AtPosition(double lon, double lat) implements Start {}

    static Start reach(String id) {
        return new OfReach(id);
    }

    static Start feature(String layer, String id) {
        return new OfFeature(layer, id);
    }

    static Start position(double lon, double lat) {
        return new AtPosition(lon, lat);
    }
}
