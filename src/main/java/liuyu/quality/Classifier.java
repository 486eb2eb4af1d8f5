package liuyu.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * GB 3838-2002 single-factor evaluation: each parameter gets the best class whose limit it meets, the
 * sample gets the worst of those. Stateless and thread-safe; limits are compared as doubles taken
 * from the decimal values, which is exact at every limit because both sides parse the same decimal.
 */
public final class Classifier {
    private static final int WORSE = WaterClass.WORSE_THAN_V.ordinal();
    private static final Parameter[] PARAMETERS = Parameter.values();

    // limits[waterbody][parameter][class], doubles for the hot path
    private final double[][][] limits = new double[Waterbody.values().length][PARAMETERS.length][];

    public Classifier() {
        for (Waterbody w : List.of(Waterbody.RIVER, Waterbody.LAKE_RESERVOIR)) {
            for (Parameter p : PARAMETERS) {
                BigDecimal[] l = p.limits(w);
                if (l != null) {
                    double[] d = new double[l.length];
                    for (int i = 0; i < l.length; i++) {
                        d[i] = l[i].doubleValue();
                    }
                    limits[w.ordinal()][p.ordinal()] = d;
                }
            }
        }
    }

    /** The class of one parameter's value in this waterbody; null for water temperature (never classed). */
    public WaterClass classOf(Parameter p, Waterbody w, double value) {
        return switch (p.kind()) {
            case NOT_CLASSED -> null;
            case RANGE ->
                value >= Parameter.PH_MIN.doubleValue() && value <= Parameter.PH_MAX.doubleValue()
                        ? WaterClass.I
                        : WaterClass.WORSE_THAN_V;
            case NOT_LOWER_THAN -> WaterClass.ofIndex(indexNotLowerThan(limits[w.ordinal()][p.ordinal()], value));
            case NOT_HIGHER_THAN -> WaterClass.ofIndex(indexNotHigherThan(limits[w.ordinal()][p.ordinal()], value));
        };
    }

    private static int indexNotHigherThan(double[] l, double v) {
        for (int i = 0; i < l.length; i++) {
            if (v <= l[i]) {
                return i;
            }
        }
        return WORSE;
    }

    private static int indexNotLowerThan(double[] l, double v) {
        for (int i = 0; i < l.length; i++) {
            if (v >= l[i]) {
                return i;
            }
        }
        return WORSE;
    }

    /**
     * Classes one sample (or one set of period means). Each parameter may appear once; parameters
     * outside the profile are listed as not evaluated, profile parameters not given as missing, and
     * the class comes from the rest.
     */
    public Assessment classify(Waterbody waterbody, Profile profile, Rounding rounding, List<Measurement> sample) {
        return classify(waterbody, profile, rounding, sample, List.of(), List.of());
    }

    /**
     * Classes one sample whose flagged values ({@code excluded}) and values published as missing
     * ({@code missingValues}) were set aside: they are listed, never classed. A parameter appears once
     * over the three lists.
     */
    public Assessment classify(
            Waterbody waterbody,
            Profile profile,
            Rounding rounding,
            List<Measurement> sample,
            List<Assessment.Excluded> excluded,
            List<Assessment.MissingValue> missingValues) {
        if (waterbody == Waterbody.UNKNOWN) {
            return underBoth(profile, rounding, sample, excluded, missingValues);
        }
        if (rounding == Rounding.DISPLAYED && profile.displayedDecimals(Parameter.PH) == null) {
            throw new IllegalArgumentException(
                    "rounding 'displayed' needs a profile that displays its values (cnemc-realtime)");
        }
        Set<Parameter> evaluated = profile.evaluated();
        Set<Parameter> separate = profile.separate(waterbody);
        Set<Parameter> seen = EnumSet.noneOf(Parameter.class);
        Set<Parameter> setAside = EnumSet.noneOf(Parameter.class);
        for (Assessment.Excluded x : excluded) {
            if (!seen.add(x.parameter())) {
                throw new IllegalArgumentException(x.parameter().code() + " appears twice in one sample");
            }
            setAside.add(x.parameter());
        }
        for (Assessment.MissingValue x : missingValues) {
            if (!seen.add(x.parameter())) {
                throw new IllegalArgumentException(x.parameter().code() + " appears twice in one sample");
            }
        }
        List<Assessment.Factor> factors = new ArrayList<>();
        List<Assessment.Factor> apart = new ArrayList<>();
        List<Parameter> notEvaluated = new ArrayList<>();
        int worst = -1;
        boolean anyBelowLimit = false;
        for (Measurement m : sample) {
            Parameter p = m.parameter();
            if (!seen.add(p)) {
                throw new IllegalArgumentException(p.code() + " appears twice in one sample");
            }
            boolean counts = evaluated.contains(p);
            if (!counts && !separate.contains(p)) {
                notEvaluated.add(p);
                continue;
            }
            Assessment.Factor f =
                    rounding == Rounding.DISPLAYED ? displayed(m, waterbody, profile) : factor(m, waterbody, rounding);
            if (counts) {
                factors.add(f);
                worst = Math.max(worst, f.waterClass().ordinal());
                anyBelowLimit |= m.belowDetectionLimit();
            } else {
                apart.add(f);
            }
        }
        List<Parameter> missing = new ArrayList<>();
        for (Parameter p : evaluated) {
            if (!seen.contains(p) || (!setAside.contains(p) && factors.stream().noneMatch(f -> f.parameter() == p))) {
                missing.add(p);
            }
        }
        WaterClass overall = worst < 0 ? null : WaterClass.ofIndex(worst);
        List<Parameter> classSetting = new ArrayList<>();
        for (Assessment.Factor f : factors) {
            // pH inside 6–9 meets every class, so it never decides one; outside it decides "worse than V"
            boolean decides = f.parameter() != Parameter.PH || f.waterClass() == WaterClass.WORSE_THAN_V;
            if (f.waterClass() == overall && decides) {
                classSetting.add(f.parameter());
            }
        }
        List<String> notes = new ArrayList<>();
        List<String> notesZh = new ArrayList<>(); // the same notes in Chinese, item for item
        if (overall == null) {
            notes.add("no value of the " + profile.code() + " profile to class, so no class");
            notesZh.add("没有可按 " + profile.code() + " 评价方案定类的数值，因此不定类");
        } else if (factors.size() < evaluated.size()) {
            notes.add("class from " + factors.size() + " of " + evaluated.size() + " parameters of the "
                    + profile.code() + " profile; the missing and excluded ones were skipped");
            notesZh.add("类别依据 " + profile.code() + " 评价方案 " + evaluated.size() + " 项中的 " + factors.size()
                    + " 项确定；缺测和剔除的项目未参与评价");
        }
        if (!excluded.isEmpty()) {
            notes.add(excluded.size() + " value(s) flagged abnormal were left out of the class");
            notesZh.add(excluded.size() + " 个标记为异常的数值未参与定类");
        }
        if (anyBelowLimit) {
            notes.add("values below the detection limit are classed at the limit: their class is an upper bound");
            notesZh.add("低于检出限的数值按检出限定类，所得类别为上限");
        }
        return new Assessment(
                waterbody,
                profile,
                rounding,
                overall,
                classSetting,
                factors,
                apart,
                notEvaluated,
                missing,
                List.copyOf(excluded),
                List.copyOf(missingValues),
                notes,
                notesZh,
                null);
    }

    /** The value rounded half-to-even to the decimals the profile displays it with, then classed. */
    private Assessment.Factor displayed(Measurement m, Waterbody waterbody, Profile profile) {
        Integer d = profile.displayedDecimals(m.parameter());
        return factor(
                d == null ? m : new Measurement(m.parameter(), m.value(), d, m.belowDetectionLimit()),
                waterbody,
                d == null ? Rounding.RAW : Rounding.REPORTED);
    }

    /** An unknown water body: the sample under river and under lake/reservoir limits, and whether they differ. */
    private Assessment underBoth(
            Profile profile,
            Rounding rounding,
            List<Measurement> sample,
            List<Assessment.Excluded> excluded,
            List<Assessment.MissingValue> missingValues) {
        Assessment river = classify(Waterbody.RIVER, profile, rounding, sample, excluded, missingValues);
        Assessment lake = classify(Waterbody.LAKE_RESERVOIR, profile, rounding, sample, excluded, missingValues);
        List<Assessment.Factor> same = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        for (Assessment.Factor f : river.factors()) {
            Assessment.Factor g = lake.factors().stream()
                    .filter(x -> x.parameter() == f.parameter())
                    .findFirst()
                    .orElseThrow();
            if (f.waterClass() == g.waterClass()) {
                same.add(f);
            } else {
                differing.add(f.parameter().code() + " (river " + f.waterClass().code() + ", lake/reservoir "
                        + g.waterClass().code() + ")");
            }
        }
        boolean agree = river.waterClass() == lake.waterClass();
        List<Parameter> classSetting = new ArrayList<>();
        if (agree) {
            for (Parameter p : river.classSetting()) {
                if (lake.classSetting().contains(p)) {
                    classSetting.add(p);
                }
            }
        }
        List<String> notes = new ArrayList<>();
        List<String> notesZh = new ArrayList<>();
        String classes =
                "river limits give " + code(river.waterClass()) + ", lake/reservoir limits " + code(lake.waterClass());
        String classesZh = "河流标准为 " + code(river.waterClass()) + "，湖库标准为 " + code(lake.waterClass());
        if (agree) {
            notes.add(
                    "the water-body type is unknown: classed under river and lake/reservoir limits, which agree on the class ("
                            + classes + ")"
                            + (differing.isEmpty()
                                    ? ""
                                    : "; parameters classed differently: " + String.join(", ", differing)));
            notesZh.add("水体类型未知：按河流和湖库标准分别评价，类别一致（" + classesZh + "）"
                    + (differing.isEmpty() ? "" : "；类别不同的项目：" + String.join("、", differing)));
        } else {
            notes.add("the water-body type is unknown and decides the class: " + classes + " ("
                    + String.join(", ", differing)
                    + "); both are under byWaterbody. Give the waterbody or the section to get one class");
            notesZh.add("水体类型未知且影响定类：" + classesZh + "（" + String.join("、", differing)
                    + "）；两种结果均见 byWaterbody。请给出水体类型或断面以得到唯一类别");
        }
        if (!lake.reportedSeparately().isEmpty()) {
            notes.add("a lake or reservoir would report TN apart from the class (see byWaterbody)");
            notesZh.add("若为湖库，总氮单独评价，不参与定类（见 byWaterbody）");
        }
        return new Assessment(
                Waterbody.UNKNOWN,
                profile,
                rounding,
                agree ? river.waterClass() : null,
                classSetting,
                same,
                List.of(),
                river.notEvaluated(),
                river.missing(),
                river.excluded(),
                river.missingValues(),
                notes,
                notesZh,
                List.of(river, lake));
    }

    private static String code(WaterClass c) {
        return c == null ? "no class" : c.code();
    }

    /** The verdict on one value: the value compared (after rounding) and its class (null if the parameter is never classed). */
    public Assessment.Factor factor(Measurement m, Waterbody waterbody, Rounding rounding) {
        Parameter p = m.parameter();
        BigDecimal used = rounding == Rounding.REPORTED && m.value().scale() > m.decimals()
                ? m.value().setScale(m.decimals(), RoundingMode.HALF_EVEN)
                : m.value();
        if (used.scale() < 0) {
            used = used.setScale(0); // rounded to tens or more: 2E+2 reads badly, 200 says the same
        }
        WaterClass c = classOf(p, waterbody, used.doubleValue());
        BigDecimal limitIII = p.kind() == Parameter.Kind.NOT_HIGHER_THAN || p.kind() == Parameter.Kind.NOT_LOWER_THAN
                ? p.limit(waterbody, WaterClass.III)
                : null;
        BigDecimal multiple = null;
        if (p.kind() == Parameter.Kind.NOT_HIGHER_THAN && c.worseThan(WaterClass.III) && !m.belowDetectionLimit()) {
            multiple = used.subtract(limitIII).divide(limitIII, 2, RoundingMode.HALF_EVEN);
        }
        return new Assessment.Factor(p, used, p.unit(), m.belowDetectionLimit(), c, limitIII, multiple);
    }
}
