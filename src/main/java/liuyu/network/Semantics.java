package liuyu.network;

/**
 * How distances and linked features are counted (docs/network.md).
 * <ul>
 * <li>{@code NLDI}: as the USGS NLDI's navigation queries do. Navigation starts from the whole reach
 *     of the start (a point's measure is ignored); a reach is kept when its path length to its
 *     terminal outlet passes the rule of the mode (UM/UT: {@code pathlength <= start.pathlength +
 *     distance}; DM/DD: {@code pathlength + length >= start.pathlength + start.length - distance}),
 *     reached through reaches that pass too; every linked feature of a reached reach is returned.</li>
 * <li>{@code LIUYU}: the distance actually travelled from the start (the start point's own position
 *     when it has one), shortest over diversions; a feature is returned only when its own position
 *     lies within the distance, on the navigated side of the start point.</li>
 * </ul>
 */
public enum Semantics {
    NLDI,
    LIUYU;

    public static Semantics parse(String code) {
        for (Semantics s : values()) {
            if (s.name().equalsIgnoreCase(code)) {
                return s;
            }
        }
        return null;
    }
}
