package liuyu.quality;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What is done to a value before it is compared with the limits: nothing, rounding half-to-even
 * (GB/T 8170 "四舍六入五成双") to the decimals it was reported with, or (only with a preset that
 * has them, {@link Profile#CNEMC_REALTIME}) to the decimals the preset displays each parameter with.
 */
public enum Rounding {
    RAW("raw"),
    REPORTED("reported"),
    DISPLAYED("displayed");

    private final String code;

    Rounding(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static Rounding parse(String text) {
        for (Rounding r : values()) {
            if (r.code.equals(text)) {
                return r;
            }
        }
        return null;
    }

    public static final String ACCEPTED = "raw, reported, displayed (with profile cnemc-realtime)";
}
