package liuyu.geo;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * A CRS imported data may arrive in, and how its coordinates become CRS84 lon/lat. Projected systems are
 * inverted with Proj4J from PROJ strings written here (the same parameters as the EPSG registry), so no
 * EPSG database has to ship; Gauss-Krüger uses Proj4J's etmerc (Poder/Engsager, the algorithm behind PROJ's
 * tmerc), since the older series drifts past a centimetre at a 6° zone's edge. CGCS2000 is taken as coincident with WGS84 (centimetres apart). Xi'an 1980 and
 * Beijing 1954 have no public official transformation to CGCS2000: their geodetic coordinates are taken as
 * CGCS2000 and the result is marked approximate.
 */
public record SourceCrs(String code, String name, Kind kind, String proj, boolean approximate) {
    public enum Kind {
        LONLAT,
        GCJ02,
        BD09,
        PROJECTED
    }

    /** What an approximate result's provenance says. */
    public static final String APPROXIMATE_NOTE =
            "no official Xi'an 1980 / Beijing 1954 to CGCS2000 transformation parameters are public:"
                    + " the geodetic coordinates were taken as CGCS2000 without a datum shift, so positions may be off by tens of metres"
                    + " or more (approximate)";

    private static final Pattern EPSG = Pattern.compile(
            "(?:EPSG:{1,2}|URN:OGC:DEF:CRS:EPSG:[0-9.]*:|HTTPS?://WWW\\.OPENGIS\\.NET/DEF/CRS/EPSG/0/)(\\d{4,6})");

    /**
     * The CRS named by {@code text}: EPSG codes (EPSG:4548, urn:ogc:def:crs:EPSG::4548, the OGC http URI),
     * CRS84, GCJ-02, BD-09; null if Liuyu does not support it.
     */
    public static SourceCrs parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        switch (t) {
            case "CRS84",
                    "OGC:CRS84",
                    "WGS84",
                    "URN:OGC:DEF:CRS:OGC:1.3:CRS84",
                    "HTTP://WWW.OPENGIS.NET/DEF/CRS/OGC/1.3/CRS84":
                return new SourceCrs("CRS84", "WGS 84 longitude/latitude", Kind.LONLAT, null, false);
            case "GCJ-02", "GCJ02":
                return new SourceCrs("GCJ-02", "GCJ-02 (web-map copy of WGS84)", Kind.GCJ02, null, false);
            case "BD-09", "BD09", "BD-09LL", "BD09LL":
                return new SourceCrs("BD-09", "BD-09 (Baidu web-map copy of GCJ-02)", Kind.BD09, null, false);
            default:
                break;
        }
        Matcher m = EPSG.matcher(t);
        return m.matches() ? epsg(Integer.parseInt(m.group(1))) : null;
    }

    /** The supported EPSG codes, or null. */
    public static SourceCrs epsg(int code) {
        String c = "EPSG:" + code;
        if (code == 4326) {
            return new SourceCrs(c, "WGS 84", Kind.LONLAT, null, false);
        }
        if (code == 4490) {
            return new SourceCrs(c, "CGCS2000", Kind.LONLAT, null, false);
        }
        if (code == 4610) {
            return new SourceCrs(c, "Xian 1980", Kind.LONLAT, null, true);
        }
        if (code == 4214) {
            return new SourceCrs(c, "Beijing 1954", Kind.LONLAT, null, true);
        }
        if (code >= 32601 && code <= 32660 || code >= 32701 && code <= 32760) {
            int zone = code % 100;
            boolean south = code > 32700;
            return new SourceCrs(
                    c,
                    "WGS 84 / UTM zone " + zone + (south ? "S" : "N"),
                    Kind.PROJECTED,
                    "+proj=utm +zone=" + zone + (south ? " +south" : "") + " +datum=WGS84 +units=m +no_defs",
                    false);
        }
        SourceCrs gk = gaussKruger(c, code, 4513, 4533, "CGCS2000", "GRS80", true, 3, false);
        gk = gk != null ? gk : gaussKruger(c, code, 4534, 4554, "CGCS2000", "GRS80", false, 3, false);
        gk = gk != null ? gk : gaussKruger(c, code, 4491, 4501, "CGCS2000", "GRS80", true, 6, false);
        gk = gk != null ? gk : gaussKruger(c, code, 4502, 4512, "CGCS2000", "GRS80", false, 6, false);
        gk = gk != null ? gk : gaussKruger(c, code, 2327, 2337, "Xian 1980", "IAU76", true, 6, true);
        gk = gk != null ? gk : gaussKruger(c, code, 2338, 2348, "Xian 1980", "IAU76", false, 6, true);
        gk = gk != null ? gk : gaussKruger(c, code, 2349, 2369, "Xian 1980", "IAU76", true, 3, true);
        gk = gk != null ? gk : gaussKruger(c, code, 2370, 2390, "Xian 1980", "IAU76", false, 3, true);
        gk = gk != null ? gk : gaussKruger(c, code, 21413, 21423, "Beijing 1954", "krass", true, 6, true);
        gk = gk != null ? gk : gaussKruger(c, code, 21473, 21483, "Beijing 1954", "krass", false, 6, true);
        gk = gk != null ? gk : gaussKruger(c, code, 2401, 2421, "Beijing 1954", "krass", true, 3, true);
        return gk != null ? gk : gaussKruger(c, code, 2422, 2442, "Beijing 1954", "krass", false, 3, true);
    }

    // Zone-prefixed forms number zones 25-45 (3°) or 13-23 (6°); the CM forms run 75°E to 135°E.
    private static SourceCrs gaussKruger(
            String c,
            int code,
            int first,
            int last,
            String datum,
            String ellps,
            boolean prefixed,
            int width,
            boolean approximate) {
        if (code < first || code > last) {
            return null;
        }
        int index = code - first;
        int zone = prefixed ? index + (width == 3 ? 25 : 13) : 0;
        int cm = prefixed ? (width == 3 ? 3 * zone : 6 * zone - 3) : 75 + width * index;
        long falseEasting = prefixed ? zone * 1_000_000L + 500_000 : 500_000;
        String name = datum + " / " + (width == 3 ? "3-degree " : "") + "Gauss-Kruger "
                + (prefixed ? "zone " + zone : "CM " + cm + "E");
        return new SourceCrs(
                c,
                name,
                Kind.PROJECTED,
                "+proj=etmerc +lat_0=0 +lon_0=" + cm + " +k=1 +x_0=" + falseEasting + " +y_0=0 +ellps=" + ellps
                        + " +units=m +no_defs",
                approximate);
    }

    public String label() {
        return code + " (" + name + ")";
    }

    /** The transformation to CRS84 as reports and provenance state it. */
    public String transformation() {
        String s = switch (kind) {
            case LONLAT ->
                code.equals("CRS84") || code.equals("EPSG:4326")
                        ? "none (already WGS84 lon/lat)"
                        : code.equals("EPSG:4490")
                                ? "none: CGCS2000 taken as coincident with WGS84 (they differ by centimetres)"
                                : "none: " + name + " lon/lat taken as WGS84";
            case GCJ02 -> "GCJ-02 to WGS84 by liuyu.geo.Gcj02 (the published algorithm, inverted by iteration)";
            case BD09 -> "BD-09 to GCJ-02 by liuyu.geo.Bd09, then GCJ-02 to WGS84 by liuyu.geo.Gcj02";
            case PROJECTED ->
                "inverse projection with Proj4J (" + proj + ")"
                        + (name.startsWith("CGCS2000") ? ", CGCS2000 taken as coincident with WGS84" : "");
        };
        return approximate ? s + "; " + APPROXIMATE_NOTE : s;
    }

    /** Turns source coordinates into CRS84 lon/lat; not thread-safe (Proj4J keeps scratch state). */
    public Transform transform() {
        return switch (kind) {
            case LONLAT ->
                new Transform() {
                    @Override
                    public double[] apply(double x, double y) {
                        return new double[] {x, y};
                    }

                    @Override
                    public void applyInPlace(double[] xy, int at) {
                        // lon/lat already: nothing to do
                    }
                };
            case GCJ02 -> Gcj02::toWgs84;
            case BD09 -> Bd09::toWgs84;
            case PROJECTED -> {
                CRSFactory factory = new CRSFactory();
                CoordinateReferenceSystem projected = factory.createFromParameters(code, proj);
                yield new Inverse(
                        new CoordinateTransformFactory().createTransform(projected, projected.createGeographic()));
            }
        };
    }

    /** Source coordinates to CRS84 lon/lat. */
    @FunctionalInterface
    public interface Transform {
        /** One position, as a new array {lon, lat}. */
        double[] apply(double x, double y);

        /**
         * The position at {@code xy[at]}, {@code xy[at + 1]} (a packed x,y array, as the atlas keeps geometries)
         * converted where it is: the same numbers as {@link #apply}, without an array per vertex.
         */
        default void applyInPlace(double[] xy, int at) {
            double[] p = apply(xy[at], xy[at + 1]);
            xy[at] = p[0];
            xy[at + 1] = p[1];
        }
    }

    /** Proj4J's inverse projection through two scratch coordinates it fills, reused for every position. */
    private static final class Inverse implements Transform {
        private final CoordinateTransform t;
        private final ProjCoordinate in = new ProjCoordinate();
        private final ProjCoordinate out = new ProjCoordinate();

        Inverse(CoordinateTransform t) {
            this.t = t;
        }

        @Override
        public double[] apply(double x, double y) {
            in.x = x;
            in.y = y;
            t.transform(in, out);
            return new double[] {out.x, out.y};
        }

        @Override
        public void applyInPlace(double[] xy, int at) {
            in.x = xy[at];
            in.y = xy[at + 1];
            t.transform(in, out);
            xy[at] = out.x;
            xy[at + 1] = out.y;
        }
    }

    /**
     * What coordinates outside lon/lat ranges probably are, read from the easting: a zone prefix (millions
     * of metres) names the Gauss-Krüger zone; a plain false easting of 500 000 m leaves the central meridian open.
     */
    public static String likelyFamily(double minX, double maxX, double minY, double maxY) {
        int zone = (int) Math.floor(minX / 1_000_000);
        if (zone == (int) Math.floor(maxX / 1_000_000) && minY >= 0 && maxY < 10_000_000) {
            if (zone >= 25 && zone <= 45) {
                return "3-degree Gauss-Krüger zone " + zone + " with the zone prefix (central meridian " + 3 * zone
                        + "°E): CGCS2000 EPSG:" + (4513 + zone - 25) + ", Xi'an 1980 EPSG:" + (2349 + zone - 25)
                        + " or Beijing 1954 EPSG:" + (2401 + zone - 25);
            }
            if (zone >= 13 && zone <= 23) {
                return "6-degree Gauss-Krüger zone " + zone + " with the zone prefix (central meridian "
                        + (6 * zone - 3) + "°E): CGCS2000 EPSG:" + (4491 + zone - 13) + ", Xi'an 1980 EPSG:"
                        + (2327 + zone - 13) + " or Beijing 1954 EPSG:" + (21413 + zone - 13);
            }
            if (zone == 0 && minX > 100_000 && maxX < 900_000) {
                return "Gauss-Krüger or UTM without a zone prefix (false easting 500 000 m); the central meridian cannot be read"
                        + " from the numbers: for Beijing usually CGCS2000 3-degree CM 117°E EPSG:4548, 6-degree CM 117°E EPSG:4508,"
                        + " or WGS 84 / UTM 50N EPSG:32650";
            }
        }
        return "projected coordinates of a family the numbers do not reveal";
    }
}
