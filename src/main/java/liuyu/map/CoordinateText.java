package liuyu.map;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import liuyu.geo.Bd09;
import liuyu.geo.Decimals;
import liuyu.geo.Dms;
import liuyu.geo.Gcj02;
import liuyu.geo.ProjectedCrs;
import org.locationtech.jts.geom.Coordinate;

/**
 * A position typed or pasted into the map's search box, turned into WGS84 lon/lat: decimal degrees or DMS
 * ({@code 40°31'12"N 116°57'E}), coordinates copied from 高德 (GCJ-02) or 百度 (BD-09), or CGCS2000
 * Gauss-Krüger x/y. The conversions are the service's own ({@link Gcj02}, {@link Bd09}, {@link ProjectedCrs}).
 */
public final class CoordinateText {
    public enum System {
        WGS84("wgs84"),
        GCJ02("gcj02"),
        BD09("bd09"),
        GAUSS_KRUGER("gk");

        final String code;

        System(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static System parse(String text) {
            for (System s : values()) {
                if (s.code.equalsIgnoreCase(text.trim())) {
                    return s;
                }
            }
            return null;
        }
    }

    /** WGS84 lon/lat, the typed values as read ({@code typed}: lon/lat in the system, or easting/northing), and how they were read. */
    public record Position(
            double lon, double lat, String system, String crs, double[] typed, String order, List<String> notes) {}

    private CoordinateText() {}

    /** Reads {@code text} in {@code system}; {@code centralMeridian} serves Gauss-Krüger eastings written without their zone. */
    public static Position read(String text, System system, int centralMeridian) {
        if (text == null || text.isBlank() || text.length() > 120) {
            throw new IllegalArgumentException(
                    "write two coordinates (at most 120 characters), e.g. 116.41,39.92 or 40°31'12\"N 116°57'E");
        }
        return system == System.GAUSS_KRUGER ? gaussKruger(text.trim(), centralMeridian) : degrees(text.trim(), system);
    }

    private static Position degrees(String text, System system) {
        List<double[]> readings = new ArrayList<>(); // lon, lat, lonFirst
        String firstError = null;
        for (String[] pair : splits(text)) {
            for (boolean lonFirst : new boolean[] {true, false}) {
                try {
                    double lon = Dms.parse(lonFirst ? pair[0] : pair[1], Dms.Axis.LON);
                    double lat = Dms.parse(lonFirst ? pair[1] : pair[0], Dms.Axis.LAT);
                    readings.add(new double[] {lon, lat, lonFirst ? 1 : 0});
                } catch (IllegalArgumentException e) {
                    firstError = firstError == null ? e.getMessage() : firstError;
                }
            }
        }
        if (readings.isEmpty()) {
            throw new IllegalArgumentException(
                    firstError != null
                            ? firstError
                            : "'" + text
                                    + "' is not two coordinates: separate longitude and latitude by a comma or a space");
        }
        List<String> notes = new ArrayList<>();
        double[] chosen = readings.get(0); // longitude first, as web maps copy them, unless only the other order fits
        if (readings.size() > 1) {
            double[] inChina = readings.stream()
                    .filter(r -> inChina(r[0], r[1]))
                    .findFirst()
                    .orElse(null);
            long fitting = readings.stream().filter(r -> inChina(r[0], r[1])).count();
            if (inChina != null && fitting == 1) {
                chosen = inChina;
                notes.add("read as " + (chosen[2] == 1 ? "longitude, latitude" : "latitude, longitude")
                        + ": the only order that falls in China");
            } else {
                notes.add("read as longitude, latitude (the order web maps copy); write N/E to say otherwise");
            }
        }
        double[] wgs = switch (system) {
            case GCJ02 -> Gcj02.toWgs84(chosen[0], chosen[1]);
            case BD09 -> Bd09.toWgs84(chosen[0], chosen[1]);
            default -> new double[] {chosen[0], chosen[1]};
        };
        if (system == System.GCJ02) {
            notes.add("converted from GCJ-02 (高德, 腾讯) to WGS84");
        } else if (system == System.BD09) {
            notes.add("converted from BD-09 (百度) to WGS84");
        }
        String crs = switch (system) {
            case GCJ02 -> "GCJ-02";
            case BD09 -> "BD-09";
            default -> "CRS84";
        };
        return new Position(
                round(wgs[0]),
                round(wgs[1]),
                system.code(),
                crs,
                new double[] {chosen[0], chosen[1]},
                chosen[2] == 1 ? "lon,lat" : "lat,lon",
                notes);
    }

    private static boolean inChina(double lon, double lat) {
        return lon >= 73 && lon <= 136 && lat >= 3 && lat <= 54;
    }

    /** Where the text may divide into two coordinates: at a comma or semicolon if it has one, else at each run of spaces. */
    private static List<String[]> splits(String text) {
        List<String[]> out = new ArrayList<>();
        int sep = firstOf(text, ",，;；");
        if (sep >= 0) {
            out.add(new String[] {
                text.substring(0, sep).trim(), text.substring(sep + 1).trim()
            });
            return out;
        }
        for (int i = 1; i < text.length() - 1; i++) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                out.add(new String[] {
                    text.substring(0, i).trim(), text.substring(i).trim()
                });
            }
        }
        return out;
    }

    private static int firstOf(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * x/y as Chinese surveys write them: X the northing, Y the easting, which carries its zone number in front
     * (39 500 000 is zone 39, central meridian 117° E) or, without it, lies on {@code centralMeridian}.
     * The number between 10⁶ and 10⁷ is the northing whichever order it comes in.
     */
    private static Position gaussKruger(String text, int centralMeridian) {
        String[] parts = text.split("[,，;；\\s]+");
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not two Gauss-Krüger coordinates: write X (northing) and Y (easting)");
        }
        double a = number(parts[0]);
        double b = number(parts[1]);
        double northing;
        double easting;
        String order;
        if (isNorthing(a) && !isNorthing(b)) {
            northing = a;
            easting = b;
            order = "x,y";
        } else if (isNorthing(b) && !isNorthing(a)) {
            northing = b;
            easting = a;
            order = "y,x";
        } else {
            throw new IllegalArgumentException(
                    "'" + text + "': one of the two must be a northing X (between 1 000 000 and 9 999 999 m)"
                            + " and the other an easting Y (below 1 000 000 m, or with its zone number in front)");
        }
        List<String> notes = new ArrayList<>();
        int code;
        if (easting >= 1e7) {
            int zone = (int) Math.floor(easting / 1e6);
            if (zone >= 13 && zone <= 23) {
                code = 4491 + (zone - 13);
                notes.add("6° zone " + zone + " from the easting's leading digits");
            } else if (zone >= 25 && zone <= 45) {
                code = 4513 + (zone - 25);
                notes.add("3° zone " + zone + " from the easting's leading digits");
            } else {
                throw new IllegalArgumentException(
                        "'" + text + "': zone " + zone + " of the easting is not a CGCS2000 Gauss-Krüger zone"
                                + " of China (6° zones 13–23, 3° zones 25–45)");
            }
        } else {
            code = 4534 + (centralMeridian - 75) / 3;
            notes.add("no zone number in the easting: central meridian " + centralMeridian + "° E taken");
        }
        ProjectedCrs crs = ProjectedCrs.parse("EPSG:" + code);
        Coordinate c = crs.toLonLat(easting, northing);
        if (!Double.isFinite(c.x) || !Double.isFinite(c.y) || !inChina(c.x, c.y)) {
            throw new IllegalArgumentException("'" + text + "' in " + crs.label() + " falls outside China ("
                    + round(c.x) + ", " + round(c.y) + ")");
        }
        return new Position(
                round(c.x),
                round(c.y),
                System.GAUSS_KRUGER.code(),
                crs.label() + " " + crs.title(),
                new double[] {easting, northing},
                order,
                notes);
    }

    private static boolean isNorthing(double v) {
        return v >= 1e6 && v < 1e7;
    }

    private static double number(String text) {
        BigDecimal d = Decimals.parse(text.replace("_", ""));
        if (d == null) {
            throw new IllegalArgumentException("'" + text + "' is not a number: " + Decimals.LIMITS);
        }
        return d.doubleValue();
    }

    private static double round(double v) {
        return Math.round(v * 1e8) / 1e8;
    }
}
