package liuyu.atlas;

import liuyu.geo.GeoJson;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;

/**
 * Zone geometries as the snapshot keeps them: JTS polygons over packed x,y arrays (16 bytes a vertex instead of a
 * Coordinate object each), so the raw arrays can be shared with the index pieces ({@link PolygonPiece}).
 */
final class PackedGeometry {
    static final GeometryFactory FACTORY = GeoJson.PACKED_FACTORY;

    private PackedGeometry() {}

    /** A polygon or multipolygon with packed rings; any other geometry as it is. */
    static Geometry pack(Geometry g) {
        if (g.getFactory() == FACTORY && packed(g)) {
            return g; // read packed already (the importer's WKB): no copy
        }
        if (g instanceof Polygon p) {
            return polygon(p);
        }
        if (g instanceof MultiPolygon m) {
            Polygon[] parts = new Polygon[m.getNumGeometries()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = polygon((Polygon) m.getGeometryN(i));
            }
            return FACTORY.createMultiPolygon(parts);
        }
        return g;
    }

    private static boolean packed(Geometry g) {
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (!(g.getGeometryN(i) instanceof Polygon p) || raw(p.getExteriorRing()) == null) {
                return false;
            }
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                if (raw(p.getInteriorRingN(h)) == null) {
                    return false;
                }
            }
        }
        return g instanceof Polygon || g instanceof MultiPolygon;
    }

    private static Polygon polygon(Polygon p) {
        LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = ring(p.getInteriorRingN(i));
        }
        return FACTORY.createPolygon(ring(p.getExteriorRing()), holes);
    }

    private static LinearRing ring(LineString ring) {
        var seq = ring.getCoordinateSequence();
        double[] xy = new double[2 * seq.size()];
        for (int i = 0; i < seq.size(); i++) {
            xy[2 * i] = seq.getX(i);
            xy[2 * i + 1] = seq.getY(i);
        }
        return FACTORY.createLinearRing(new PackedCoordinateSequence.Double(xy, 2, 0));
    }

    /** The ring's x,y array itself when it is packed that way (no copy), or null. */
    static double[] raw(LineString ring) {
        return ring.getCoordinateSequence() instanceof PackedCoordinateSequence.Double d
                        && d.getDimension() == 2
                        && d.getMeasures() == 0
                ? d.getRawCoordinates()
                : null;
    }
}
