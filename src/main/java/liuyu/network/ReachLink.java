package liuyu.network;

/**
 * Where a point lies on the network: its reach, the measure (NHDPlus convention: percent of the reach
 * from its downstream end, 0–100), the same in metres of network length, how far the point lies off
 * the reach line, and which rule linked it.
 */
public record ReachLink(String reach, double measure, double fromDownstreamM, double offsetM, Method method) {
    /** How a point found its reach, in NLDI's order of precedence. */
    public enum Method {
        /** the point names its reach (property {@code reach}, {@code comid}, … as configured) */
        DECLARED,
        /** the catchment polygon containing the point belongs to the reach */
        CATCHMENT,
        /** the nearest reach within the link tolerance */
        NEAREST;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
