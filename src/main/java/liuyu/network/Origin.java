package liuyu.network;

/**
 * Where a navigation starts: a whole reach, or a point on it {@code fromDownstreamM} metres above its
 * downstream end. NLDI semantics: from a whole reach, upstream distance counts from its downstream
 * end and downstream distance from its upstream end; from a point, both count from the point.
 */
public record Origin(int reach, double fromDownstreamM, boolean wholeReach) {

    public static Origin reach(int reach) {
        return new Origin(reach, 0, true);
    }

    public static Origin point(int reach, double fromDownstreamM) {
        return new Origin(reach, fromDownstreamM, false);
    }
}
