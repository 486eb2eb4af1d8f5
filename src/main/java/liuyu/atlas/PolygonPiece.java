package liuyu.atlas;

import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

/**
 * A small polygon held as flat coordinate arrays for a fast covers-point test. The algorithm is
 * JTS's RayCrossingCounter (robust orientation, boundary detection) run over primitive arrays:
 * following Coordinate objects through memory cost more than the arithmetic. A zone small enough to be one piece
 * shares its packed rings ({@link PackedGeometry}) with the piece.
 */
final class PolygonPiece {
    private static final double[][] NO_HOLES = new double[0][];
    private final double[] shell; // x0,y0,x1,y1,…, closed
    private final double[][] holes; // each as the shell; one shared empty array for the many pieces without

    PolygonPiece(Polygon polygon) {
        shell = flat(polygon.getExteriorRing());
        holes = polygon.getNumInteriorRing() == 0 ? NO_HOLES : new double[polygon.getNumInteriorRing()][];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = flat(polygon.getInteriorRingN(i));
        }
    }

    /** The flat shell, closed (the zone's own packed array when the piece is the whole zone). */
    double[] shell() {
        return shell;
    }

    /** The flat holes, an empty array shared by every piece without. */
    double[][] holes() {
        return holes;
    }

    /** The piece as a JTS polygon over its arrays (no copy), for the rare exact operations (project checks). */
    Polygon polygon() {
        return polygon(shell, holes);
    }

    /** A polygon over flat rings as {@link #shell()} and {@link #holes()} give them (no copy). */
    static Polygon polygon(double[] shell, double[][] holes) {
        LinearRing[] rings = new LinearRing[holes.length];
        for (int i = 0; i < holes.length; i++) {
            rings[i] = PackedGeometry.wrap(holes[i]);
        }
        return PackedGeometry.FACTORY.createPolygon(PackedGeometry.wrap(shell), rings);
    }

    /** True when the point is inside or on the boundary, as PostGIS ST_Covers. */
    boolean covers(double x, double y) {
        return covers(shell, holes, x, y);
    }

    /** As {@link #covers(double, double)}, over flat rings as {@link #shell()} and {@link #holes()} give them. */
    static boolean covers(double[] shell, double[][] holes, double x, double y) {
        int outer = locateInRing(x, y, shell);
        if (outer != Location.INTERIOR) {
            return outer == Location.BOUNDARY;
        }
        for (double[] ring : holes) {
            int hole = locateInRing(x, y, ring);
            if (hole == Location.BOUNDARY) {
                return true;
            }
            if (hole == Location.INTERIOR) {
                return false;
            }
        }
        return true;
    }

    static int locateInRing(double x, double y, double[] ring) {
        int crossings = 0;
        for (int i = 0; i + 3 < ring.length; i += 2) {
            double x1 = ring[i];
            double y1 = ring[i + 1];
            double x2 = ring[i + 2];
            double y2 = ring[i + 3];
            if (x1 < x && x2 < x) {
                continue; // strictly left of the point: cannot cross the rightward ray
            }
            if (x == x2 && y == y2) {
                return Location.BOUNDARY;
            }
            if (y1 == y && y2 == y) {
                if (Math.min(x1, x2) <= x && x <= Math.max(x1, x2)) {
                    return Location.BOUNDARY;
                }
                continue;
            }
            if ((y1 > y && y2 <= y) || (y2 > y && y1 <= y)) {
                int orientation = CGAlgorithmsDD.orientationIndex(x1, y1, x2, y2, x, y);
                if (orientation == 0) {
                    return Location.BOUNDARY;
                }
                if (y2 < y1) {
                    orientation = -orientation;
                }
                if (orientation > 0) {
                    crossings++;
                }
            }
        }
        return (crossings & 1) == 1 ? Location.INTERIOR : Location.EXTERIOR;
    }

    private static double[] flat(LinearRing ring) {
        double[] shared = PackedGeometry.raw(ring);
        if (shared != null) {
            return shared; // the zone's own packed ring: the piece is the whole zone, no copy
        }
        Coordinate[] cs = ring.getCoordinates();
        double[] out = new double[cs.length * 2];
        for (int i = 0; i < cs.length; i++) {
            out[2 * i] = cs[i].x;
            out[2 * i + 1] = cs[i].y;
        }
        return out;
    }
}
