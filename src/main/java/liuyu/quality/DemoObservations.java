package liuyu.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.geo.BeijingTime;
import org.locationtech.jts.geom.Coordinate;

/**
 * SYNTHETIC monthly observations for the demo sections, so every quality endpoint has something to
 * show: each section sits at its target class from 2024-01 to 2025-08, Miyun's TN slowly falls, and
 * river sections of the North Canal basin (北运河, basin {@code beiyun}) deteriorate in the 2025 flood
 * season (July–August), the case 联动溯源 is for (beijing-outfall-supervision-2023/4.2). Normally flowing outfalls get one effluent
 * sample in July 2025 (COD, NH3-N, TP, high in that basin; flow, except in that basin), so a trace
 * shows their latest monitoring and 有水皆测 coverage has gaps.
 * Stored with source kind {@code synthetic}, ids {@code syn-<site>-<month>-<parameter>}, and only for
 * sites without any observation.
 */
public final class DemoObservations {
    public static final String USER = "demo-generator";
    static final YearMonth FIRST = YearMonth.of(2024, 1);
    static final YearMonth LAST = YearMonth.of(2025, 8);
    static final String DETERIORATING_BASIN = "beiyun";

    private static final Parameter[] MEASURED = {
        Parameter.PH,
        Parameter.DO,
        Parameter.CODMN,
        Parameter.COD,
        Parameter.BOD5,
        Parameter.NH3N,
        Parameter.TP,
        Parameter.TN
    };

    private final Sections sections;
    private final AtlasStore atlases;
    private final ObservationStore store;

    public DemoObservations(Sections sections, AtlasStore atlases, ObservationStore store) {
        this.sections = sections;
        this.atlases = atlases;
        this.store = store;
    }

    /** Seeds every section and normally flowing outfall that has no observation yet; returns how many were stored. */
    public int seed() {
        int stored = 0;
        for (Section s : sections.all()) {
            if (store.count(s.id()) == 0) {
                stored += store.append(USER, generate(s)).stored().size();
            }
        }
        Layer outfalls = atlases.current().layer(AtlasSchema.OUTFALLS);
        for (Feature f : outfalls == null ? List.<Feature>of() : outfalls.features()) {
            if (Boolean.TRUE.equals(f.properties().get("normallyFlowing")) && store.count(f.id()) == 0) {
                stored += store.append(USER, effluent(f, basin(f))).stored().size();
            }
        }
        return stored;
    }

    /** The basin an outfall lies in, read from the atlas's basins layer. */
    private String basin(Feature outfall) {
        Coordinate c = outfall.geometry().getCoordinate();
        return atlases.current().zones().containing(c.x, c.y).stream()
                .filter(z -> z.layer().equals(AtlasSchema.BASINS))
                .map(Feature::id)
                .findFirst()
                .orElse(null);
    }

    /** The effluent sample; the polluting basin's outfalls had no flow measured, so 有水皆测 coverage has gaps to show. */
    static List<Observation> effluent(Feature outfall, String basin) {
        boolean high = DETERIORATING_BASIN.equals(basin);
        YearMonth m = YearMonth.of(2025, 7);
        OffsetDateTime at = m.atDay(10).atTime(10, 0).atOffset(BeijingTime.OFFSET);
        List<Map.Entry<Parameter, String>> values = high
                ? List.of(
                        Map.entry(Parameter.COD, "86"),
                        Map.entry(Parameter.NH3N, "12.4"),
                        Map.entry(Parameter.TP, "1.62"))
                : List.of(
                        Map.entry(Parameter.COD, "27"),
                        Map.entry(Parameter.NH3N, "1.1"),
                        Map.entry(Parameter.TP, "0.24"),
                        Map.entry(Parameter.FLOW, "1200"));
        List<Observation> out = new ArrayList<>();
        for (Map.Entry<Parameter, String> pv : values) {
            Parameter p = pv.getKey();
            out.add(new Observation(
                    "syn-" + outfall.id() + "-" + m + "-" + p.code(),
                    0,
                    outfall.id(),
                    at,
                    p,
                    new BigDecimal(pv.getValue()),
                    p.unit().code(),
                    pv.getValue(),
                    p.unit().code(),
                    false,
                    "synthetic demo data (not a measurement)",
                    new Observation.Source(Observation.Source.SYNTHETIC, null, null),
                    null,
                    new Observation.People(null, null, null, null),
                    null,
                    null,
                    null));
        }
        return out;
    }

    static List<Observation> generate(Section s) {
        Random random = new Random(s.id().hashCode());
        int level = s.targetClass() == null || s.targetClass() == WaterClass.WORSE_THAN_V
                ? 2
                : s.targetClass().ordinal();
        boolean deteriorates = s.waterbody() == Waterbody.RIVER && DETERIORATING_BASIN.equals(s.basin());
        List<Observation> out = new ArrayList<>();
        for (YearMonth m = FIRST; !m.isAfter(LAST); m = m.plusMonths(1)) {
            boolean flood = deteriorates && m.getYear() == 2025 && m.getMonthValue() >= 7;
            OffsetDateTime at = m.atDay(5).atTime(9, 30).atOffset(BeijingTime.OFFSET);
            for (Parameter p : MEASURED) {
                BigDecimal v = value(p, s, level, flood, m, random);
                out.add(new Observation(
                        "syn-" + s.id() + "-" + m + "-" + p.code(),
                        0,
                        s.id(),
                        at,
                        p,
                        v,
                        p.unit().code(),
                        v.toPlainString(),
                        p.unit().code(),
                        false,
                        "synthetic demo data (not a measurement)",
                        new Observation.Source(Observation.Source.SYNTHETIC, null, null),
                        null,
                        new Observation.People(null, null, null, null),
                        null,
                        null,
                        null));
            }
        }
        return out;
    }

    /** A value inside the class band of {@code level} (60–90 % of the way to its limit), or far beyond class V in a flood month. */
    private static BigDecimal value(Parameter p, Section s, int level, boolean flood, YearMonth m, Random random) {
        double u = 0.6 + 0.3 * random.nextDouble();
        double v;
        int decimals;
        switch (p) {
            case PH -> {
                v = 7.4 + 0.8 * random.nextDouble();
                decimals = 2;
            }
            case DO -> {
                double[] l = {7.5, 6, 5, 3, 2};
                v = flood
                        ? 2.4
                        : (level == 0 ? 8.5 + random.nextDouble() : l[level] + (1 - u) * (l[level - 1] - l[level]));
                decimals = 1;
            }
            case TN -> {
                // reservoirs: TN drifts down 2 % a year from about 1.15 mg/L (below the demo 2021 baseline)
                v = s.waterbody() == Waterbody.LAKE_RESERVOIR
                        ? 1.15 - 0.02 * (m.getYear() - 2024) + 0.06 * (random.nextDouble() - 0.5)
                        : band(p, s.waterbody(), level, u) + (flood ? 6 : 3);
                decimals = 2;
            }
            default -> {
                v = flood && (p == Parameter.NH3N || p == Parameter.TP)
                        ? band(p, s.waterbody(), 4, 1) * 1.6
                        : band(p, s.waterbody(), level, u);
                decimals = switch (p) {
                    case NH3N, TP -> 3;
                    case COD -> 0;
                    default -> 1;
                };
            }
        }
        BigDecimal out = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN);
        // a band starting at zero could round to 0, which no laboratory reports: keep the smallest reportable value
        return out.signum() <= 0 ? BigDecimal.ONE.movePointLeft(decimals) : out;
    }

    private static double band(Parameter p, Waterbody w, int level, double u) {
        BigDecimal[] l = p.limits(w);
        double upper = l[level].doubleValue();
        double lower = level == 0 ? 0 : l[level - 1].doubleValue();
        if (lower >= upper) {
            lower = 0;
        }
        return lower + u * (upper - lower);
    }
}
