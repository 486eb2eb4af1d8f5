package liuyu.terrain;

import liuyu.geo.GeoJson;
import liuyu.geo.Transforms;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Transforms between a DEM's own CRS (the PROJ string GDAL gives for it) and CRS84, and measures areas in
 * the local UTM zone, so a DEM anywhere is measured in metres that fit it. CGCS2000 and WGS84 are taken as
 * coincident (they differ by centimetres), as everywhere in Liuyu.
 */
public final class DemCrs {
    private static final CRSFactory CRS = new CRSFactory();
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();
    /** Geometries in a DEM's own CRS carry no SRID: the DEM says what they are. */
    public static final GeometryFactory NATIVE = new GeometryFactory();

    private static final CoordinateReferenceSystem WGS84 =
            CRS.createFromParameters("WGS84", "+proj=longlat +datum=WGS84 +no_defs");

    private final CoordinateReferenceSystem own;

    public DemCrs(String proj4) {
        // GRS80 without datum parameters is CGCS2000 as GDAL describes it; say WGS84 so Proj4J shifts nothing
        this.own = CRS.createFromParameters("dem", proj4.replace("+ellps=GRS80", "+datum=WGS84"));
    }

    /** A CRS84 copy of a geometry in the DEM's CRS. */
    public Geometry toLonLat(Geometry g) {
        return Transforms.apply(g, TRANSFORMS.createTransform(own, WGS84), GeoJson.FACTORY);
    }

    /** A copy in the DEM's CRS of a CRS84 geometry. */
    public Geometry toOwn(Geometry lonLat) {
        return Transforms.apply(lonLat, TRANSFORMS.createTransform(WGS84, own), NATIVE);
    }

    public Coordinate toOwn(double lon, double lat) {
        ProjCoordinate out = new ProjCoordinate();
        TRANSFORMS.createTransform(WGS84, own).transform(new ProjCoordinate(lon, lat), out);
        return new Coordinate(out.x, out.y);
    }

    /** Area in m² of a CRS84 geometry, computed in the UTM zone of its centre. */
    public static double areaM2(Geometry lonLat) {
        if (lonLat.isEmpty()) {
            return 0;
        }
        Coordinate c = lonLat.getEnvelopeInternal().centre();
        int zone = (int) Math.floor((c.x + 180) / 6) + 1;
        CoordinateReferenceSystem utm = CRS.createFromParameters(
                "utm" + zone,
                "+proj=utm +zone=" + zone + (c.y < 0 ? " +south" : "") + " +datum=WGS84 +units=m +no_defs");
        return Transforms.apply(lonLat, TRANSFORMS.createTransform(WGS84, utm), NATIVE)
                .getArea();
    }
}
