package liuyu.terrain;

import java.util.Arrays;

/**
 * D8 flow over a DEM: depressions filled by Priority-Flood with an ε gradient (Barnes, Lehman and Mulla
 * 2014), so every cell drains; each cell then drains to its steepest lower neighbour, and accumulation counts
 * the cells upstream of each one. Built once per DEM; queries read it without changing it.
 */
public final class FlowGrid {
    // the 8 neighbours, clockwise from east, as column and row offsets (rows grow downwards)
    static final int[] DC = {1, 1, 0, -1, -1, -1, 0, 1};
    static final int[] DR = {0, 1, 1, 1, 0, -1, -1, -1};
    static final byte OUTLET = -1;

    private final DemGrid grid;
    private final int w;
    private final int h;
    private final byte[] dir;
    private final int[] acc;
    private final double[] rowDx;
    private final double[] rowDy;

    public FlowGrid(DemGrid grid) {
        this.grid = grid;
        this.w = grid.width();
        this.h = grid.height();
        int n = w * h;
        this.rowDx = new double[h];
        this.rowDy = new double[h];
        cellSizes();
        float[] filled = grid.z().clone();
        int[] order = fill(filled);
        this.dir = new byte[n];
        Arrays.fill(dir, OUTLET);
        for (int k = 0; k < order.length && order[k] >= 0; k++) {
            int c = order[k];
            dir[c] = steepestDescent(c, filled);
        }
        this.acc = new int[n];
        for (int k = order.length - 1; k >= 0; k--) {
            int c = order[k];
            if (c < 0) {
                continue;
            }
            acc[c] += 1;
            if (dir[c] != OUTLET) {
                acc[downstream(c)] += acc[c];
            }
        }
    }

    public DemGrid grid() {
        return grid;
    }

    /** The cell {@code c} drains to, or -1 where water leaves the grid or the DEM's data. */
    public int downstreamOf(int c) {
        return dir[c] == OUTLET ? -1 : downstream(c);
    }

    /** The cell {@code c} drains to; only for cells whose direction is not {@link #OUTLET}. */
    int downstream(int c) {
        int d = dir[c];
        return (c / w + DR[d]) * w + c % w + DC[d];
    }

    byte direction(int c) {
        return dir[c];
    }

    /** Cells draining through {@code c}, itself included. */
    public int accumulation(int c) {
        return acc[c];
    }

    public int width() {
        return w;
    }

    public int height() {
        return h;
    }

    /** Width and height in metres of a cell in {@code row}. */
    public double dx(int row) {
        return rowDx[row];
    }

    public double dy(int row) {
        return rowDy[row];
    }

    private void cellSizes() {
        double[] gt = grid.info().geoTransform();
        for (int r = 0; r < h; r++) {
            if (grid.info().geographic()) {
                // metres per degree on the GRS80/WGS84 ellipsoid at the row's latitude
                double phi = Math.toRadians(grid.y(r));
                double a = 6_378_137.0;
                double e2 = 0.006_694_380_022_9;
                double s = 1 - e2 * Math.sin(phi) * Math.sin(phi);
                rowDx[r] = Math.toRadians(Math.abs(gt[1])) * a * Math.cos(phi) / Math.sqrt(s);
                rowDy[r] = Math.toRadians(Math.abs(gt[5])) * a * (1 - e2) / Math.pow(s, 1.5);
            } else {
                rowDx[r] = Math.abs(gt[1]);
                rowDy[r] = Math.abs(gt[5]);
            }
        }
    }

    /**
     * Priority-Flood+ε from the grid's edge and from cells next to nodata: each cell reached from a lower
     * one is raised to just above it, so nothing is left in a pit. Returns the cells in the order they were
     * settled, lowest first (-1 after the last valid cell).
     */
    private int[] fill(float[] z) {
        int n = w * h;
        int[] order = new int[n];
        Arrays.fill(order, -1);
        boolean[] closed = new boolean[n];
        CellHeap open = new CellHeap(z);
        for (int c = 0; c < n; c++) {
            if (!Float.isNaN(z[c]) && onBorder(c, z)) {
                closed[c] = true;
                open.push(c);
            }
        }
        int k = 0;
        while (!open.isEmpty()) {
            int c = open.pop();
            order[k++] = c;
            int col = c % w;
            int row = c / w;
            for (int d = 0; d < 8; d++) {
                int nc = col + DC[d];
                int nr = row + DR[d];
                if (nc < 0 || nr < 0 || nc >= w || nr >= h) {
                    continue;
                }
                int nb = nr * w + nc;
                if (closed[nb] || Float.isNaN(z[nb])) {
                    continue;
                }
                closed[nb] = true;
                if (z[nb] <= z[c]) {
                    z[nb] = Math.nextUp(z[c]);
                }
                open.push(nb);
            }
        }
        return order;
    }

    private boolean onBorder(int c, float[] z) {
        int col = c % w;
        int row = c / w;
        if (col == 0 || row == 0 || col == w - 1 || row == h - 1) {
            return true;
        }
        for (int d = 0; d < 8; d++) {
            if (Float.isNaN(z[(row + DR[d]) * w + col + DC[d]])) {
                return true;
            }
        }
        return false;
    }

    private byte steepestDescent(int c, float[] z) {
        int col = c % w;
        int row = c / w;
        byte best = OUTLET;
        double bestSlope = 0;
        for (int d = 0; d < 8; d++) {
            int nc = col + DC[d];
            int nr = row + DR[d];
            if (nc < 0 || nr < 0 || nc >= w || nr >= h) {
                continue;
            }
            int nb = nr * w + nc;
            if (Float.isNaN(z[nb]) || z[nb] >= z[c]) {
                continue;
            }
            double dist = Math.hypot(DC[d] * rowDx[row], DR[d] * rowDy[row]);
            double slope = (z[c] - z[nb]) / dist;
            if (slope > bestSlope) {
                bestSlope = slope;
                best = (byte) d;
            }
        }
        return best;
    }

    /** A binary min-heap of cell indices keyed by their height; ties settle in the order they came. */
    private static final class CellHeap {
        private final float[] z;
        private int[] cells = new int[1024];
        private long[] seq = new long[1024];
        private int size;
        private long counter;

        CellHeap(float[] z) {
            this.z = z;
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(int c) {
            if (size == cells.length) {
                cells = Arrays.copyOf(cells, size * 2);
                seq = Arrays.copyOf(seq, size * 2);
            }
            int i = size++;
            cells[i] = c;
            seq[i] = counter++;
            while (i > 0) {
                int p = (i - 1) / 2;
                if (!less(i, p)) {
                    break;
                }
                swap(i, p);
                i = p;
            }
        }

        int pop() {
            int top = cells[0];
            size--;
            cells[0] = cells[size];
            seq[0] = seq[size];
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                int r = l + 1;
                int m = i;
                if (l < size && less(l, m)) {
                    m = l;
                }
                if (r < size && less(r, m)) {
                    m = r;
                }
                if (m == i) {
                    return top;
                }
                swap(i, m);
                i = m;
            }
        }

        private boolean less(int a, int b) {
            float za = z[cells[a]];
            float zb = z[cells[b]];
            return za < zb || (za == zb && seq[a] < seq[b]);
        }

        private void swap(int a, int b) {
            int c = cells[a];
            cells[a] = cells[b];
            cells[b] = c;
            long s = seq[a];
            seq[a] = seq[b];
            seq[b] = s;
        }
    }
}
