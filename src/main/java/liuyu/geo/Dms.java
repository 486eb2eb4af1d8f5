package liuyu.geo;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Longitudes and latitudes as officials write them in spreadsheets: decimal degrees ({@code 116.41}),
 * or degrees, minutes, seconds ({@code 116°24'36.5"E}, {@code 116°24′36.5″}, {@code 东经116度24分36.5秒},
 * {@code N39 54 27}), with the hemisphere as a letter or 东经/西经/北纬/南纬 before or after.
 */
public final class Dms {
    public enum Axis {
        LON,
        LAT
    }

    private static final Pattern SHAPE = Pattern.compile(
            "(?<pre>[NSEW]|东经|西经|北纬|南纬)?\\s*(?<sign>[-+])?\\s*(?<deg>\\d+(?:\\.\\d+)?)\\s*(?:[°度d]|\\s)?\\s*"
                    + "(?:(?<min>\\d+(?:\\.\\d+)?)\\s*(?:['′’分m]|\\s)?\\s*)?"
                    + "(?:(?<sec>\\d+(?:\\.\\d+)?)\\s*(?:\"|″|”|''|′′|秒|s)?\\s*)?(?<post>[NSEW])?");

    private Dms() {}

    /**
     * Degrees written in {@code text}, signed (west and south negative); throws IllegalArgumentException
     * naming what is wrong: not a coordinate, minutes or seconds of 60 or more, a hemisphere of the other axis,
     * or a value outside the axis's range.
     */
    public static double parse(String text, Axis axis) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (t.isEmpty() || t.length() > 60) {
            throw new IllegalArgumentException(
                    "'" + Decimals.shown(text == null ? "" : text) + "' is not a coordinate");
        }
        Matcher m = SHAPE.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "'" + Decimals.shown(text) + "' is not a coordinate: write decimal degrees (116.41)"
                            + " or degrees, minutes, seconds (116°24'36.5\"E)");
        }
        String pre = m.group("pre");
        String post = m.group("post");
        if (pre != null && post != null) {
            throw new IllegalArgumentException("'" + text + "' gives its hemisphere twice");
        }
        String hemisphere = pre != null ? pre : post;
        double degrees = number(m.group("deg"), text);
        double minutes = m.group("min") == null ? 0 : number(m.group("min"), text);
        double seconds = m.group("sec") == null ? 0 : number(m.group("sec"), text);
        if (m.group("min") != null && (degrees != Math.floor(degrees))) {
            throw new IllegalArgumentException("'" + text + "': degrees with a fraction cannot be followed by minutes");
        }
        if (minutes >= 60 || seconds >= 60) {
            throw new IllegalArgumentException("'" + text + "': minutes and seconds must be below 60");
        }
        if (m.group("sec") != null && minutes != Math.floor(minutes)) {
            throw new IllegalArgumentException("'" + text + "': minutes with a fraction cannot be followed by seconds");
        }
        double value = degrees + minutes / 60 + seconds / 3600;
        boolean negative = "-".equals(m.group("sign"));
        if (hemisphere != null) {
            Axis of = switch (hemisphere) {
                case "E", "W", "东经", "西经" -> Axis.LON;
                default -> Axis.LAT;
            };
            if (of != axis) {
                throw new IllegalArgumentException("'" + text + "' is a " + (of == Axis.LON ? "longitude" : "latitude")
                        + ", expected a " + (axis == Axis.LON ? "longitude" : "latitude"));
            }
            if (negative) {
                throw new IllegalArgumentException("'" + text + "' has both a sign and a hemisphere");
            }
            negative = hemisphere.equals("W")
                    || hemisphere.equals("S")
                    || hemisphere.equals("西经")
                    || hemisphere.equals("南纬");
        }
        double limit = axis == Axis.LON ? 180 : 90;
        if (value > limit) {
            throw new IllegalArgumentException("'" + text + "' is outside [-" + (int) limit + ", " + (int) limit + "]");
        }
        return negative ? -value : value;
    }

    private static double number(String digits, String text) {
        BigDecimal d = Decimals.parse(digits);
        if (d == null) {
            throw new IllegalArgumentException("'" + Decimals.shown(text) + "': " + Decimals.LIMITS);
        }
        return d.doubleValue();
    }
}
