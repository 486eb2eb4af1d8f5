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
        return wrap(xy);
    }

    /**
     * The arrays a feature keeps instead of a packed polygon or multipolygon ({@link #pack}): a polygon without holes
     * as its shell's x,y array ({@code double[]}), one with holes as its rings' ({@code double[][]}, shell first), a
     * multipolygon as its parts' ({@code double[][][]}); the very arrays, not copies. Null for anything {@link
     * #geometry} would not give back equal: another factory or SRID, user data, an empty geometry, unpacked rings.
     */
    static Object arrays(Geometry g) {
        if (g == null || g.getFactory() != FACTORY || g.isEmpty() || !plain(g)) {
            return null;
        }
        if (g instanceof Polygon p) {
            return rings(p);
        }
        if (g instanceof MultiPolygon m) {
            double[][][] parts = new double[m.getNumGeometries()][][];
            for (int i = 0; i < parts.length; i++) {
                Polygon p = (Polygon) m.getGeometryN(i);
                double[][] rings = p.isEmpty() || !plain(p) ? null : allRings(p);
                if (rings == null) {
                    return null;
                }
                parts[i] = rings;
            }
            return parts;
        }
        return null;
    }

    private static boolean plain(Geometry g) {
        return g.getUserData() == null && g.getSRID() == FACTORY.getSRID() && g.getFactory() == FACTORY;
    }

    private static Object rings(Polygon p) {
        double[][] all = allRings(p);
        return all == null ? null : all.length == 1 ? all[0] : all;
    }

    private static double[][] allRings(Polygon p) {
        double[][] all = new double[1 + p.getNumInteriorRing()][];
        for (int i = 0; i < all.length; i++) {
            LinearRing ring = i == 0 ? p.getExteriorRing() : p.getInteriorRingN(i - 1);
            all[i] = ring.getUserData() == null && ring.getFactory() == FACTORY ? raw(ring) : null;
            if (all[i] == null) {
                return null;
            }
        }
        return all;
    }

    /** A new polygon or multipolygon over the arrays {@link #arrays} gave (they are shared, not copied). */
    static Geometry geometry(Object arrays) {
        if (arrays instanceof double[] shell) {
            return FACTORY.createPolygon(wrap(shell));
        }
        if (arrays instanceof double[][] rings) {
            return polygon(rings);
        }
        double[][][] parts = (double[][][]) arrays;
        Polygon[] polygons = new Polygon[parts.length];
        for (int i = 0; i < parts.length; i++) {
            polygons[i] = polygon(parts[i]);
        }
        return FACTORY.createMultiPolygon(polygons);
    }

    private static Polygon polygon(double[][] rings) {
        LinearRing[] holes = new LinearRing[rings.length - 1];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = wrap(rings[i + 1]);
        }
        return FACTORY.createPolygon(wrap(rings[0]), holes);
    }

    /** A ring over the x,y array itself (no copy). */
    static LinearRing wrap(double[] xy) {
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
