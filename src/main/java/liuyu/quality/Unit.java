package liuyu.quality;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Canonical units, each with the units accepted on input and the power of ten that converts them
 * (value in the canonical unit = reported value × 10^exponent). Every accepted conversion is a power of
 * ten, so the decimal point moves exactly and the reported decimals survive the move.
 */
public enum Unit {
    MG_PER_L("mg/L", "mg/L 0, µg/L -3, ug/L -3, mg/m³ -3, ng/L -6"),
    CELSIUS("°C", "°C 0, C 0, degC 0"),
    DIMENSIONLESS("dimensionless", " 0, dimensionless 0, 无量纲 0, 无 0, pH 0"),
    PER_L("个/L", "个/L 0, /L 0, MPN/L 0, CFU/L 0, 个/100mL 1, MPN/100mL 1, CFU/100mL 1"),
    M3_PER_DAY("m³/d", "m³/d 0"),
    MICROSIEMENS_PER_CM("µS/cm", "µS/cm 0, uS/cm 0, mS/m 1, mS/cm 3"),
    // NTU only: FNU and the older 度 read turbidity by other methods and are not the same number
    NTU("NTU", "NTU 0"),
    CELLS_PER_L("cells/L", "cells/L 0, cell/L 0, 个/L 0, cells/mL 3, 个/mL 3, 万个/L 4");

    private final String code;
    private final String accepted;
    // key: the unit as written after key(): NFKC (µ → μ, ℃ → °C, ³ → 3, full-width → ASCII), lower case, no spaces
    private final Map<String, Integer> exponents = new LinkedHashMap<>();

    Unit(String code, String accepted) {
        this.code = code;
        StringBuilder shown = new StringBuilder();
        for (String entry : accepted.split(",")) {
            String e = entry.strip();
            int space = e.lastIndexOf(' ');
            String unit = space < 0 ? "" : e.substring(0, space);
            exponents.put(key(unit), Integer.parseInt(e.substring(space + 1)));
            if (!unit.isEmpty() && !unit.equals("ug/L") && !unit.equals("uS/cm")) {
                shown.append(shown.length() == 0 ? "" : ", ").append(unit);
            }
        }
        this.accepted = shown.toString();
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** How a unit is compared: ℃ and °C, µ (micro sign) and μ (Greek mu), m³ and m3, "mg / L" and "mg/L" are the same. */
    static String key(String unit) {
        return Normalizer.normalize(unit == null ? "" : unit, Normalizer.Form.NFKC)
                .replace(" ", "")
                .toLowerCase(Locale.ROOT);
    }

    /** The power of ten that converts {@code unit} to this canonical unit, or null if it is not accepted. */
    public Integer exponent(String unit) {
        return exponents.get(key(unit));
    }

    /** The value in this canonical unit, or null if {@code unit} is not accepted for it. */
    public BigDecimal normalise(BigDecimal value, String unit) {
        Integer e = exponent(unit);
        return e == null ? null : value.movePointRight(e);
    }

    /** The units accepted for this canonical unit, for error messages. */
    public String accepted() {
        return this == DIMENSIONLESS ? "none (or dimensionless, 无量纲)" : accepted;
    }
}
