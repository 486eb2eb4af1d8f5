package liuyu.quality;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 24 basic items of GB 3838-2002 Table 1 with their class I–V limits (mg/L unless stated).
 * A value equal to a limit belongs to that class; DO is "not lower than"; pH 6–9 holds for every
 * class; water temperature is limited only as a man-made change and is never classed. {@code flow}
 * is not a GB 3838 item: it is the water quantity an outfall discharges (有水皆测, beijing-outfall-supervision-2023/2.1), never classed;
 * nor are conductivity, turbidity, chlorophyll a and algal density, which CNEMC's automatic stations
 * publish beside the classed items: they are recorded and listed as not evaluated.
 */
public enum Parameter {
    WATER_TEMPERATURE("water-temperature", "水温", "water temperature", Unit.CELSIUS, Kind.NOT_CLASSED, null, null),
    PH("pH", "pH值", "pH", Unit.DIMENSIONLESS, Kind.RANGE, null, null),
    DO("DO", "溶解氧", "dissolved oxygen", Unit.MG_PER_L, Kind.NOT_LOWER_THAN, "7.5 6 5 3 2", null),
    CODMN("CODMn", "高锰酸盐指数", "permanganate index", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "2 4 6 10 15", null),
    COD("COD", "化学需氧量", "chemical oxygen demand", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "15 15 20 30 40", null),
    BOD5(
            "BOD5",
            "五日生化需氧量",
            "five-day biochemical oxygen demand",
            Unit.MG_PER_L,
            Kind.NOT_HIGHER_THAN,
            "3 3 4 6 10",
            null),
    NH3N("NH3-N", "氨氮", "ammonia nitrogen", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.15 0.5 1.0 1.5 2.0", null),
    TP(
            "TP",
            "总磷",
            "total phosphorus",
            Unit.MG_PER_L,
            Kind.NOT_HIGHER_THAN,
            "0.02 0.1 0.2 0.3 0.4",
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
    VOLATILE_PHENOL(
            "volatile-phenol",
            "挥发酚",
            "volatile phenol",
            Unit.MG_PER_L,
            Kind.NOT_HIGHER_THAN,
            "0.002 0.002 0.005 0.01 0.1",
            null),
    PETROLEUM("petroleum", "石油类", "petroleum", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.05 0.05 0.05 0.5 1.0", null),
    LAS(
            "LAS",
            "阴离子表面活性剂",
            "anionic surfactants (LAS)",
            Unit.MG_PER_L,
            Kind.NOT_HIGHER_THAN,
            "0.2 0.2 0.2 0.3 0.3",
            null),
    SULFIDE("sulfide", "硫化物", "sulfide", Unit.MG_PER_L, Kind.NOT_HIGHER_THAN, "0.05 0.1 0.2 0.5 1.0", null),
    FECAL_COLIFORM(
            "fecal-coliform",
            "粪大肠菌群",
            "fecal coliform",
            Unit.PER_L,
            Kind.NOT_HIGHER_THAN,
            "200 2000 10000 20000 40000",
            null),
    FLOW("flow", "流量", "discharge flow (water quantity)", Unit.M3_PER_DAY, Kind.NOT_CLASSED, null, null),
    // the other columns of CNEMC's real-time surface-water records: not GB 3838-2002 Table 1 items, recorded, never
    // classed
    CONDUCTIVITY(
            "conductivity", "电导率", "electrical conductivity", Unit.MICROSIEMENS_PER_CM, Kind.NOT_CLASSED, null, null),
    TURBIDITY("turbidity", "浊度", "turbidity", Unit.NTU, Kind.NOT_CLASSED, null, null),
    CHLOROPHYLL_A("chlorophyll-a", "叶绿素a", "chlorophyll a", Unit.MG_PER_L, Kind.NOT_CLASSED, null, null),
    ALGAL_DENSITY("algal-density", "藻密度", "algal density", Unit.CELLS_PER_L, Kind.NOT_CLASSED, null, null);

    /** Other names in use, besides the code, the Chinese and the English name (compared as {@link #key}). */
    private static final Map<Parameter, List<String>> ALIASES = Map.ofEntries(
            Map.entry(WATER_TEMPERATURE, List.of("水温", "temperature", "WT")),
            Map.entry(PH, List.of("pH值", "pH")),
            Map.entry(CODMN, List.of("COD_Mn", "IMn", "permanganate")),
            Map.entry(COD, List.of("CODCr", "COD_Cr")),
            Map.entry(BOD5, List.of("BOD", "BOD₅", "生化需氧量")),
            Map.entry(NH3N, List.of("NH₃-N", "ammonia")),
            Map.entry(CR6, List.of("六价铬", "Cr(VI)", "CrVI")),
            Map.entry(VOLATILE_PHENOL, List.of("volatile phenols")),
            Map.entry(LAS, List.of("anionic surfactants")),
            Map.entry(FECAL_COLIFORM, List.of("faecal coliform", "粪大肠菌")),
            Map.entry(FLOW, List.of("discharge")),
            Map.entry(CONDUCTIVITY, List.of("EC")),
            Map.entry(CHLOROPHYLL_A, List.of("叶绿素α", "Chl-a", "chlorophyll-α")),
            Map.entry(ALGAL_DENSITY, List.of("algae density")));

    private static final Map<String, Parameter> BY_KEY = new HashMap<>();
    private static final Map<String, Parameter> BY_CODE = new HashMap<>();

    static {
        for (Parameter p : values()) {
            BY_CODE.put(p.code, p);
            List<String> names = new ArrayList<>(List.of(p.code, p.nameZh, p.nameEn));
            names.addAll(ALIASES.getOrDefault(p, List.of()));
            for (String name : names) {
                Parameter before = BY_KEY.put(key(name), p);
                if (before != null && before != p) {
                    throw new IllegalStateException("'" + name + "' names both " + before + " and " + p);
                }
            }
        }
    }

    /** How a parameter's limits read. */
    public enum Kind {
        NOT_HIGHER_THAN,
        NOT_LOWER_THAN,
        RANGE,
        NOT_CLASSED
    }

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

    /** Class I..V limits for a river or a lake/reservoir (index 0 = class I); null for pH and unclassed parameters. */
    public BigDecimal[] limits(Waterbody waterbody) {
        BigDecimal[] l = known(waterbody) == Waterbody.RIVER ? riverLimits : lakeLimits;
        return l == null ? null : l.clone();
    }

    BigDecimal limit(Waterbody waterbody, WaterClass c) {
        return (known(waterbody) == Waterbody.RIVER ? riverLimits : lakeLimits)[c.ordinal()];
    }

    private static Waterbody known(Waterbody waterbody) {
        if (waterbody == Waterbody.UNKNOWN) {
            throw new IllegalArgumentException("an unknown water body has no limits of its own: class it under both");
        }
        return waterbody;
    }

    /**
     * The parameter a code, Chinese name, English name or alias names (高锰酸盐指数, 氨氮, CODCr, 叶绿素α …);
     * null when unknown. Case, spaces, '-', '_', '·', brackets and full-width forms do not matter.
     */
    public static Parameter parse(String text) {
        return text == null ? null : BY_KEY.get(key(text));
    }

    /** The parameter whose code is exactly {@code code}, as stored; unknown codes are refused, not guessed. */
    public static Parameter ofCode(String code) {
        Parameter p = BY_CODE.get(code);
        if (p == null) {
            throw new IllegalArgumentException("no parameter has the code '" + code + "'; codes: " + accepted());
        }
        return p;
    }

    /** Every name accepted for this parameter (code first). */
    public List<String> names() {
        List<String> names = new ArrayList<>(List.of(code, nameZh, nameEn));
        names.addAll(ALIASES.getOrDefault(this, List.of()));
        return names;
    }

    static String key(String name) {
        String k = Normalizer.normalize(name, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replace('α', 'a');
        StringBuilder b = new StringBuilder(k.length());
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (" -_·.()[]\t".indexOf(c) < 0) {
                b.append(c);
            }
        }
        return b.toString();
    }

    public static String accepted() {
        StringBuilder b = new StringBuilder();
        for (Parameter p : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(p.code);
        }
        return b.toString();
    }
}
