package liuyu.tiles;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * The OGC WebMercatorQuad tile matrix set (EPSG:3857, 256-pixel tiles, origin top left), as OGC
 * 17-083r4 (Two Dimensional Tile Matrix Set) defines it. Tiles are addressed by tile matrix (zoom),
 * row (from the north) and column (from the west).
 */
public final class WebMercatorQuad {
    public static final String ID = "WebMercatorQuad";
    public static final String URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    public static final String CRS = "http://www.opengis.net/def/crs/EPSG/0/3857";
    /** Half the width of the projected world, metres: π × 6378137. */
    public static final double HALF = Math.PI * 6_378_137.0;

    public static final int MAX_ZOOM = 22;
    /** Scale denominator of zoom 0, for 0.28 mm pixels (the standard rendering pixel). */
    public static final double SCALE_0 = 2 * HALF / 256 / 0.00028;

    private WebMercatorQuad() {}

    /** The tile's extent in EPSG:3857 metres. */
    public static Envelope tile(int zoom, int row, int col) {
        double size = 2 * HALF / (1L << zoom);
        double minX = -HALF + col * size;
        double maxY = HALF - row * size;
        return new Envelope(minX, minX + size, maxY - size, maxY);
    }

    /** EPSG:3857 metres → lon/lat (spherical Mercator inverse). */
    public static Coordinate lonLat(double x, double y) {
        return new Coordinate(Math.toDegrees(x / 6_378_137.0), Math.toDegrees(Math.atan(Math.sinh(y / 6_378_137.0))));
    }

    /** A lon/lat envelope as the EPSG:3857 envelope it covers (spherical Mercator forward, as {@link #lonLat(double, double)} inverts it). */
    public static Envelope metres(Envelope lonLat) {
        return new Envelope(x(lonLat.getMinX()), x(lonLat.getMaxX()), y(lonLat.getMinY()), y(lonLat.getMaxY()));
    }

    private static double x(double lon) {
        return 6_378_137.0 * Math.toRadians(lon);
    }

    private static double y(double lat) {
        return 6_378_137.0 * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2));
    }

    /** A 3857 envelope as the lon/lat envelope it covers (meridians and parallels stay straight in Mercator). */
    public static Envelope lonLat(Envelope metres) {
        Coordinate min = lonLat(metres.getMinX(), metres.getMinY());
        Coordinate max = lonLat(metres.getMaxX(), metres.getMaxY());
        return new Envelope(min, max);
    }
}
