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

    private SyntheticDems() {
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
        return SyntheticDem.write(tif, "EPSG:4548", cx - 13_000, cy + 13_000, 50, 50, 520, 520,
            (x, y) -> 140 + 15 * Math.pow(Math.hypot(x - cx, y - cy) / 10_000, 2));
    }
}
