package liuyu.quality;

import java.math.BigDecimal;
import java.util.List;
import liuyu.geo.Decimals;

/**
 * One reported value turned into a {@link Measurement}: the number (or "&lt;" and a detection limit) in
 * the unit it was reported in, and the decimals it was reported with, counted in that unit.
 * <p>
 * <b>Order</b>: the value is rounded in the unit it was reported in, then converted. Every accepted
 * conversion is a power of ten, so this is done exactly by moving the decimal point of the value and
 * of its decimals together: 25.4 µg/L reported to 0 decimals is 0.0254 mg/L to 3 decimals, which
 * {@link Rounding#REPORTED} rounds to 0.025 mg/L (= 25 µg/L), never to 0 mg/L.
 */
public final class Reading {
    private Reading() {}

    /** Why a reported value makes no measurement; {@code member} is "value", "unit" or "decimals". */
    public static final class Problem extends IllegalArgumentException {
        private final String member;

        Problem(String member, String message) {
            super(message);
            this.member = member;
        }

        public String member() {
            return member;
        }
    }

    /** The markers published for a missing value (CNEMC writes '--'); 'null' in any case. */
    public static final List<String> MISSING_MARKERS = List.of("--", "*", "", "null");

    /** The marker if {@code text} says the value is missing (a JSON null is the marker "null"), else null. */
    public static String missingMarker(String text) {
        if (text == null) {
            return "null";
        }
        String t = text.strip();
        return t.equals("--") || t.equals("*") || t.isEmpty() || t.equalsIgnoreCase("null") ? t : null;
    }

    /**
     * The measurement of {@code text} (a decimal number, or '&lt;' and the detection limit) reported in
     * {@code unit} (null: the canonical unit) with {@code decimals} decimals in that unit (null: as many
     * as the number is written with).
     */
    public static Measurement measurement(Parameter parameter, String text, String unit, Integer decimals) {
        String t = text.strip();
        boolean below = t.startsWith("<");
        BigDecimal number = Decimals.parse(below ? t.substring(1) : t);
        if (number == null) {
            throw new Problem(
                    "value",
                    parameter.code() + " must be " + Decimals.LIMITS + ", or '<' and the detection limit; got '"
                            + Decimals.shown(t) + "'");
        }
        String u = unit == null ? parameter.unit().code() : unit;
        Integer exponent = parameter.unit().exponent(u);
        if (exponent == null) {
            throw new Problem(
                    "unit",
                    "unit '" + Decimals.shown(u) + "' does not fit " + parameter.code() + "; accepted: "
                            + parameter.unit().accepted());
        }
        if (decimals != null && (decimals < 0 || decimals > Decimals.MAX_DECIMALS)) {
            throw new Problem(
                    "decimals",
                    "decimals must be an integer within [0, " + Decimals.MAX_DECIMALS
                            + "], counted in the unit the value is reported in; got " + decimals);
        }
        int reported = decimals == null ? Math.max(0, number.scale()) : decimals;
        BigDecimal canonical = number.movePointRight(exponent);
        int canonicalDecimals = reported - exponent;
        String problem = Measurement.problem(parameter, canonical, canonicalDecimals, below);
        if (problem != null) {
            throw new Problem("value", problem);
        }
        return new Measurement(parameter, canonical, canonicalDecimals, below);
    }
}
