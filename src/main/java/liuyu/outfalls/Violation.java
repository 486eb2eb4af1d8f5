package liuyu.outfalls;

import com.fasterxml.jackson.annotation.JsonValue;

/** Kinds of violation the plan names (beijing-outfall-supervision-2023/2.2). */
public enum Violation {
    IMPROPER_SITING("违规设置"),
    DIRECT_SEWAGE("污水直排"),
    VIA_OTHER_CHANNEL("借道排污"),
    POOR_LAYOUT("布局不合理"),
    AGED_DAMAGED("设施老化破损"),
    OVER_LIMIT("超标排放"),
    MIXED_DISCHARGE("混排");

    private final String nameZh;

    Violation(String nameZh) {
        this.nameZh = nameZh;
    }

    @JsonValue
    public String code() {
        return Codes.of(this);
    }

    public String nameZh() {
        return nameZh;
    }

    public static Violation parse(String text) {
        return Codes.parse(values(), Violation::code, text);
    }
}
