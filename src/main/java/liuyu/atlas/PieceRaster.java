package liuyu.atlas;

import java.util.Arrays;

/**
 * A coarse raster over an index piece's bounding box that answers the point test without reading the piece's rings
 * for most points: {@link #SIDE} × {@link #SIDE} cells of two bits, {@link #OUTSIDE}, {@link #INSIDE} or {@link
 * #BOUNDARY}, held in {@link #LONGS} longs (64 bytes a piece), so the rasters of the pieces of one tree node lie side by
 * side while their rings lie anywhere on the heap. Only a point in a boundary cell needs the exact ring test.
 *
 * <p>Why a cell's answer is exact: a point maps to the cell {@link #cell} gives for each of its coordinates, and that
 * function is monotone (a subtraction, a division and a multiplication by 16, each correctly rounded, then truncation),
 * so the points mapped to one cell form a rectangle and the points of a segment map into the cells between those of
 * its end points. Every cell between them is marked {@link #BOUNDARY}; a cell not marked holds no point of any ring,
 * so all its points lie on one side of the boundary, and so do those of two neighbouring cells not marked (their
 * union is again a rectangle free of the boundary). Each connected group of unmarked cells takes the answer of the
 * exact test ({@link PolygonPiece#covers}) at one point that maps into it.
 */
final class PieceRaster {
    static final int SIDE = 16;
    static final int LONGS = SIDE * SIDE * 2 / Long.SIZE;
    static final int OUTSIDE = 0;
    static final int INSIDE = 1;
    static final int BOUNDARY = 2;

    private PieceRaster() {}

    /** The cell of a coordinate along one side of the box [min, max] (clamped): the one map of build and query. */
    static int cell(double v, double min, double max) {
        int c = (int) ((v - min) / (max - min) * SIDE);
        return c < 0 ? 0 : c >= SIDE ? SIDE - 1 : c;
    }

    /** The state of the cell of (x, y), a point within the box, in the raster at {@code rasters[at…at+LONGS)}. */
    static int state(long[] rasters, int at, double minX, double minY, double maxX, double maxY, double x, double y) {
        int k = cell(y, minY, maxY) * SIDE + cell(x, minX, maxX);
        return (int) (rasters[at + (k >>> 5)] >>> ((k & 31) << 1)) & 3;
    }

    /**
     * Writes the raster of the piece with the given flat rings ({@link PolygonPiece}) over the box into {@code
     * rasters[at…at+LONGS)}. A box without area, or one too small for its cells to hold their centres, gets only
     * boundary cells: every point then takes the exact test.
     */
    static void build(
            double[] shell,
            double[][] holes,
            double minX,
            double minY,
            double maxX,
            double maxY,
            long[] rasters,
            int at) {
        byte[] states = new byte[SIDE * SIDE];
        Arrays.fill(states, (byte) -1);
        boolean usable = maxX > minX && maxY > minY && Double.isFinite(maxX - minX) && Double.isFinite(maxY - minY);
        if (usable) {
            markSegments(shell, minX, minY, maxX, maxY, states);
            for (double[] hole : holes) {
                markSegments(hole, minX, minY, maxX, maxY, states);
            }
            int[] stack = new int[SIDE * SIDE];
            for (int k = 0; k < states.length && usable; k++) {
                if (states[k] != -1) {
                    continue;
                }
                int i = k % SIDE;
                int j = k / SIDE;
                double cx = minX + (i + 0.5) / SIDE * (maxX - minX);
                double cy = minY + (j + 0.5) / SIDE * (maxY - minY);
                if (cell(cx, minX, maxX) != i || cell(cy, minY, maxY) != j) {
                    usable = false; // cells too narrow for a point of their own: no shortcut for this piece
                    break;
                }
                byte s = (byte) (PolygonPiece.covers(shell, holes, cx, cy) ? INSIDE : OUTSIDE);
                int top = 0;
                stack[top++] = k;
                states[k] = s;
                while (top > 0) {
                    int c = stack[--top];
                    int ci = c % SIDE;
                    int cj = c / SIDE;
                    if (ci > 0 && states[c - 1] == -1) {
                        states[c - 1] = s;
                        stack[top++] = c - 1;
                    }
                    if (ci < SIDE - 1 && states[c + 1] == -1) {
                        states[c + 1] = s;
                        stack[top++] = c + 1;
                    }
                    if (cj > 0 && states[c - SIDE] == -1) {
                        states[c - SIDE] = s;
                        stack[top++] = c - SIDE;
                    }
                    if (cj < SIDE - 1 && states[c + SIDE] == -1) {
                        states[c + SIDE] = s;
                        stack[top++] = c + SIDE;
                    }
                }
            }
        }
        for (int w = 0; w < LONGS; w++) {
            long bits = 0;
            for (int b = 0; b < 32; b++) {
                long s = usable ? states[32 * w + b] : BOUNDARY;
                bits |= s << (2 * b);
            }
            rasters[at + w] = bits;
        }
    }

    /** Marks boundary every cell between those of the end points of each segment of a flat ring. */
    private static void markSegments(double[] ring, double minX, double minY, double maxX, double maxY, byte[] states) {
        for (int v = 0; v + 3 < ring.length; v += 2) {
            int i0 = cell(Math.min(ring[v], ring[v + 2]), minX, maxX);
            int i1 = cell(Math.max(ring[v], ring[v + 2]), minX, maxX);
            int j0 = cell(Math.min(ring[v + 1], ring[v + 3]), minY, maxY);
            int j1 = cell(Math.max(ring[v + 1], ring[v + 3]), minY, maxY);
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    states[j * SIDE + i] = BOUNDARY;
                }
            }
        }
        if (ring.length == 2) { // a ring of one vertex: its point
            states[cell(ring[1], minY, maxY) * SIDE + cell(ring[0], minX, maxX)] = BOUNDARY;
        }
    }
}
