package liuyu.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * The one place that turns degrees into metres: UTM zone 50N (EPSG:32650) covers all of Beijing
 * (114°–120° E), so lengths, areas and distances computed here are within 0.1% of the ground.
 */
public final class MetricProjection {
    public static final String EPSG = "EPSG:32650";

    private static final CRSFactory CRS_FACTORY = new CRSFactory();
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();

    // The definitions as PROJ strings, so no EPSG database has to ship with the service.
    private static final String UTM_50N = "+proj=utm +zone=50 +datum=WGS84 +units=m +no_defs";
    private static final String WGS84 = "+proj=longlat +datum=WGS84 +no_defs";

    // Proj4J transforms keep scratch state, so each thread gets its own pair.
    private static final ThreadLocal<CoordinateTransform[]> PAIR =
            ThreadLocal.withInitial(() -> new CoordinateTransform[] {
                TRANSFORMS.createTransform(
                        CRS_FACTORY.createFromParameters("WGS84", WGS84),
                        CRS_FACTORY.createFromParameters(EPSG, UTM_50N)),
                TRANSFORMS.createTransform(
                        CRS_FACTORY.createFromParameters(EPSG, UTM_50N),
                        CRS_FACTORY.createFromParameters("WGS84", WGS84))
            });

    private MetricProjection() {}

    public static Coordinate toMetric(double lon, double lat) {
        ProjCoordinate out = new ProjCoordinate();
        PAIR.get()[0].transform(new ProjCoordinate(lon, lat), out);
        return new Coordinate(out.x, out.y);
    }

    public static Coordinate toLonLat(double x, double y) {
        ProjCoordinate out = new ProjCoordinate();
        PAIR.get()[1].transform(new ProjCoordinate(x, y), out);
        return new Coordinate(out.x, out.y);
    }

    /**
     * Projects {@code count} lon/lat pairs of {@code lonLat} (x0,y0,x1,y1,… from {@code from}) into {@code metric} at
     * {@code to}: the arithmetic of {@link #toMetric(Geometry)}, without building a geometry for it.
     */
    public static void toMetric(double[] lonLat, int from, double[] metric, int to, int count) {
        CoordinateTransform t = PAIR.get()[0];
        ProjCoordinate in = new ProjCoordinate();
        ProjCoordinate out = new ProjCoordinate();
        for (int i = 0; i < count; i++) {
            in.x = lonLat[from + 2 * i];
            in.y = lonLat[from + 2 * i + 1];
            t.transform(in, out);
            metric[to + 2 * i] = out.x;
            metric[to + 2 * i + 1] = out.y;
        }
    }

    /** A projected copy of a lon/lat geometry. */
    public static Geometry toMetric(Geometry lonLat) {
        return transform(lonLat, 0);
    }

    /** A lon/lat copy of a projected geometry. */
    public static Geometry toLonLat(Geometry metric) {
        return transform(metric, 1);
    }

    private static Geometry transform(Geometry g, int direction) {
        return Transforms.apply(g, PAIR.get()[direction]);
    }
}
