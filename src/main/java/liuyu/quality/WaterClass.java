package liuyu.quality;

import com.fasterxml.jackson.annotation.JsonValue;

/** GB 3838-2002 surface-water classes, best first; {@code WORSE_THAN_V} is 劣Ⅴ类. */
public enum WaterClass {
    I("Ⅰ类"),
    II("Ⅱ类"),
    III("Ⅲ类"),
    IV("Ⅳ类"),
    V("Ⅴ类"),
    WORSE_THAN_V("劣Ⅴ类");

    private final String nameZh;

    WaterClass(String nameZh) {
        this.nameZh = nameZh;
    }

    @JsonValue
    public String code() {
        return this == WORSE_THAN_V ? "worse-than-V" : name();
    }

    public String nameZh() {
        return nameZh;
    }

    /** Class n (0 = I … 5 = worse than V). */
    static WaterClass ofIndex(int index) {
        return values()[index];
    }

    public boolean worseThan(WaterClass other) {
        return ordinal() > other.ordinal();
    }

    /** Parses "I".."V" (Roman, ASCII or Unicode numerals, optional 类) and "worse-than-V" / 劣V; null if not a class. */
    public static WaterClass parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim()
                .replace("类", "")
                .replace("Ⅰ", "I")
                .replace("Ⅱ", "II")
                .replace("Ⅲ", "III")
                .replace("Ⅳ", "IV")
                .replace("Ⅴ", "V");
        if (t.equals("worse-than-V") || t.equals("劣V")) {
            return WORSE_THAN_V;
        }
        for (WaterClass c : values()) {
            if (c != WORSE_THAN_V && c.name().equals(t)) {
                return c;
            }
        }
        return null;
    }
}
