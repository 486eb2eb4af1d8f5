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
        for (Waterbody w : Waterbody.values()) {
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
            case RANGE -> value >= Parameter.PH_MIN.doubleValue() && value <= Parameter.PH_MAX.doubleValue()
                ? WaterClass.I : WaterClass.WORSE_THAN_V;
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
        Set<Parameter> evaluated = profile.evaluated();
        Set<Parameter> separate = profile.separate(waterbody);
        Set<Parameter> seen = EnumSet.noneOf(Parameter.class);
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
            Assessment.Factor f = factor(m, waterbody, rounding);
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
            if (!seen.contains(p)) {
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
        if (overall == null) {
            notes.add("no parameter of the " + profile.code() + " profile was given, so no class");
        } else if (!missing.isEmpty()) {
            notes.add("class from " + factors.size() + " of " + evaluated.size() + " parameters of the "
                + profile.code() + " profile; the missing ones were skipped");
        }
        if (anyBelowLimit) {
            notes.add("values below the detection limit are classed at the limit: their class is an upper bound");
        }
        return new Assessment(waterbody, profile, rounding, overall, classSetting, factors, apart, notEvaluated,
            missing, notes);
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
            ? p.limit(waterbody, WaterClass.III) : null;
        BigDecimal multiple = null;
        if (p.kind() == Parameter.Kind.NOT_HIGHER_THAN && c.worseThan(WaterClass.III) && !m.belowDetectionLimit()) {
            multiple = used.subtract(limitIII).divide(limitIII, 2, RoundingMode.HALF_EVEN);
        }
        return new Assessment.Factor(p, used, p.unit(), m.belowDetectionLimit(), c, limitIII, multiple);
    }
}
