package liuyu.terrain;

import java.nio.file.Path;
import liuyu.geo.GeoJson;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;
import org.locationtech.proj4j.ProjCoordinate;

/** Ready-made synthetic DEMs for tests outside this package. */
public final class SyntheticDems {
    /** The centre of the bowl under Miyun: inside the demo atlas's reservoir outline. */
    static final double LON = 116.95;

    static final double LAT = 40.52;

    private SyntheticDems() {}

    /** A point of EPSG:4548 as [lon, lat]. */
    public static double[] lonLat(double x, double y) {
        Point p = ShoreBandsTest.lonLat(x, y);
        return new double[] {p.getX(), p.getY()};
    }

    /**
     * A tilted V valley, 2 km × 4 km at 10 m cells in EPSG:4548 with its top-left corner at (x0, y0): the channel
     * runs south along x0 + 1005 m, heights rise 0.1 per metre away from it and 0.01 per metre northwards.
     */
    public static Path valley(Path tif, double x0, double y0) throws Exception {
        double channel = x0 + 1005;
        return SyntheticDem.write(
                tif,
                "EPSG:4548",
                x0,
                y0,
                10,
                10,
                200,
                400,
                (x, y) -> 200 + 0.1 * Math.abs(x - channel) + 0.01 * (y - (y0 - 4000)));
    }

    public static Point miyunCentre() {
        return GeoJson.FACTORY.createPoint(new Coordinate(LON, LAT));
    }

    /**
     * A 26 km × 26 km paraboloid bowl in EPSG:4548 at 50 m cells around {@link #miyunCentre()},
     * z = 140 + 15 (r / 10 km)²: the 155 m line is the circle of 10 km radius, 160 m lies at 11.5 km.
     */
    public static Path bowlUnderMiyun(Path tif) throws Exception {
        ProjCoordinate c = new ProjCoordinate();
        ShoreBandsTest.TO_GK.transform(new ProjCoordinate(LON, LAT), c);
        double cx = c.x;
        double cy = c.y;
        return SyntheticDem.write(
                tif,
                "EPSG:4548",
                cx - 13_000,
                cy + 13_000,
                50,
                50,
                520,
                520,
                (x, y) -> 140 + 15 * Math.pow(Math.hypot(x - cx, y - cy) / 10_000, 2));
    }
}
