package liuyu.outfalls;

import com.fasterxml.jackson.annotation.JsonValue;

/** 依法取缔一批、清理合并一批、规范整治一批 (beijing-outfall-supervision-2023/2.2). */
public enum Remediation {
    BAN("依法取缔"),
    MERGE("清理合并"),
    REGULARISE("规范整治");

    private final String nameZh;

    Remediation(String nameZh) {
        this.nameZh = nameZh;
    }

    @JsonValue
    public String code() {
        return Codes.of(this);
    }

    public String nameZh() {
        return nameZh;
    }

    /** A banned or merged outfall no longer discharges; a regularised one goes on, lawfully. */
    public boolean endsDischarge() {
        return this != REGULARISE;
    }

    public static Remediation parse(String text) {
        return Codes.parse(values(), Remediation::code, text);
    }
}
