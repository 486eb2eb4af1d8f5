package liuyu.geo;

import java.util.HashMap;
import java.util.Map;
import net.sf.geographiclib.Geodesic;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Metres anywhere on Earth, for data that is not in Beijing ({@link MetricProjection} is UTM 50N only):
 * geodesic lengths on the WGS84 ellipsoid (Karney's algorithm, GeographicLib), and a transverse
 * Mercator centred on the middle of a 1° band of longitude for distances within a neighbourhood
 * (scale error below 4e-5 within the band).
 */
public final class Geodesy {
    private static final CRSFactory CRS_FACTORY = new CRSFactory();
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();
    private static final String WGS84 = "+proj=longlat +datum=WGS84 +no_defs";
    // Proj4J transforms keep scratch state: one set per thread, one transform per band
    private static final ThreadLocal<Map<Integer, CoordinateTransform>> BANDS = ThreadLocal.withInitial(HashMap::new);

    private Geodesy() {}

    /** The geodesic length in metres of a lon/lat line or of every line of a collection. */
    public static double lengthM(Geometry lonLat) {
        double sum = 0;
        for (int g = 0; g < lonLat.getNumGeometries(); g++) {
            if (lonLat.getGeometryN(g) instanceof LineString line) {
                for (int i = 1; i < line.getNumPoints(); i++) {
                    Coordinate a = line.getCoordinateN(i - 1);
                    Coordinate b = line.getCoordinateN(i);
                    sum += Geodesic.WGS84.Inverse(a.y, a.x, b.y, b.x).s12;
                }
            }
        }
        return sum;
    }

    /** The band whose local projection serves a neighbourhood of this longitude. */
    public static int band(double lon) {
        return (int) Math.floor(lon);
    }

    /** A projected copy of a lon/lat geometry in the local transverse Mercator of a band. */
    public static Geometry toLocal(Geometry lonLat, int band) {
        return Transforms.apply(lonLat, transform(band));
    }

    public static Coordinate toLocal(double lon, double lat, int band) {
        ProjCoordinate out = new ProjCoordinate();
        transform(band).transform(new ProjCoordinate(lon, lat), out);
        return new Coordinate(out.x, out.y);
    }

    private static CoordinateTransform transform(int band) {
        return BANDS.get()
                .computeIfAbsent(
                        band,
                        b -> TRANSFORMS.createTransform(
                                CRS_FACTORY.createFromParameters("WGS84", WGS84),
                                CRS_FACTORY.createFromParameters(
                                        "tm" + b,
                                        "+proj=tmerc +lat_0=0 +lon_0=" + (b + 0.5)
                                                + " +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs")));
    }
}
