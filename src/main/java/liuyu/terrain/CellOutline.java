package liuyu.terrain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The outline of a set of grid cells as polygons in the DEM's CRS: the edges between member and non-member
 * cells are walked into rings, turning right where two cells touch only at a corner (so each becomes its own
 * polygon and the result is valid), straight runs merged; holes go into the polygon that holds them.
 */
final class CellOutline {
    // edge directions in grid corner coordinates (x = column, y = row, rows grow downwards): E, S, W, N
    private static final int[] EX = {1, 0, -1, 0};
    private static final int[] EY = {0, 1, 0, -1};

    private CellOutline() {}

    static Geometry of(BitSet cells, int w, int h, double[] geoTransform) {
        int cw = w + 1;
        // boundary edges leaving each corner, as direction bits; the member cell lies to the right of each edge
        Map<Integer, Integer> edges = new HashMap<>();
        for (int c = cells.nextSetBit(0); c >= 0; c = cells.nextSetBit(c + 1)) {
            int col = c % w;
            int row = c / w;
            if (row == 0 || !cells.get(c - w)) {
                edges.merge(row * cw + col, 1, (a, b) -> a | b);
            }
            if (col == w - 1 || !cells.get(c + 1)) {
                edges.merge(row * cw + col + 1, 2, (a, b) -> a | b);
            }
            if (row == h - 1 || !cells.get(c + w)) {
                edges.merge((row + 1) * cw + col + 1, 4, (a, b) -> a | b);
            }
            if (col == 0 || !cells.get(c - 1)) {
                edges.merge((row + 1) * cw + col, 8, (a, b) -> a | b);
            }
        }
        Map<Integer, Integer> unused = new HashMap<>(edges);
        List<int[]> shells = new ArrayList<>();
        List<int[]> holes = new ArrayList<>();
        while (!unused.isEmpty()) {
            int start = unused.keySet().iterator().next();
            int first = Integer.numberOfTrailingZeros(unused.get(start));
            List<Integer> corners = new ArrayList<>();
            int v = start;
            int d = first;
            int previous = -1;
            while (true) {
                use(unused, v, d);
                if (d != previous) {
                    corners.add(v);
                }
                previous = d;
                v = (v / cw + EY[d]) * cw + v % cw + EX[d];
                d = turn(edges.get(v), d);
                Integer left = unused.get(v);
                if (left == null || (left & (1 << d)) == 0) {
                    break; // the edge this ring continues with is used: the ring is closed
                }
            }
            if (previous == first && corners.size() > 1) {
                corners.remove(0); // the walk started in the middle of a straight run
            }
            for (int[] loop : simpleLoops(corners)) {
                // with the members to the right of every edge, a shell runs clockwise on the screen (positive area)
                (twiceArea(loop, cw) > 0 ? shells : holes).add(loop);
            }
        }
        List<Polygon> polygons = new ArrayList<>();
        List<PreparedGeometry> prepared = new ArrayList<>();
        List<List<LinearRing>> holesOf = new ArrayList<>();
        for (int[] s : shells) {
            Polygon p = DemCrs.NATIVE.createPolygon(ring(s, cw, geoTransform));
            polygons.add(p);
            prepared.add(PreparedGeometryFactory.prepare(p));
            holesOf.add(new ArrayList<>());
        }
        for (int[] hole : holes) {
            // a point inside the hole: a quarter cell to the left of its first edge (the non-member side)
            int ax = hole[0] % cw;
            int ay = hole[0] / cw;
            int bx = hole[1] % cw;
            int by = hole[1] / cw;
            double len = Math.hypot(bx - ax, by - ay);
            double gx = (ax + bx) / 2.0 + 0.25 * (by - ay) / len;
            double gy = (ay + by) / 2.0 - 0.25 * (bx - ax) / len;
            Coordinate inside =
                    new Coordinate(geoTransform[0] + gx * geoTransform[1], geoTransform[3] + gy * geoTransform[5]);
            for (int i = 0; i < polygons.size(); i++) {
                if (prepared.get(i).contains(DemCrs.NATIVE.createPoint(inside))) {
                    holesOf.get(i).add(ring(hole, cw, geoTransform));
                    break;
                }
            }
        }
        Polygon[] result = new Polygon[polygons.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = DemCrs.NATIVE.createPolygon(
                    polygons.get(i).getExteriorRing(), holesOf.get(i).toArray(LinearRing[]::new));
        }
        return result.length == 1 ? result[0] : DemCrs.NATIVE.createMultiPolygon(result);
    }

    /**
     * A ring that passes a corner twice — where a hole touches the outline, or the outline itself, at one
     * point — cut there into simple loops: the shells and holes that make a valid polygon.
     */
    private static List<int[]> simpleLoops(List<Integer> corners) {
        List<int[]> loops = new ArrayList<>();
        List<Integer> stack = new ArrayList<>();
        Map<Integer, Integer> at = new HashMap<>();
        for (int v : corners) {
            Integer i = at.get(v);
            if (i == null) {
                at.put(v, stack.size());
                stack.add(v);
                continue;
            }
            List<Integer> loop = stack.subList(i, stack.size());
            loops.add(loop.stream().mapToInt(Integer::intValue).toArray());
            for (int u : loop.subList(1, loop.size())) {
                at.remove(u);
            }
            loop.subList(1, loop.size()).clear();
        }
        if (stack.size() >= 4) {
            loops.add(stack.stream().mapToInt(Integer::intValue).toArray());
        }
        return loops;
    }

    private static long twiceArea(int[] corners, int cw) {
        long sum = 0;
        for (int i = 0; i < corners.length; i++) {
            int a = corners[i];
            int b = corners[(i + 1) % corners.length];
            sum += (long) (a % cw) * (b / cw) - (long) (b % cw) * (a / cw);
        }
        return sum;
    }

    /** The edge to leave a corner by, arriving in direction {@code d}: right turn first, then straight, then left. */
    private static int turn(int bits, int d) {
        int right = (d + 1) & 3;
        if ((bits & (1 << right)) != 0) {
            return right;
        }
        return (bits & (1 << d)) != 0 ? d : (d + 3) & 3;
    }

    private static void use(Map<Integer, Integer> unused, int v, int d) {
        int bits = unused.get(v) & ~(1 << d);
        if (bits == 0) {
            unused.remove(v);
        } else {
            unused.put(v, bits);
        }
    }

    private static LinearRing ring(int[] corners, int cw, double[] gt) {
        Coordinate[] cs = new Coordinate[corners.length + 1];
        for (int i = 0; i < corners.length; i++) {
            cs[i] = new Coordinate(gt[0] + (corners[i] % cw) * gt[1], gt[3] + (corners[i] / cw) * gt[5]);
        }
        cs[corners.length] = cs[0];
        return DemCrs.NATIVE.createLinearRing(cs);
    }
}
