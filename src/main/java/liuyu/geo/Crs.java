package liuyu.geo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The coordinate reference systems Liuyu accepts and writes. Storage is CRS84 (WGS84 lon/lat).
 * CGCS2000 (EPSG:4490) is taken as coincident with WGS84: the two differ by centimetres, far below
 * the accuracy of any layer here. GCJ-02 is an input datum only (coordinates copied from Chinese web maps).
 */
public enum Crs {
    CRS84("http://www.opengis.net/def/crs/OGC/1.3/CRS84", false, "CRS84", "OGC:CRS84", "WGS84"),
    EPSG_4326("http://www.opengis.net/def/crs/EPSG/0/4326", true, "EPSG:4326"),
    EPSG_4490("http://www.opengis.net/def/crs/EPSG/0/4490", true, "EPSG:4490", "CGCS2000"),
    GCJ_02("GCJ-02", false, "GCJ-02", "GCJ02");

    private final String uri;
    private final boolean latitudeFirst;
    private final List<String> names;

    Crs(String uri, boolean latitudeFirst, String... names) {
        this.uri = uri;
        this.latitudeFirst = latitudeFirst;
        this.names = Arrays.asList(names);
    }

    public String uri() {
        return uri;
    }

    /** Axis order of the official definition: EPSG geographic CRSs are latitude, longitude. */
    public boolean latitudeFirst() {
        return latitudeFirst;
    }

    public String label() {
        return names.get(0);
    }

    /** Accepts the short names ({@code EPSG:4490}) and the OGC URIs; {@code null} if unknown. */
    public static Crs parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        for (Crs crs : values()) {
            if (crs.uri.equalsIgnoreCase(t)) {
                return crs;
            }
            for (String name : crs.names) {
                if (name.equalsIgnoreCase(t)) {
                    return crs;
                }
            }
        }
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.startsWith("[") && upper.endsWith("]")) {
            return parse(t.substring(1, t.length() - 1)); // safe CURIE form [EPSG:4326]
        }
        return null;
    }

    public static String accepted() {
        StringBuilder b = new StringBuilder();
        for (Crs crs : values()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(crs.label());
        }
        return b.toString();
    }

    /** lon/lat in this CRS → WGS84 lon/lat. */
    public double[] toWgs84(double lon, double lat) {
        return this == GCJ_02 ? Gcj02.toWgs84(lon, lat) : new double[] {lon, lat};
    }
}
