package liuyu.quality;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;

/**
 * The 24 basic items of GB 3838-2002 Table 1 with their class I–V limits (mg/L unless stated).
 * A value equal to a limit belongs to that class; DO is "not lower than"; pH 6–9 holds for every
 * class; water temperature is limited only as a man-made change and is never classed. {@code flow}
 * is not a GB 3838 item: it is the water quantity an outfall discharges (有水皆测, beijing-outfall-supervision-2023/2.1), never classed.
 */
public enum Parameter {
    WATER_TEMPERATURE("water-temperature", "水温", "water temperature", Unit.CELSIUS, Kind.NOT_CLASSED, null, null),
    PH("pH", "pH值", "pH", Unit.DIMENSIONLESS, Kind.RANGE, null, null),
    DO("DO", "溶解氧", "dissolved oxygen", Unit.MG_PER_L, Kind.NOT_LOWER_THAN, "7.5 6 5 3 2", null),
    CODMN("CODMn", "高锰酸盐指数", "permanganate index", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "2 4 6 10 15", null),
    COD("COD", "化学需氧量", "chemical oxygen demand", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "15 15 20 30 40", null),
    BOD5("BOD5", "五日生化需氧量", "five-day biochemical oxygen demand", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "3 3 4 6 10", null),
    NH3N("NH3-N", "氨氮", "ammonia nitrogen", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.15 0.5 1.0 1.5 2.0", null),
    TP("TP", "总磷", "total phosphorus", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.02 0.1 0.2 0.3 0.4",
        "0.01 0.025 0.05 0.1 0.2"),
    TN("TN", "总氮", "total nitrogen", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.2 0.5 1.0 1.5 2.0", null),
    CU("Cu", "铜", "copper", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.01 1.0 1.0 1.0 1.0", null),
    ZN("Zn", "锌", "zinc", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.05 1.0 1.0 2.0 2.0", null),
    F("F", "氟化物", "fluoride", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "1.0 1.0 1.0 1.5 1.5", null),
    SE("Se", "硒", "selenium", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.01 0.01 0.01 0.02 0.02", null),
    AS("As", "砷", "arsenic", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.05 0.05 0.05 0.1 0.1", null),
    HG("Hg", "汞", "mercury", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.00005 0.00005 0.0001 0.001 0.001", null),
    CD("Cd", "镉", "cadmium", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.001 0.005 0.005 0.005 0.01", null),
    CR6("Cr6+", "铬（六价）", "hexavalent chromium", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.01 0.05 0.05 0.05 0.1", null),
    PB("Pb", "铅", "lead", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.01 0.01 0.05 0.05 0.1", null),
    CN("CN", "氰化物", "cyanide", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.005 0.05 0.2 0.2 0.2", null),
    VOLATILE_PHENOL("volatile-phenol", "挥发酚", "volatile phenol", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN,
        "0.002 0.002 0.005 0.01 0.1", null),
    PETROLEUM("petroleum", "石油类", "petroleum", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.05 0.05 0.05 0.5 1.0", null),
    LAS("LAS", "阴离子表面活性剂", "anionic surfactants (LAS)", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN,
        "0.2 0.2 0.2 0.3 0.3", null),
    SULFIDE("sulfide", "硫化物", "sulfide", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.05 0.1 0.2 0.5 1.0", null),
    FECAL_COLIFORM("fecal-coliform", "粪大肠菌群", "fecal coliform", Unit.PER_L, Kind.NOT_HIGHER_THAN,
        "200 2000 10000 20000 40000", null),
    FLOW("flow", "流量", "discharge flow (water quantity)", Unit.M3_PER_DAY, Kind.NOT_CLASSED, null, null);

    /** How a parameter's limits read. */
    public enum Kind { NOT_HIGHER_THAN, NOT_LOWER_THAN, RANGE, NOT_CLASSED }

    /** pH must lie in [6, 9] for every class; outside it the sample is worse than V. */
    public static final BigDecimal PH_MIN = new BigDecimal("6");
    public static final BigDecimal PH_MAX = new BigDecimal("9");

    private final String code;
    private final String nameZh;
    private final String nameEn;
    private final Unit unit;
    private final Kind kind;
    private final BigDecimal[] riverLimits;
    private final BigDecimal[] lakeLimits;

    Parameter(String code, String nameZh, String nameEn, Unit unit, Kind kind, String riverLimits, String lakeLimits) {
        this.code = code;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.unit = unit;
        this.kind = kind;
        this.riverLimits = limits(riverLimits);
        this.lakeLimits = lakeLimits == null ? this.riverLimits : limits(lakeLimits);
    }

    private static BigDecimal[] limits(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(" ");
        BigDecimal[] out = new BigDecimal[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = new BigDecimal(parts[i]);
        }
        return out;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** The canonical unit values are stored and classed in. */
    public Unit unit() {
        return unit;
    }

    public Kind kind() {
        return kind;
    }

    /** Class I..V limits for this waterbody (index 0 = class I); null for pH and water temperature. */
    public BigDecimal[] limits(Waterbody waterbody) {
        BigDecimal[] l = waterbody == Waterbody.RIVER ? riverLimits : lakeLimits;
        return l == null ? null : l.clone();
    }

    BigDecimal limit(Waterbody waterbody, WaterClass c) {
        return (waterbody == Waterbody.RIVER ? riverLimits : lakeLimits)[c.ordinal()];
    }

    /** Case-insensitive code; null when unknown. */
    public static Parameter parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        for (Parameter p : values()) {
            if (p.code.equalsIgnoreCase(t)) {
                return p;
            }
        }
        return null;
    }

    public static String accepted() {
        StringBuilder b = new StringBuilder();
        for (Parameter p : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(p.code);
        }
        return b.toString();
    }
}
