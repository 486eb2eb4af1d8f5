package liuyu.quality;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * One measured value in the parameter's canonical unit. {@code decimals} is the precision it was
 * reported with, counted in the canonical unit (what {@link Rounding#REPORTED} rounds to): 25 µg/L
 * reported to whole µg/L is 0.025 mg/L to 3 decimals; 20 MPN/100 mL to whole units is 200 per L to
 * tens, decimals -1. Below the detection limit, {@code value} is the detection limit itself.
 */
public record Measurement(Parameter parameter, BigDecimal value, int decimals, boolean belowDetectionLimit) {
    /** Decimals in the canonical unit: a reported precision of up to 20 decimals, moved by a unit conversion of up to 10^±6. */
    public static final int MIN_DECIMALS = -10;

    public static final int MAX_DECIMALS = 30;

    public Measurement {
        String problem = problem(parameter, value, decimals, belowDetectionLimit);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** A value as written: its decimals are those it was written with. */
    public static Measurement of(Parameter parameter, String value) {
        BigDecimal v = new BigDecimal(value);
        return new Measurement(parameter, v, Math.max(0, v.scale()), false);
    }

    /** Why these fields make no measurement, or null if they do; callers use it to reject input by name. */
    public static String problem(Parameter parameter, BigDecimal value, int decimals, boolean belowDetectionLimit) {
        if (parameter == null || value == null) {
            return "parameter and value are required";
        }
        if (value.signum() < 0 && parameter != Parameter.WATER_TEMPERATURE) {
            return parameter.code() + " cannot be negative, got " + value.toPlainString();
        }
        if (parameter == Parameter.PH && value.compareTo(BigDecimal.valueOf(14)) > 0) {
            return "pH must be within [0, 14], got " + value.toPlainString();
        }
        if (decimals < MIN_DECIMALS || decimals > MAX_DECIMALS) {
            return "decimals must be within [" + MIN_DECIMALS + ", " + MAX_DECIMALS + "] in "
                    + parameter.unit().code() + ", got " + decimals;
        }
        if (belowDetectionLimit && parameter.kind() != Parameter.Kind.NOT_HIGHER_THAN) {
            return parameter.code() + " is not reported as below a detection limit";
        }
        if (belowDetectionLimit && value.signum() <= 0) {
            return "the detection limit of " + parameter.code() + " must be positive";
        }
        return null;
    }

    /**
     * The period mean of one parameter's values (环办〔2011〕22号 practice): a value below the detection
     * limit counts as half that limit; if every value is below it, the result is "below the largest
     * limit". The mean carries the finest precision of its inputs.
     */
    public static Measurement mean(List<Measurement> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to average");
        }
        Parameter parameter = values.get(0).parameter();
        BigDecimal sumMeasured = BigDecimal.ZERO;
        BigDecimal sumLimits = BigDecimal.ZERO;
        BigDecimal largestLimit = BigDecimal.ZERO;
        int decimals = 0;
        int below = 0;
        for (Measurement m : values) {
            if (m.parameter() != parameter) {
                throw new IllegalArgumentException(
                        "cannot average " + m.parameter().code() + " with " + parameter.code());
            }
            decimals = Math.max(decimals, m.decimals());
            if (m.belowDetectionLimit()) {
                sumLimits = sumLimits.add(m.value());
                largestLimit = largestLimit.max(m.value());
                below++;
            } else {
                sumMeasured = sumMeasured.add(m.value());
            }
        }
        return mean(parameter, values.size(), below, sumMeasured, sumLimits, largestLimit, decimals);
    }

    /**
     * The same mean from totals (as the database sums them): {@code count} values, {@code below} of them below
     * their detection limits, which add up to {@code sumLimits}; the others add up to {@code sumMeasured}.
     * Null sums count as zero.
     */
    public static Measurement mean(
            Parameter parameter,
            long count,
            long below,
            BigDecimal sumMeasured,
            BigDecimal sumLimits,
            BigDecimal largestLimit,
            int decimals) {
        if (count <= 0) {
            throw new IllegalArgumentException("no values to average");
        }
        if (below == count) {
            return new Measurement(parameter, largestLimit, decimals, true);
        }
        BigDecimal sum = (sumMeasured == null ? BigDecimal.ZERO : sumMeasured)
                .add(sumLimits == null ? BigDecimal.ZERO : sumLimits.divide(BigDecimal.valueOf(2)));
        BigDecimal mean =
                sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64).stripTrailingZeros();
        if (mean.scale() < 0) {
            mean = mean.setScale(0); // 2E+1 reads badly; 20 says the same
        }
        return new Measurement(parameter, mean, decimals, false);
    }
}
