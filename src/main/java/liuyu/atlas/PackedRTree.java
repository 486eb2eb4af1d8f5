package liuyu.atlas;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A static R-tree held in two arrays, so it costs no object per entry and a snapshot file keeps it as it is (no
 * sorting at start-up). Items are ordered along a Hilbert curve of their box centres and grouped {@link #NODE} to a
 * node, level after level up to one root (the layout of Flatbush). Entries: the items in that order first, then
 * each level's nodes, the root last; {@code boxes} holds minX, minY, maxX, maxY of every entry, {@code refs} an
 * item's own number or a node's first child entry.
 */
final class PackedRTree {
    static final int NODE = 16;

    private final int count;
    private final double[] boxes;
    private final int[] refs;
    private final int[] levelEnds; // exclusive end entry of each level, items' level first

    /** The tree over {@code count} items whose boxes are {@code itemBoxes} (minX, minY, maxX, maxY of each). */
    static PackedRTree build(double[] itemBoxes, int count) {
        if (itemBoxes.length != 4 * count) {
            throw new IllegalArgumentException(itemBoxes.length + " box ordinates for " + count + " items");
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            minX = Math.min(minX, itemBoxes[4 * i]);
            minY = Math.min(minY, itemBoxes[4 * i + 1]);
            maxX = Math.max(maxX, itemBoxes[4 * i + 2]);
            maxY = Math.max(maxY, itemBoxes[4 * i + 3]);
        }
        // sort keys: Hilbert value in the high half, item number in the low half (a total, deterministic order)
        long[] keys = new long[count];
        double w = maxX - minX;
        double h = maxY - minY;
        for (int i = 0; i < count; i++) {
            double cx = (itemBoxes[4 * i] + itemBoxes[4 * i + 2]) / 2;
            double cy = (itemBoxes[4 * i + 1] + itemBoxes[4 * i + 3]) / 2;
            int hx = w > 0 ? (int) Math.floor(0xffff * (cx - minX) / w) : 0;
            int hy = h > 0 ? (int) Math.floor(0xffff * (cy - minY) / h) : 0;
            keys[i] = ((hilbert(hx, hy) & 0xffffffffL) << 32) | i;
        }
        Arrays.sort(keys);
        int total = count;
        int[] ends = new int[32];
        int levels = 0;
        int n = count;
        ends[levels++] = total;
        while (n > 1) {
            n = (n + NODE - 1) / NODE;
            total += n;
            ends[levels++] = total;
        }
        double[] boxes = new double[4 * total];
        int[] refs = new int[total];
        for (int k = 0; k < count; k++) {
            int item = (int) keys[k];
            System.arraycopy(itemBoxes, 4 * item, boxes, 4 * k, 4);
            refs[k] = item;
        }
        int start = 0;
        for (int l = 1; l < levels; l++) {
            int end = ends[l - 1];
            int at = end;
            for (int first = start; first < end; first += NODE) {
                int last = Math.min(end, first + NODE);
                double a = Double.POSITIVE_INFINITY;
                double b = Double.POSITIVE_INFINITY;
                double c = Double.NEGATIVE_INFINITY;
                double d = Double.NEGATIVE_INFINITY;
                for (int e = first; e < last; e++) {
                    a = Math.min(a, boxes[4 * e]);
                    b = Math.min(b, boxes[4 * e + 1]);
                    c = Math.max(c, boxes[4 * e + 2]);
                    d = Math.max(d, boxes[4 * e + 3]);
                }
                boxes[4 * at] = a;
                boxes[4 * at + 1] = b;
                boxes[4 * at + 2] = c;
                boxes[4 * at + 3] = d;
                refs[at++] = first;
            }
            start = end;
        }
        return new PackedRTree(count, boxes, refs, Arrays.copyOf(ends, levels));
    }

    /** A tree from the arrays {@link #boxes()}, {@link #refs()} and {@link #levelEnds()} of one built before. */
    PackedRTree(int count, double[] boxes, int[] refs, int[] levelEnds) {
        int total = levelEnds.length == 0 ? -1 : levelEnds[levelEnds.length - 1];
        if (count < 0
                || total != refs.length
                || boxes.length != 4 * refs.length
                || levelEnds[0] != count
                || (count > 1 && total - levelEnds[levelEnds.length - 2] != 1)) {
            throw new IllegalArgumentException("a packed tree of " + count + " items with " + refs.length
                    + " entries and levels " + Arrays.toString(levelEnds));
        }
        for (int e = 0; e < total; e++) {
            int limit = e < count ? count : levelEnds[level(levelEnds, e) - 1];
            if (refs[e] < 0 || refs[e] >= limit) {
                throw new IllegalArgumentException("entry " + e + " refers to " + refs[e]);
            }
        }
        this.count = count;
        this.boxes = boxes;
        this.refs = refs;
        this.levelEnds = levelEnds;
    }

    private static int level(int[] levelEnds, int entry) {
        int l = 0;
        while (levelEnds[l] <= entry) {
            l++;
        }
        return l;
    }

    int size() {
        return count;
    }

    double[] boxes() {
        return boxes;
    }

    int[] refs() {
        return refs;
    }

    int[] levelEnds() {
        return levelEnds;
    }

    /** The root entry, or -1 for an empty tree. */
    int root() {
        return count == 0 ? -1 : refs.length - 1;
    }

    /** Whether an entry is an item (then {@link #item(int)} names it) rather than a node. */
    boolean isItem(int entry) {
        return entry < count;
    }

    int item(int entry) {
        return refs[entry];
    }

    double minX(int entry) {
        return boxes[4 * entry];
    }

    double minY(int entry) {
        return boxes[4 * entry + 1];
    }

    double maxX(int entry) {
        return boxes[4 * entry + 2];
    }

    double maxY(int entry) {
        return boxes[4 * entry + 3];
    }

    /** The first child entry of a node and the end (exclusive) of its children. */
    int firstChild(int node) {
        return refs[node];
    }

    int childEnd(int node) {
        int first = refs[node];
        return Math.min(first + NODE, levelEnds[level(levelEnds, first)]);
    }

    /** Every item whose box intersects the box (boundaries included), in no particular order. */
    void query(double minX, double minY, double maxX, double maxY, IntConsumer items) {
        if (count == 0) {
            return;
        }
        int[] stack = new int[16 * levelEnds.length + 1];
        int top = 0;
        stack[top++] = root();
        while (top > 0) {
            int node = stack[--top];
            if (boxes[4 * node] > maxX
                    || boxes[4 * node + 1] > maxY
                    || boxes[4 * node + 2] < minX
                    || boxes[4 * node + 3] < minY) {
                continue;
            }
            if (node < count) {
                items.accept(refs[node]);
                continue;
            }
            int end = childEnd(node);
            for (int child = refs[node]; child < end; child++) {
                if (top == stack.length) {
                    stack = Arrays.copyOf(stack, 2 * stack.length);
                }
                stack[top++] = child;
            }
        }
    }

    // the Hilbert index of (x, y) on a 2^16 grid (Flatbush's, after "Fast Hilbert curve generation" by rawrunprotected)
    private static int hilbert(int x, int y) {
        int a = x ^ y;
        int b = 0xFFFF ^ a;
        int c = 0xFFFF ^ (x | y);
        int d = x & (y ^ 0xFFFF);
        int aa = a | (b >>> 1);
        int bb = (a >>> 1) ^ a;
        int cc = ((c >>> 1) ^ (b & (d >>> 1))) ^ c;
        int dd = ((a & (c >>> 1)) ^ (d >>> 1)) ^ d;
        a = aa;
        b = bb;
        c = cc;
        d = dd;
        aa = (a & (a >>> 2)) ^ (b & (b >>> 2));
        bb = (a & (b >>> 2)) ^ (b & ((a ^ b) >>> 2));
        cc ^= (a & (c >>> 2)) ^ (b & (d >>> 2));
        dd ^= (b & (c >>> 2)) ^ ((a ^ b) & (d >>> 2));
        a = aa;
        b = bb;
        c = cc;
        d = dd;
        aa = (a & (a >>> 4)) ^ (b & (b >>> 4));
        bb = (a & (b >>> 4)) ^ (b & ((a ^ b) >>> 4));
        cc ^= (a & (c >>> 4)) ^ (b & (d >>> 4));
        dd ^= (b & (c >>> 4)) ^ ((a ^ b) & (d >>> 4));
        a = aa;
        b = bb;
        c = cc;
        d = dd;
        cc ^= (a & (c >>> 8)) ^ (b & (d >>> 8));
        dd ^= (b & (c >>> 8)) ^ ((a ^ b) & (d >>> 8));
        a = cc ^ (cc >>> 1);
        b = dd ^ (dd >>> 1);
        int i0 = x ^ y;
        int i1 = b | (0xFFFF ^ (i0 | a));
        i0 = (i0 | (i0 << 8)) & 0x00FF00FF;
        i0 = (i0 | (i0 << 4)) & 0x0F0F0F0F;
        i0 = (i0 | (i0 << 2)) & 0x33333333;
        i0 = (i0 | (i0 << 1)) & 0x55555555;
        i1 = (i1 | (i1 << 8)) & 0x00FF00FF;
        i1 = (i1 | (i1 << 4)) & 0x0F0F0F0F;
        i1 = (i1 | (i1 << 2)) & 0x33333333;
        i1 = (i1 | (i1 << 1)) & 0x55555555;
        return (i1 << 1) | i0;
    }
}
