package liuyu.quality;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of water a sample comes from: lakes and reservoirs use the lake TP limits and report TN apart. */
public enum Waterbody {
    RIVER("river"), LAKE_RESERVOIR("lake-reservoir");

    private final String code;

    Waterbody(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** river | lake | reservoir | lake-reservoir (the atlas says "reservoir"); null otherwise. */
    public static Waterbody parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim()) {
            case "river" -> RIVER;
            case "lake", "reservoir", "lake-reservoir" -> LAKE_RESERVOIR;
            default -> null;
        };
    }

    public static final String ACCEPTED = "river, lake, reservoir, lake-reservoir";
}
