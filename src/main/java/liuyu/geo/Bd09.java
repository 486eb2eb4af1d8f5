package liuyu.geo;

/**
 * BD-09, Baidu Maps' datum: a further published offset on top of GCJ-02 ({@link Gcj02}). Both directions
 * start from the widely published formulas (the same in the coordtransform libraries); the reverse is solved
 * exactly, because the published reverse formula is not an exact inverse of the forward one.
 */
public final class Bd09 {
    private static final double X_PI = Math.PI * 3000.0 / 180.0;

    private Bd09() {}

    /** GCJ-02 lon/lat → BD-09 lon/lat. */
    public static double[] fromGcj02(double lon, double lat) {
        double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
        double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
        return new double[] {z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006};
    }

    /**
     * BD-09 lon/lat → GCJ-02 lon/lat: the exact inverse of {@link #fromGcj02}, solved by fixed-point iteration
     * from the published reverse formula ({@link #toGcj02Published}), which alone is off by up to decimetres.
     */
    public static double[] toGcj02(double lon, double lat) {
        double[] g = toGcj02Published(lon, lat);
        for (int i = 0; i < 30; i++) {
            double[] b = fromGcj02(g[0], g[1]);
            double dLon = b[0] - lon;
            double dLat = b[1] - lat;
            g[0] -= dLon;
            g[1] -= dLat;
            if (Math.abs(dLon) < 1e-11 && Math.abs(dLat) < 1e-11) {
                break;
            }
        }
        return g;
    }

    /** The published reverse formula, an approximation of the inverse. */
    static double[] toGcj02Published(double lon, double lat) {
        double x = lon - 0.0065;
        double y = lat - 0.006;
        double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
        return new double[] {z * Math.cos(theta), z * Math.sin(theta)};
    }

    /** BD-09 lon/lat → WGS84 lon/lat, through GCJ-02. */
    public static double[] toWgs84(double lon, double lat) {
        double[] g = toGcj02(lon, lat);
        return Gcj02.toWgs84(g[0], g[1]);
    }

    /** WGS84 lon/lat → BD-09 lon/lat, through GCJ-02. */
    public static double[] fromWgs84(double lon, double lat) {
        double[] g = Gcj02.fromWgs84(lon, lat);
        return fromGcj02(g[0], g[1]);
    }
}
