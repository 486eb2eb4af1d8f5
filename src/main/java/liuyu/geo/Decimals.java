package liuyu.geo;

import java.math.BigDecimal;

/**
 * Decimal numbers from users, read with bounded size. {@code 1e10000000} is ten characters and cheap to
 * read, but its plain form has ten million digits, and every comparison, rounding or print of it costs
 * time that grows with them: one such value pinned a core for tens of minutes. Every decimal a request
 * carries goes through {@link #parse} or {@link #bounded} before anything else touches it.
 */
public final class Decimals {
    /** Longest accepted text of one number. */
    public static final int MAX_CHARS = 40;
    /** Largest accepted magnitude: below 10^15 (a flow of a billion m³/d still fits). */
    public static final int MAX_INTEGER_DIGITS = 15;
    /** Most decimals accepted. */
    public static final int MAX_DECIMALS = 20;
    /** What the limits are, for error messages. */
    public static final String LIMITS = "a decimal number of at most " + MAX_CHARS + " characters, below 1e"
            + MAX_INTEGER_DIGITS + " in magnitude, with at most " + MAX_DECIMALS + " decimals";

    private Decimals() {}

    /** The number written in {@code text}, or null if it is not a decimal number within the limits. */
    public static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.isEmpty() || t.length() > MAX_CHARS) {
            return null;
        }
        try {
            return bounded(new BigDecimal(t));
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** {@code text} for an error message: cut after {@link #MAX_CHARS} characters, so a huge input is not echoed. */
    public static String shown(String text) {
        return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text;
    }

    /** {@code value} if it lies within the limits, else null; costs nothing whatever the exponent. */
    public static BigDecimal bounded(BigDecimal value) {
        if (value == null) {
            return null;
        }
        // precision - scale is the count of digits before the point; both are plain ints, never expanded.
        long integerDigits = (long) value.precision() - value.scale();
        if (value.signum() != 0 && integerDigits > MAX_INTEGER_DIGITS) {
            return null;
        }
        if (value.scale() > MAX_DECIMALS) {
            return null;
        }
        return value.scale() < 0 ? value.setScale(0) : value;
    }
}
