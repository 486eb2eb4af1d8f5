package liuyu.atlas;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a layer or feature was made: only surveyed data loaded from an official source is authoritative. */
public enum Method {
    SURVEYED,
    DERIVED,
    SCHEMATIC,
    SYNTHETIC;

    private final String code = name().toLowerCase(Locale.ROOT); // once: every row written asks for it

    @JsonValue
    public String code() {
        return code;
    }

    /** The method in Chinese, for answers' Chinese notes. */
    public String zh() {
        return switch (this) {
            case SURVEYED -> "实测";
            case DERIVED -> "推导";
            case SCHEMATIC -> "示意";
            case SYNTHETIC -> "合成";
        };
    }

    public static Method parse(String text) {
        for (Method m : values()) {
            if (m.code().equals(text)) {
                return m;
            }
        }
        return null;
    }
}
