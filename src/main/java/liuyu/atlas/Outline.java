package liuyu.atlas;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * A zone's outline in metres as one packed coordinate array (every ring, x0,y0,x1,y1,…), cut into runs of
 * {@link #RUN} segments with their bounding boxes, for the point-to-boundary distance: a run whose box is
 * farther than the best distance so far is skipped. The arithmetic is JTS's {@code Distance.pointToSegment},
 * so the answer is the one {@code boundary.distance(point)} gives, to the last bit.
 */
final class Outline {
    static final int RUN = 16;
    /** Outlines of at most this many segments keep no run boxes: every segment is measured (as cheap as the boxes). */
    static final int SMALL = 4 * RUN;

    private static final int[] NO_RUNS = new int[0];
    // the ring ends of one-ring outlines, shared: most zones are one ring of a few hundred vertices at most
    private static final int[][] ONE_RING = new int[2049][];

    static {
        for (int i = 0; i < ONE_RING.length; i++) {
            ONE_RING[i] = new int[] {i};
        }
    }

    private static final double[] NO_BOXES = new double[0];

    // every ring's vertices, rings one after another, from the double {@code from} on: the outline's own array, or
    // (moved by the zone index, moveTo) a run of one array holding every zone's outline in the order of the index
    private final double[] xy;
    private final int from;
    private final int[] ringEnds; // exclusive end (in doubles, counted from {@code from}) of each ring
    private final double[] runBoxes; // minX, minY, maxX, maxY of each run of segments
    private final int[]
            runStarts; // first vertex (in doubles) of each run; the run ends RUN segments later or at its ring's end

    /** The outline of a polygonal geometry already in metres. */
    Outline(Geometry metricPolygonal) {
        this(vertices(metricPolygonal), ringEnds(metricPolygonal));
    }

    /** The outline in metres of a lon/lat polygonal geometry, projected vertex by vertex (no metric geometry built). */
    static Outline ofLonLat(Geometry lonLatPolygonal) {
        double[] lonLat = vertices(lonLatPolygonal);
        double[] metric = new double[lonLat.length];
        liuyu.geo.MetricProjection.toMetric(lonLat, 0, metric, 0, lonLat.length / 2);
        return new Outline(metric, ringEnds(lonLatPolygonal));
    }

    /** An outline from its arrays as {@link #xy()} and {@link #ringEnds()} give them. */
    Outline(double[] xy, int[] ringEnds) {
        this(xy, 0, ringEnds);
        if (length() != xy.length) {
            throw new IllegalArgumentException("ring ends " + length() + " of " + xy.length);
        }
    }

    /**
     * An outline whose vertices lie in {@code store} from the double {@code from} on, rings ending where {@code
     * ringEnds} say (counted from {@code from}): a snapshot file's, read into the one array of every zone's outline.
     */
    Outline(double[] store, int from, int[] ringEnds) {
        this.xy = store;
        this.from = from;
        this.ringEnds = ringEnds.length == 1 && ringEnds[0] >= 0 && ringEnds[0] < ONE_RING.length
                ? ONE_RING[ringEnds[0]]
                : ringEnds;
        int runs = 0;
        int start = 0;
        for (int end : ringEnds) {
            if (end < start || from < 0 || from + (long) end > store.length || (end - start) % 2 != 0) {
                throw new IllegalArgumentException(
                        "ring ends " + java.util.Arrays.toString(ringEnds) + " from " + from + " of " + store.length);
            }
            int segments = Math.max(0, (end - start) / 2 - 1);
            runs += (segments + RUN - 1) / RUN;
            start = end;
        }
        if (start / 2 - ringEnds.length <= SMALL) {
            runStarts = NO_RUNS;
            runBoxes = NO_BOXES;
            return;
        }
        runStarts = new int[runs];
        runBoxes = new double[4 * runs];
        int run = 0;
        start = 0;
        for (int end : ringEnds) {
            for (int s = start; s + 2 < end; s += 2 * RUN) {
                int last = Math.min(end - 2, s + 2 * RUN); // last vertex of the run
                double minX = Double.POSITIVE_INFINITY;
                double minY = Double.POSITIVE_INFINITY;
                double maxX = Double.NEGATIVE_INFINITY;
                double maxY = Double.NEGATIVE_INFINITY;
                for (int v = from + s; v <= from + last; v += 2) {
                    minX = Math.min(minX, store[v]);
                    maxX = Math.max(maxX, store[v]);
                    minY = Math.min(minY, store[v + 1]);
                    maxY = Math.max(maxY, store[v + 1]);
                }
                runStarts[run] = s;
                runBoxes[4 * run] = minX;
                runBoxes[4 * run + 1] = minY;
                runBoxes[4 * run + 2] = maxX;
                runBoxes[4 * run + 3] = maxY;
                run++;
            }
            start = end;
        }
    }

    private Outline(double[] store, int from, Outline moved) {
        this.xy = store;
        this.from = from;
        this.ringEnds = moved.ringEnds;
        this.runBoxes = moved.runBoxes;
        this.runStarts = moved.runStarts;
    }

    /**
     * This outline with its vertices copied into {@code store} from the double {@code at} on (the other arrays
     * shared): the zone index keeps every outline in one array, in the order its tree meets the zones, so the
     * outlines of the zones around a point lie near one another in memory rather than all over the heap.
     */
    Outline moveTo(double[] store, int at) {
        System.arraycopy(xy, from, store, at, length());
        return new Outline(store, at, this);
    }

    /** The number of doubles of the outline's vertices. */
    int length() {
        return ringEnds.length == 0 ? 0 : ringEnds[ringEnds.length - 1];
    }

    /** Whether {@link #distance} is {@link #nearer} over the one ring from {@link #from()}, with no run boxes. */
    boolean simple() {
        return ringEnds.length == 1 && runStarts.length == 0;
    }

    /** The array holding the vertices: the outline's own, or the store it was moved to (not to be changed). */
    double[] store() {
        return xy;
    }

    /** Where the vertices start in {@link #store()}. */
    int from() {
        return from;
    }

    private static List<LineString> rings(Geometry polygonal) {
        List<LineString> rings = new ArrayList<>();
        for (int i = 0; i < polygonal.getNumGeometries(); i++) {
            Polygon p = (Polygon) polygonal.getGeometryN(i);
            rings.add(p.getExteriorRing());
            for (int h = 0; h < p.getNumInteriorRing(); h++) {
                rings.add(p.getInteriorRingN(h));
            }
        }
        return rings;
    }

    // read through the coordinate sequence: getCoordinates() would leave a Coordinate[] cached on a packed ring
    private static double[] vertices(Geometry polygonal) {
        int doubles = 0;
        List<LineString> rings = rings(polygonal);
        for (LineString ring : rings) {
            doubles += 2 * ring.getNumPoints();
        }
        double[] xy = new double[doubles];
        int at = 0;
        for (LineString ring : rings) {
            CoordinateSequence seq = ring.getCoordinateSequence();
            for (int k = 0; k < seq.size(); k++) {
                xy[at++] = seq.getX(k);
                xy[at++] = seq.getY(k);
            }
        }
        return xy;
    }

    private static int[] ringEnds(Geometry polygonal) {
        List<LineString> rings = rings(polygonal);
        int[] ends = new int[rings.size()];
        int at = 0;
        for (int r = 0; r < ends.length; r++) {
            at += 2 * rings.get(r).getNumPoints();
            ends[r] = at;
        }
        return ends;
    }

    /**
     * Every ring's vertices in metres, one ring after another: the array itself (not to be changed) when the outline
     * has its own, a copy when it lies in a store.
     */
    double[] xy() {
        return from == 0 && xy.length == length() ? xy : java.util.Arrays.copyOfRange(xy, from, from + length());
    }

    /** The exclusive end (in doubles) of each ring in {@link #xy()}. */
    int[] ringEnds() {
        return ringEnds;
    }

    /** The bounding box of the outline, in metres. */
    Envelope envelope() {
        Envelope e = new Envelope();
        for (int v = from; v + 1 < from + length(); v += 2) {
            e.expandToInclude(xy[v], xy[v + 1]);
        }
        return e;
    }

    int vertexCount() {
        return length() / 2;
    }

    /**
     * Distance from (x, y) to the nearest point of the outline. A segment whose bounding box is already farther
     * than the best distance so far is skipped without its exact distance ({@code Math.hypot}, which costs more than
     * the rest of the loop): the box is a lower bound for every point of the segment, and the slack ({@link
     * #farther}) is far above the rounding of either side, so the minimum, and so the answer, is the one every
     * segment measured would give, to the last bit.
     */
    double distance(double x, double y) {
        double best = Double.POSITIVE_INFINITY;
        if (runStarts.length == 0) {
            int start = 0;
            for (int end : ringEnds) {
                best = nearer(xy, x, y, from + start, from + end - 2, best);
                start = end;
            }
            return best;
        }
        int ring = 0;
        for (int run = 0; run < runStarts.length; run++) {
            double dx = Math.max(0, Math.max(runBoxes[4 * run] - x, x - runBoxes[4 * run + 2]));
            double dy = Math.max(0, Math.max(runBoxes[4 * run + 1] - y, y - runBoxes[4 * run + 3]));
            int s = runStarts[run];
            while (ringEnds[ring] <= s) {
                ring++;
            }
            if (dx * dx + dy * dy > best * best * (1 + 1e-9)) {
                continue; // the box is a lower bound for every segment in the run
            }
            best = nearer(xy, x, y, from + s, from + Math.min(ringEnds[ring] - 2, s + 2 * RUN), best);
        }
        return best;
    }

    /**
     * The least of {@code best} and the distances to the segments of {@code xy} starting at the doubles {@code from} to
     * {@code to}; for a {@link #simple()} outline, {@code nearer(store(), x, y, from(), from() + length() - 2, +∞)} is
     * its {@link #distance}.
     */
    static double nearer(double[] xy, double x, double y, int from, int to, double best) {
        double limit = farther(best); // squared, with slack: boxes farther than this cannot win
        for (int v = from; v < to; v += 2) {
            double ax = xy[v];
            double ay = xy[v + 1];
            double bx = xy[v + 2];
            double by = xy[v + 3];
            if (boxDistance2(x, y, ax, ay, bx, by) > limit) {
                continue;
            }
            double d = pointToSegment(x, y, ax, ay, bx, by);
            if (d < best) {
                best = d;
                limit = farther(d);
            }
        }
        return best;
    }

    /**
     * The squared distance beyond which a segment's box cannot hold a point nearer than {@code d}: a relative slack of
     * 1e-9 and an absolute one of a micrometre, against rounding errors of about 1e-16 of the coordinates (UTM: below
     * a nanometre) in the box distance and in {@link #pointToSegment}.
     */
    private static double farther(double d) {
        return d * d * (1 + 1e-9) + 1e-12;
    }

    /** The squared distance from (x, y) to the bounding box of the segment a–b: a lower bound of its distance. */
    private static double boxDistance2(double x, double y, double ax, double ay, double bx, double by) {
        double minX = ax < bx ? ax : bx;
        double maxX = ax < bx ? bx : ax;
        double minY = ay < by ? ay : by;
        double maxY = ay < by ? by : ay;
        double dx = minX > x ? minX - x : x > maxX ? x - maxX : 0;
        double dy = minY > y ? minY - y : y > maxY ? y - maxY : 0;
        return dx * dx + dy * dy;
    }

    /** JTS {@code Distance.pointToSegment}, on primitives. */
    static double pointToSegment(double px, double py, double ax, double ay, double bx, double by) {
        if (ax == bx && ay == by) {
            return hypot(px - ax, py - ay);
        }
        double len2 = (bx - ax) * (bx - ax) + (by - ay) * (by - ay);
        double r = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len2;
        if (r <= 0.0) {
            return hypot(px - ax, py - ay);
        }
        if (r >= 1.0) {
            return hypot(px - bx, py - by);
        }
        double s = ((ay - py) * (bx - ax) - (ax - px) * (by - ay)) / len2;
        return Math.abs(s) * Math.sqrt(len2);
    }

    private static double hypot(double dx, double dy) {
        return Math.hypot(dx, dy); // as Coordinate.distance
    }
}
