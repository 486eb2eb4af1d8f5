package liuyu.tiles;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.operation.overlayng.RingClipper;

/**
 * Lon/lat geometries onto one tile's MVT grid: spherical Mercator (EPSG:3857, as {@link WebMercatorQuad})
 * scaled straight to tile units (y down), clipped to the tile plus its buffer only when they cross it, then
 * rounded to the integer grid with the vertices that fall on one unit merged — what PostGIS ST_AsMVTGeom does,
 * and the point where a low-zoom geometry loses the detail no map can show. A ring or line that collapses to
 * fewer than three (two) distinct vertices is left out.
 */
final class TileGrid {
    private static final double R = 6_378_137.0;
    /** The latitude where WebMercatorQuad's square world ends. */
    private static final double MAX_LAT = 85.0511287798066;

    private final double minX;
    private final double maxY;
    private final double unit;
    private final Envelope clip = new Envelope(
            -VectorTiles.BUFFER,
            VectorTiles.EXTENT + VectorTiles.BUFFER,
            -VectorTiles.BUFFER,
            VectorTiles.EXTENT + VectorTiles.BUFFER);
    private final GeometryFactory factory = new GeometryFactory();

    /** {@code tile}: its EPSG:3857 extent; {@code unit}: metres per tile unit. */
    TileGrid(Envelope tile, double unit) {
        this.minX = tile.getMinX();
        this.maxY = tile.getMaxY();
        this.unit = unit;
    }

    /** The geometry in integer tile units, clipped to the buffered tile; {@code null} when nothing is left. */
    Geometry encode(Geometry lonLat) {
        Geometry g = project(lonLat);
        Envelope e = g.getEnvelopeInternal();
        if (!clip.intersects(e)) {
            return null;
        }
        if (!clip.contains(e)) {
            g = clipped(g);
            if (g == null) {
                return null;
            }
        }
        return snap(g, lonLat.getDimension());
    }

    private Geometry project(Geometry lonLat) {
        Geometry g = lonLat.copy();
        g.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                double lat = Math.max(-MAX_LAT, Math.min(MAX_LAT, seq.getY(i)));
                double x = R * Math.toRadians(seq.getX(i));
                double y = R * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2));
                seq.setOrdinate(i, 0, (x - minX) / unit);
                seq.setOrdinate(i, 1, (maxY - y) / unit);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return g;
    }

    /**
     * A polygon whose shell passes through the buffered tile once (enters and leaves it at most once) and whose holes
     * do not cross the tile's edge is clipped with JTS's RingClipper: one pass over the vertices, and its output is then
     * the exact intersection, a simple ring as MVT 2.1 requires. Anything else — a shell that leaves and comes back,
     * where the ring clipper would join the pieces by a self-touching run along the edge, or a hole across the edge —
     * goes through JTS's overlay, as every crossing feature did before: the overlay was 85 % of a z14 tile's time
     * while most crossing polygons cross once.
     */
    private Geometry clipped(Geometry g) {
        List<Geometry> parts = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            Geometry clipped = part instanceof Polygon p && passesOnce(p) ? clippedOnce(p) : overlay(part);
            if (clipped != null && !clipped.isEmpty()) {
                parts.add(clipped);
            }
        }
        return parts.isEmpty() ? null : factory.buildGeometry(parts);
    }

    private Geometry overlay(Geometry g) {
        Geometry box = factory.toGeometry(clip);
        try {
            return box.intersection(g);
        } catch (TopologyException e) {
            return box.intersection(g.buffer(0)); // a ring the projection left self-touching
        }
    }

    /** The shell leaves the buffered tile at most once, and no hole crosses the tile's edge. */
    private boolean passesOnce(Polygon p) {
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            Envelope hole = p.getInteriorRingN(i).getEnvelopeInternal();
            if (clip.intersects(hole) && !strictlyInside(hole)) {
                return false;
            }
        }
        return exits(p.getExteriorRing().getCoordinateSequence()) <= 1;
    }

    /** Inside the buffered tile without touching its edge, where the clipped shell may run. */
    private boolean strictlyInside(Envelope e) {
        return e.getMinX() > clip.getMinX()
                && e.getMaxX() < clip.getMaxX()
                && e.getMinY() > clip.getMinY()
                && e.getMaxY() < clip.getMaxY();
    }

    /**
     * How many times the ring leaves the closed buffered tile: a segment from a vertex in it to one outside, or a
     * segment with both ends outside that still meets it (Liang–Barsky), counts once.
     */
    private int exits(CoordinateSequence ring) {
        int exits = 0;
        for (int i = 1; i < ring.size(); i++) {
            double x0 = ring.getX(i - 1);
            double y0 = ring.getY(i - 1);
            double x1 = ring.getX(i);
            double y1 = ring.getY(i);
            boolean in0 = clip.covers(x0, y0);
            boolean in1 = clip.covers(x1, y1);
            if ((in0 && !in1) || (!in0 && !in1 && meets(x0, y0, x1, y1))) {
                exits++;
            }
        }
        return exits;
    }

    /** Liang–Barsky: whether the segment meets the closed buffered tile. */
    private boolean meets(double x0, double y0, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x0 - clip.getMinX(), clip.getMaxX() - x0, y0 - clip.getMinY(), clip.getMaxY() - y0};
        double t0 = 0;
        double t1 = 1;
        for (int k = 0; k < 4; k++) {
            if (p[k] == 0) {
                if (q[k] < 0) {
                    return false;
                }
            } else {
                double t = q[k] / p[k];
                if (p[k] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        return t0 <= t1;
    }

    /** The part of a polygon that passes through the tile once; {@code null} when none of its area is there. */
    private Polygon clippedOnce(Polygon p) {
        LinearRing shell = clippedRing(p.getExteriorRing());
        if (shell == null) {
            return null;
        }
        List<LinearRing> holes = new ArrayList<>();
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            LinearRing hole = p.getInteriorRingN(i);
            if (strictlyInside(hole.getEnvelopeInternal())) {
                holes.add(hole); // the others lie wholly outside the tile
            }
        }
        return factory.createPolygon(shell, holes.toArray(LinearRing[]::new));
    }

    /** {@code null} for a ring outside the buffered tile, or one whose clipped part has no area (a run along an edge). */
    private LinearRing clippedRing(LinearRing ring) {
        if (!clip.intersects(ring.getEnvelopeInternal())) {
            return null;
        }
        Coordinate[] c = new RingClipper(clip).clip(ring.getCoordinates());
        if (c.length < 3) {
            return null;
        }
        if (!c[0].equals2D(c[c.length - 1])) {
            c = java.util.Arrays.copyOf(c, c.length + 1);
            c[c.length - 1] = new Coordinate(c[0]);
        }
        if (c.length < 4 || Area.ofRing(c) == 0) {
            return null;
        }
        return factory.createLinearRing(c);
    }

    /** Rounded to the grid, repeated vertices merged; only parts of the source's dimension are kept. */
    private Geometry snap(Geometry g, int dimension) {
        List<Geometry> parts = new ArrayList<>();
        collect(g, dimension, parts);
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return switch (dimension) {
            case 0 -> factory.createMultiPoint(parts.toArray(Point[]::new));
            case 1 -> factory.createMultiLineString(parts.toArray(LineString[]::new));
            default -> factory.createMultiPolygon(parts.toArray(Polygon[]::new));
        };
    }

    private void collect(Geometry g, int dimension, List<Geometry> parts) {
        if (g.getNumGeometries() > 1 || g instanceof org.locationtech.jts.geom.GeometryCollection) {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                collect(g.getGeometryN(i), dimension, parts);
            }
        } else if (g.getDimension() != dimension || g.isEmpty()) {
            return; // a clip can leave a polygon's edge as a line, or a line's end as a point
        } else if (g instanceof Point p) {
            parts.add(factory.createPoint(new Coordinate(Math.round(p.getX()), Math.round(p.getY()))));
        } else if (g instanceof Polygon p) {
            Coordinate[] shell = snapped(p.getExteriorRing().getCoordinates(), true);
            if (shell == null) {
                return;
            }
            List<LinearRing> holes = new ArrayList<>();
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                Coordinate[] hole = snapped(p.getInteriorRingN(i).getCoordinates(), true);
                if (hole != null) {
                    holes.add(factory.createLinearRing(hole));
                }
            }
            parts.add(factory.createPolygon(factory.createLinearRing(shell), holes.toArray(LinearRing[]::new)));
        } else {
            Coordinate[] line = snapped(g.getCoordinates(), false);
            if (line != null) {
                parts.add(factory.createLineString(line));
            }
        }
    }

    /** Rounded vertices without consecutive repeats; {@code null} when a ring keeps under 3 or a line under 2. */
    private static Coordinate[] snapped(Coordinate[] in, boolean ring) {
        List<Coordinate> out = new ArrayList<>(in.length);
        for (Coordinate c : in) {
            Coordinate r = new Coordinate(Math.round(c.x), Math.round(c.y));
            if (out.isEmpty() || !out.get(out.size() - 1).equals2D(r)) {
                out.add(r);
            }
        }
        if (ring) {
            if (out.size() > 1 && out.get(0).equals2D(out.get(out.size() - 1))) {
                out.remove(out.size() - 1);
            }
            if (out.size() < 3) {
                return null;
            }
            out.add(new Coordinate(out.get(0)));
        } else if (out.size() < 2) {
            return null;
        }
        return out.toArray(Coordinate[]::new);
    }
}
