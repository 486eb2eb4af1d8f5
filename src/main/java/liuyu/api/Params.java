package liuyu.api;

import liuyu.geo.Crs;

/** Strict parsing of query parameters, so each failure names the parameter and the accepted range. */
public final class Params {
    private Params() {}

    public static double number(String name, String value, double min, double max) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest(name, "query parameter '" + name + "' is required");
        }
        double v;
        try {
            v = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(name, "parameter '" + name + "' must be a number, got '" + value + "'");
        }
        if (!Double.isFinite(v)) {
            throw ApiProblem.badRequest(name, "parameter '" + name + "' must be a finite number, got '" + value + "'");
        }
        if (v < min || v > max) {
            throw ApiProblem.badRequest(
                    name,
                    "parameter '" + name + "' must be within [" + fmt(min) + ", " + fmt(max) + "], got "
                            + value.trim());
        }
        return v;
    }

    /** An optional whole number within [min, max]; {@code fallback} when absent. */
    public static int integer(String name, String value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(
                    name,
                    "parameter '" + name + "' must be a whole number within [" + min + ", " + max + "], got '" + value
                            + "'");
        }
        if (v < min || v > max) {
            throw ApiProblem.badRequest(
                    name, "parameter '" + name + "' must be within [" + min + ", " + max + "], got " + value.trim());
        }
        return (int) v;
    }

    public static Crs crs(String name, String value, Crs fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Crs crs = Crs.parse(value);
        if (crs == null) {
            throw ApiProblem.badRequest(name, "unknown crs '" + value + "'; accepted: " + Crs.accepted());
        }
        return crs;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
