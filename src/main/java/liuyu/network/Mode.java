package liuyu.network;

/** NLDI navigation modes. */
public enum Mode {
    /** upstream along the main stem (same level path) */
    UM,
    /** upstream with tributaries: every reach draining to the start */
    UT,
    /** downstream along the main downstream links */
    DM,
    /** downstream along main links and every diversion */
    DD,
    /** point to point: the downstream path from the start to a stop */
    PP;

    public boolean upstream() {
        return this == UM || this == UT;
    }

    public static Mode parse(String code) {
        for (Mode m : values()) {
            if (m.name().equalsIgnoreCase(code)) {
                return m;
            }
        }
        return null;
    }
}
