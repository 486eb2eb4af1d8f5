package liuyu.alarms;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules' judgements, pure: each answers with what it found (the detail stored with the anomaly) or empty.
 * {@code previous} are the readings before the value judged, oldest first, values only (flagged and missing
 * readings left out by the caller).
 */
public final class Detector {
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private Detector() {}

    /** Out of the instrument's range [min, max]. */
    public static Optional<String> range(AnomalyRule rule, BigDecimal value) {
        if (value.compareTo(rule.min()) < 0 || value.compareTo(rule.max()) > 0) {
            return Optional.of("value " + shown(value) + " outside the measuring range [" + shown(rule.min()) + ", "
                    + shown(rule.max()) + "]");
        }
        return Optional.empty();
    }

    /** Below zero. */
    public static Optional<String> negative(BigDecimal value) {
        return value.signum() < 0 ? Optional.of("negative value " + shown(value)) : Optional.empty();
    }

    /** This value and the {@code readings − 1} before it are all equal. */
    public static Optional<String> flat(AnomalyRule rule, BigDecimal value, List<BigDecimal> previous) {
        int n = rule.readings();
        if (previous.size() < n - 1) {
            return Optional.empty();
        }
        for (BigDecimal p : previous.subList(previous.size() - (n - 1), previous.size())) {
            if (p.compareTo(value) != 0) {
                return Optional.empty();
            }
        }
        return Optional.of("value " + shown(value) + " unchanged for " + n + " readings in a row");
    }

    /**
     * Further from the median of the last {@code window} readings than {@code factor} × their spread, the spread
     * being their median absolute deviation (MAD, unscaled) but at least {@code minSpread} × |median| (a flat
     * history would make any change a spike). Needs {@code window} readings before it.
     */
    public static Optional<String> spike(AnomalyRule rule, BigDecimal value, List<BigDecimal> previous) {
        int w = rule.window();
        if (previous.size() < w) {
            return Optional.empty();
        }
        List<BigDecimal> recent = previous.subList(previous.size() - w, previous.size());
        BigDecimal median = median(recent);
        List<BigDecimal> deviations = new ArrayList<>(w);
        for (BigDecimal r : recent) {
            deviations.add(r.subtract(median).abs());
        }
        BigDecimal mad = median(deviations);
        BigDecimal spread = mad.max(rule.minSpread().multiply(median.abs()));
        BigDecimal distance = value.subtract(median).abs();
        if (distance.compareTo(rule.factor().multiply(spread)) > 0) {
            return Optional.of("value " + shown(value) + " is " + shown(distance) + " from the median "
                    + shown(median) + " of the last " + w + " readings; limit " + shown(rule.factor()) + " × spread "
                    + shown(spread) + " (MAD " + shown(mad) + ")");
        }
        return Optional.empty();
    }

    /**
     * How many expected readings are missing at {@code now} after the last one at {@code last}: the whole
     * intervals elapsed after the grace period, less the one in transit. A gap is {@code missing} or more.
     */
    public static long missingReadings(AnomalyRule rule, Instant last, Instant now) {
        Duration late = Duration.between(last, now).minus(rule.grace());
        if (late.isNegative()) {
            return 0;
        }
        return late.dividedBy(rule.interval());
    }

    /** A gap when {@link #missingReadings} reaches the rule's {@code missing}. */
    public static Optional<String> gap(AnomalyRule rule, Instant last, Instant now) {
        long missing = missingReadings(rule, last, now);
        if (missing >= rule.missing()) {
            return Optional.of(missing + " expected reading(s) missing: none since " + last + ", expected every "
                    + rule.interval() + " (grace " + rule.grace() + ")");
        }
        return Optional.empty();
    }

    /** The automatic value further from the manual comparison value than max(tolerance × |manual|, absolute). */
    public static Optional<String> disagrees(
            AnomalyRule rule, BigDecimal automatic, BigDecimal manual, String manualId) {
        BigDecimal allowed = rule.tolerance().multiply(manual.abs()).max(rule.absolute());
        BigDecimal difference = automatic.subtract(manual).abs();
        if (difference.compareTo(allowed) > 0) {
            return Optional.of("automatic " + shown(automatic) + " differs from the manual comparison " + shown(manual)
                    + " (" + manualId + ") by " + shown(difference) + ", more than " + shown(allowed));
        }
        return Optional.empty();
    }

    /**
     * The readings of a series a value-rule flags, judged one after another as they would arrive (each against the
     * readings before it): the indexes flagged. For range, negative, flat and spike rules.
     */
    public static List<Integer> series(AnomalyRule rule, List<BigDecimal> values) {
        List<Integer> flagged = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (judge(rule, values.get(i), values.subList(0, i)).isPresent()) {
                flagged.add(i);
            }
        }
        return flagged;
    }

    /** One value under a value-rule (range, negative, flat, spike); empty for the other kinds. */
    public static Optional<String> judge(AnomalyRule rule, BigDecimal value, List<BigDecimal> previous) {
        return switch (rule.kind()) {
            case RANGE -> range(rule, value);
            case NEGATIVE -> negative(value);
            case FLAT -> flat(rule, value, previous);
            case SPIKE -> spike(rule, value, previous);
            case GAP, MANUAL -> Optional.empty();
        };
    }

    static BigDecimal median(List<BigDecimal> values) {
        List<BigDecimal> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1
                ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(TWO, MathContext.DECIMAL64);
    }

    static String shown(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
