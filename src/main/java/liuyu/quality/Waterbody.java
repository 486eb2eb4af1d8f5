package liuyu.quality;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kind of water a sample comes from: lakes and reservoirs use the lake TP limits and report TN apart.
 * {@code UNKNOWN}: the sample is classed under both and the answer says whether they differ.
 */
public enum Waterbody {
    RIVER("river"),
    LAKE_RESERVOIR("lake-reservoir"),
    UNKNOWN("unknown");

    private final String code;

    Waterbody(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** river | lake | reservoir | lake-reservoir (the atlas says "reservoir") | unknown, or 河流 | 湖泊 | 水库 | 湖库 | 未知; null otherwise. */
    public static Waterbody parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim()) {
            case "river", "河流" -> RIVER;
            case "lake", "reservoir", "lake-reservoir", "湖泊", "水库", "湖库" -> LAKE_RESERVOIR;
            case "unknown", "未知" -> UNKNOWN;
            default -> null;
        };
    }

    public static final String ACCEPTED = "river, lake, reservoir, lake-reservoir, unknown (or 河流, 湖泊, 水库, 湖库, 未知)";
}
