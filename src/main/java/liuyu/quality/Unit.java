package liuyu.quality;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Canonical units, each with the spellings accepted on input. Mass concentrations arrive in mg/L or
 * µg/L and are stored in mg/L; the decimal point moves exactly, so reported decimals survive.
 */
public enum Unit {
    MG_PER_L("mg/L", List.of("mg/l")),
    CELSIUS("°C", List.of("°c", "℃", "c", "degc")),
    DIMENSIONLESS("dimensionless", List.of("", "dimensionless", "无量纲", "ph")),
    PER_L("个/L", List.of("个/l", "/l", "mpn/l", "cfu/l")),
    M3_PER_DAY("m³/d", List.of("m³/d", "m3/d"));

    private static final List<String> MICROGRAM_PER_L = List.of("µg/l", "μg/l", "ug/l");

    private final String code;
    private final List<String> spellings;

    Unit(String code, List<String> spellings) {
        this.code = code;
        this.spellings = spellings;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** The value in this canonical unit, or null if {@code unit} is not a spelling of it (or µg/L for mg/L). */
    public BigDecimal normalise(BigDecimal value, String unit) {
        String u = unit == null ? "" : unit.trim().toLowerCase(Locale.ROOT);
        if (spellings.contains(u)) {
            return value;
        }
        if (this == MG_PER_L && MICROGRAM_PER_L.contains(u)) {
            return value.movePointLeft(3);
        }
        return null;
    }

    /** The spellings accepted for this unit, for error messages. */
    public String accepted() {
        return this == MG_PER_L ? "mg/L, µg/L" : code;
    }
}
