package liuyu.network;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The river network in compact arrays. Reaches are numbered in pre-order of the forest formed by the
 * main downstream links (outlets are roots, upstream reaches are children), so every reach's
 * upstream tree is the index interval {@code [i, treeEnd[i])}: "is A upstream of B" on the tree is two
 * comparisons, and unbounded upstream navigation is a scan of one interval. Diversions (secondary
 * downstream links) make the network non-dendritic; questions that can meet one fall back to a walk
 * bounded by the distance or by the number of diversions. Immutable once built.
 */
public final class Network {
    private final String[] ids;
    private final Map<String, Integer> index;
    private final double[] lengthM;
    private final int[] mainDown;
    private final int[] treeEnd;
    /** distance from a reach's downstream end to the downstream end of its outlet, along main links */
    private final double[] toOutletM;
    /** the largest {@link #toOutletM} in each reach's upstream tree: whether a distance limit cuts the tree at all */
    private final double[] treeTopM;

    private final String[] mainstemNames;
    private final int[] mainstem;
    /** the main-stem continuation upstream (same level path, main link), or -1 */
    private final int[] upMain;

    private final int[] upStart;
    private final int[] up;
    private final int[] downStart;
    private final int[] down;
    /** whether the main path from a reach to its outlet passes a reach with diversions */
    private final boolean[] divertsBelow;
    /** number of diversion targets among reaches [0, i): tells in O(1) whether a tree receives a diversion */
    private final int[] divertedIntoBefore;

    private final int[] divFrom;
    private final int[] divTo;
    /** NLDI's path length: from a reach's downstream end to its terminal outlet, the source's or computed */
    private final double[] pathM;
    /** the largest {@link #pathM} in each reach's upstream tree */
    private final double[] treeTopPathM;

    Network(
            String[] ids,
            double[] lengthM,
            int[] mainDown,
            int[] treeEnd,
            double[] toOutletM,
            double[] treeTopM,
            String[] mainstemNames,
            int[] mainstem,
            int[] upMain,
            int[] upStart,
            int[] up,
            int[] downStart,
            int[] down,
            boolean[] divertsBelow,
            int[] divertedIntoBefore,
            int[] divFrom,
            int[] divTo,
            double[] pathM,
            double[] treeTopPathM) {
        this.pathM = pathM;
        this.treeTopPathM = treeTopPathM;
        this.ids = ids;
        this.lengthM = lengthM;
        this.mainDown = mainDown;
        this.treeEnd = treeEnd;
        this.toOutletM = toOutletM;
        this.treeTopM = treeTopM;
        this.mainstemNames = mainstemNames;
        this.mainstem = mainstem;
        this.upMain = upMain;
        this.upStart = upStart;
        this.up = up;
        this.downStart = downStart;
        this.down = down;
        this.divertsBelow = divertsBelow;
        this.divertedIntoBefore = divertedIntoBefore;
        this.divFrom = divFrom;
        this.divTo = divTo;
        Map<String, Integer> byId = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            byId.put(ids[i], i);
        }
        this.index = byId;
    }

    public int size() {
        return ids.length;
    }

    /** The index of a reach id, or -1 when the network has no such reach. */
    public int index(String id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    public String id(int reach) {
        return ids[reach];
    }

    public double lengthM(int reach) {
        return lengthM[reach];
    }

    /** NLDI's path length in metres: from the reach's downstream end to its terminal outlet. */
    public double pathlengthM(int reach) {
        return pathM[reach];
    }

    public String mainstem(int reach) {
        return mainstemNames[mainstem[reach]];
    }

    /** The main downstream reach, or -1 at an outlet. */
    public int mainDownstream(int reach) {
        return mainDown[reach];
    }

    /** Main downstream reach first, then the diversions. */
    public int[] downstream(int reach) {
        return Arrays.copyOfRange(down, downStart[reach], downStart[reach + 1]);
    }

    /** Every reach flowing into this one, by a main link or a diversion. */
    public int[] upstream(int reach) {
        return Arrays.copyOfRange(up, upStart[reach], upStart[reach + 1]);
    }

    public int diversionCount() {
        return divFrom.length;
    }

    /**
     * Whether water from reach {@code a} reaches reach {@code b} (strictly: a reach is not upstream of
     * itself). O(1) when no diversion lies on a's main path to its outlet; otherwise a walk over the
     * diversions that leave that path, each visited once.
     */
    public boolean isUpstream(int a, int b) {
        if (a == b) {
            return false;
        }
        if (inTree(a, b)) {
            return true;
        }
        return divertsBelow[a] && viaDiversion(a, b, new boolean[divFrom.length]);
    }

    /** a lies in b's upstream tree (a != b) */
    private boolean inTree(int a, int b) {
        return b < a && a < treeEnd[b];
    }

    private boolean viaDiversion(int a, int b, boolean[] seen) {
        for (int k = 0; k < divFrom.length; k++) {
            int u = divFrom[k];
            if (!seen[k] && (u == a || inTree(a, u))) {
                seen[k] = true;
                int v = divTo[k];
                if (v == b || inTree(v, b) || (divertsBelow[v] && viaDiversion(v, b, seen))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** UM, UT, DM or DD from the origin, every reach any part of which lies within {@code limitM}. */
    public Reached navigate(Mode mode, Origin origin, double limitM) {
        return switch (mode) {
            case UM -> upstreamMain(origin, limitM);
            case UT -> upstreamTributaries(origin, limitM);
            case DM -> downstreamMain(origin, limitM);
            case DD -> shortestPaths(origin, limitM, false, -1);
            case PP -> throw new IllegalArgumentException("PP needs a stop: use pointToPoint");
        };
    }

    /**
     * UM, UT, DM or DD from a whole reach by NLDI's recursive rules ({@link Semantics#NLDI}): a reach
     * is kept when it passes the mode's path-length rule and is reached through reaches that pass.
     * Distances reported are those the rule compares: {@code pathlength - start.pathlength} upstream,
     * {@code start.pathlength + start.length - (pathlength + length)} downstream (at least 0).
     */
    public Reached navigateNldi(Mode mode, int start, double limitM) {
        return switch (mode) {
            case UM -> nldiUpstreamMain(start, limitM);
            case UT -> nldiUpstreamTributaries(start, limitM);
            case DM -> nldiDownstream(start, limitM, false);
            case DD -> nldiDownstream(start, limitM, true);
            case PP -> throw new IllegalArgumentException("PP needs a stop: use pointToPoint");
        };
    }

    private Reached nldiUpstreamMain(int s, double limitM) {
        Buffer out = new Buffer(16);
        out.add(s, 0);
        double stop = pathM[s] + limitM;
        for (int x = upMain[s]; x >= 0 && pathM[x] <= stop; x = upMain[x]) {
            out.add(x, Math.max(0, pathM[x] - pathM[s]));
        }
        return out.done();
    }

    private Reached nldiUpstreamTributaries(int s, double limitM) {
        double stop = pathM[s] + limitM;
        boolean tree = divertedIntoBefore[treeEnd[s]] - divertedIntoBefore[s] == 0;
        if (tree && treeTopPathM[s] <= stop) {
            // every reach of the tree passes: one interval, no pointer chasing
            int n = treeEnd[s] - s;
            int[] reaches = new int[n];
            double[] dist = new double[n];
            for (int i = 0; i < n; i++) {
                reaches[i] = s + i;
                dist[i] = Math.max(0, pathM[s + i] - pathM[s]);
            }
            return new Reached(reaches, dist);
        }
        Buffer out = new Buffer(64);
        out.add(s, 0);
        // through diversions a reach can be reached twice; in a tree never
        java.util.Set<Integer> seen = tree ? null : new java.util.HashSet<>();
        if (seen != null) {
            seen.add(s);
        }
        int[] stack = new int[64];
        int top = 0;
        for (int k = upStart[s]; k < upStart[s + 1]; k++) {
            stack = push(stack, top++, up[k]);
        }
        while (top > 0) {
            int x = stack[--top];
            if (pathM[x] > stop || (seen != null && !seen.add(x))) {
                continue;
            }
            out.add(x, Math.max(0, pathM[x] - pathM[s]));
            for (int k = upStart[x]; k < upStart[x + 1]; k++) {
                stack = push(stack, top++, up[k]);
            }
        }
        return out.done();
    }

    private Reached nldiDownstream(int s, double limitM, boolean diversions) {
        Buffer out = new Buffer(16);
        out.add(s, 0);
        double startTop = pathM[s] + lengthM[s];
        double stop = startTop - limitM;
        if (!diversions || !divertsBelow[s]) {
            for (int x = mainDown[s]; x >= 0 && pathM[x] + lengthM[x] >= stop; x = mainDown[x]) {
                out.add(x, Math.max(0, startTop - pathM[x] - lengthM[x]));
            }
            return out.done();
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        seen.add(s);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(s);
        while (!queue.isEmpty()) {
            int x = queue.poll();
            if (mainDown[x] < 0) {
                continue; // NLDI does not leave a terminal reach (terminalflag), not even by a diversion
            }
            for (int k = downStart[x]; k < downStart[x + 1]; k++) {
                int y = down[k];
                if (pathM[y] + lengthM[y] >= stop && seen.add(y)) {
                    out.add(y, Math.max(0, startTop - pathM[y] - lengthM[y]));
                    queue.add(y);
                }
            }
        }
        return out.done();
    }

    /**
     * The shortest downstream path from the origin to {@code stop}, limited to {@code limitM}; the
     * caller checks first that the stop is downstream ({@link #isUpstream}).
     */
    public Reached pointToPoint(Origin origin, int stop, double limitM) {
        Reached path = shortestPaths(origin, Double.POSITIVE_INFINITY, false, stop);
        Buffer out = new Buffer(path.size());
        for (int i = 0; i < path.size(); i++) {
            if (path.distancesM()[i] <= limitM) {
                out.add(path.reaches()[i], path.distancesM()[i]);
            }
        }
        return out.done();
    }

    /** distance from the origin to where water leaves the start reach upstream (its upstream end) */
    private double upOffset(Origin o) {
        return o.wholeReach() ? lengthM[o.reach()] : lengthM[o.reach()] - o.fromDownstreamM();
    }

    /** distance from the origin to the start reach's downstream end */
    private double downOffset(Origin o) {
        return o.wholeReach() ? lengthM[o.reach()] : o.fromDownstreamM();
    }

    private Reached upstreamMain(Origin o, double limitM) {
        Buffer out = new Buffer(16);
        int r = o.reach();
        out.add(r, 0);
        double d = upOffset(o);
        for (int x = upMain[r]; x >= 0 && d <= limitM; x = upMain[x]) {
            out.add(x, d);
            d += lengthM[x];
        }
        return out.done();
    }

    private Reached downstreamMain(Origin o, double limitM) {
        Buffer out = new Buffer(16);
        int r = o.reach();
        out.add(r, 0);
        double d = downOffset(o);
        for (int x = mainDown[r]; x >= 0 && d <= limitM; x = mainDown[x]) {
            out.add(x, d);
            d += lengthM[x];
        }
        return out.done();
    }

    private Reached upstreamTributaries(Origin o, double limitM) {
        int r = o.reach();
        if (divertedIntoBefore[treeEnd[r]] - divertedIntoBefore[r] > 0) {
            return shortestPaths(o, limitM, true, -1);
        }
        // A tree: distance to a reach's downstream end is a difference of distances to the outlet.
        double base = toOutletM[r] + (o.wholeReach() ? 0 : o.fromDownstreamM());
        if (treeTopM[r] - base <= limitM) {
            return treeScan(r, base, limitM);
        }
        Buffer out = new Buffer(64);
        out.add(r, 0);
        int[] stack = new int[64];
        int top = 0;
        for (int k = upStart[r]; k < upStart[r + 1]; k++) {
            stack = push(stack, top++, up[k]);
        }
        while (top > 0) {
            int x = stack[--top];
            double d = toOutletM[x] - base;
            if (d <= limitM) {
                out.add(x, d);
                for (int k = upStart[x]; k < upStart[x + 1]; k++) {
                    stack = push(stack, top++, up[k]);
                }
            }
        }
        return out.done();
    }

    /** The whole upstream tree lies within the limit: one interval, no pointer chasing. */
    private Reached treeScan(int r, double base, double limitM) {
        int n = treeEnd[r] - r;
        int[] reaches = new int[n];
        double[] dist = new double[n];
        reaches[0] = r;
        int m = 1;
        for (int x = r + 1; x < treeEnd[r]; x++) {
            double d = toOutletM[x] - base;
            if (d <= limitM) {
                reaches[m] = x;
                dist[m++] = d;
            }
        }
        return m == n ? new Reached(reaches, dist) : new Reached(Arrays.copyOf(reaches, m), Arrays.copyOf(dist, m));
    }

    private record Entry(double distance, int reach) {}

    /**
     * Dijkstra over every link (upstream or downstream), for networks where diversions give more than
     * one path; with {@code stop >= 0} only the path to the stop is returned.
     */
    private Reached shortestPaths(Origin o, double limitM, boolean upstream, int stop) {
        int r = o.reach();
        Map<Integer, Double> best = new HashMap<>();
        Map<Integer, Integer> previous = new HashMap<>();
        PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> Double.compare(a.distance(), b.distance()));
        Buffer out = new Buffer(64);
        best.put(r, 0.0);
        queue.add(new Entry(0, r));
        int[] starts = upstream ? upStart : downStart;
        int[] links = upstream ? up : down;
        while (!queue.isEmpty()) {
            Entry e = queue.poll();
            int x = e.reach();
            if (e.distance() > best.get(x)) {
                continue; // a shorter path already settled this reach
            }
            out.add(x, e.distance());
            if (x == stop) {
                return path(out, previous, stop);
            }
            double next = x == r ? (upstream ? upOffset(o) : downOffset(o)) : e.distance() + lengthM[x];
            if (next > limitM) {
                continue;
            }
            for (int k = starts[x]; k < starts[x + 1]; k++) {
                int y = links[k];
                Double known = best.get(y);
                if (known == null || next < known) {
                    best.put(y, next);
                    previous.put(y, x);
                    queue.add(new Entry(next, y));
                }
            }
        }
        return stop >= 0 ? new Reached(new int[0], new double[0]) : out.done();
    }

    private static Reached path(Buffer settled, Map<Integer, Integer> previous, int stop) {
        Reached all = settled.done();
        Map<Integer, Double> distance = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            distance.put(all.reaches()[i], all.distancesM()[i]);
        }
        ArrayDeque<Integer> path = new ArrayDeque<>();
        for (Integer x = stop; x != null; x = previous.get(x)) {
            path.addFirst(x);
        }
        Buffer out = new Buffer(path.size());
        for (int x : path) {
            out.add(x, distance.get(x));
        }
        return out.done();
    }

    private static int[] push(int[] stack, int at, int value) {
        int[] s = at == stack.length ? Arrays.copyOf(stack, stack.length * 2) : stack;
        s[at] = value;
        return s;
    }

    /** A growable pair of arrays, so results of a million reaches are not a million objects. */
    private static final class Buffer {
        private int[] reaches;
        private double[] dist;
        private int n;

        Buffer(int capacity) {
            reaches = new int[Math.max(capacity, 4)];
            dist = new double[Math.max(capacity, 4)];
        }

        void add(int reach, double d) {
            if (n == reaches.length) {
                reaches = Arrays.copyOf(reaches, n * 2);
                dist = Arrays.copyOf(dist, n * 2);
            }
            reaches[n] = reach;
            dist[n++] = d;
        }

        Reached done() {
            return new Reached(Arrays.copyOf(reaches, n), Arrays.copyOf(dist, n));
        }
    }
}
