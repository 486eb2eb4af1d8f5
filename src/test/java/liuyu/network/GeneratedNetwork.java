package liuyu.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random river networks for property tests and benchmarks. Each tree is a uniformly random full
 * binary tree (every confluence joins two branches), whose main stem grows like the square root of
 * its size as in real networks (Shreve's random-topology model). Lengths are whole metres, so sums
 * of distances are exact and results can be compared with an oracle to the metre.
 */
public final class GeneratedNetwork {
    private GeneratedNetwork() {}

    /** One dendritic tree of about {@code n} reaches (n rounded to odd), outlet first. */
    public static List<Reach> dendritic(int n, long seed) {
        List<Reach> out = new ArrayList<>(n);
        tree(out, n | 1, "r", new Random(seed));
        return out;
    }

    /** Several trees joined by {@code diversions} random secondary links that keep the network acyclic. */
    public static List<Reach> withDiversions(int trees, int reachesPerTree, int diversions, long seed) {
        Random random = new Random(seed);
        List<Reach> out = new ArrayList<>();
        for (int t = 0; t < trees; t++) {
            tree(out, (reachesPerTree | 1), "t" + t + "r", random);
        }
        // Links only from a later reach to an earlier one: every link then points "down" the list.
        for (int k = 0; k < diversions; k++) {
            int u = 1 + random.nextInt(out.size() - 1);
            int v = random.nextInt(u);
            Reach r = out.get(u);
            String target = out.get(v).id();
            if (target.equals(r.downstream()) || r.diversions().contains(target)) {
                continue;
            }
            List<String> divs = new ArrayList<>(r.diversions());
            divs.add(target);
            out.set(u, new Reach(r.id(), r.lengthM(), r.downstream(), divs, r.mainstem()));
        }
        return out;
    }

    /**
     * A river through a reservoir: several tributary trees flow straight into one artificial path,
     * which continues downstream and loses water to a canal by a diversion, as at Miyun.
     */
    public static List<Reach> withReservoir(int tributaries, int reachesPerTributary, long seed) {
        Random random = new Random(seed);
        List<Reach> out = new ArrayList<>();
        tree(out, 2 * reachesPerTributary + 1, "below", random);
        String below = out.get(0).id();
        String reservoir = "reservoir";
        out.add(new Reach(reservoir, 5000 + random.nextInt(5000), below, List.of("canal0"), "below0"));
        for (int t = 0; t < tributaries; t++) {
            int first = out.size();
            tree(out, reachesPerTributary | 1, "trib" + t + "r", random);
            Reach head = out.get(first);
            out.set(
                    first,
                    new Reach(
                            head.id(),
                            head.lengthM(),
                            reservoir,
                            head.diversions(),
                            t == 0 ? "below0" : head.mainstem()));
            if (t == 0) {
                // the first tributary's main stem continues through the reservoir: relabel its level path
                String stem = head.mainstem();
                for (int i = first + 1; i < out.size(); i++) {
                    Reach r = out.get(i);
                    if (stem.equals(r.mainstem())) {
                        out.set(i, new Reach(r.id(), r.lengthM(), r.downstream(), r.diversions(), "below0"));
                    }
                }
            }
        }
        // the reservoir replaces the old head of the river below: relink that river's first upstream reaches
        for (int i = 0; i < out.size(); i++) {
            Reach r = out.get(i);
            if (below.equals(r.downstream()) && !r.id().equals(reservoir)) {
                out.set(
                        i,
                        new Reach(
                                r.id(),
                                r.lengthM(),
                                r.downstream(),
                                r.diversions(),
                                "below0".equals(r.mainstem()) ? r.id() : r.mainstem()));
            }
        }
        for (int c = 0; c < 8; c++) {
            out.add(new Reach(
                    "canal" + c, 1000 + random.nextInt(4000), c == 7 ? null : "canal" + (c + 1), List.of(), "canal"));
        }
        return out;
    }

    /** Appends a random full binary tree of n (odd) reaches in pre-order, outlet first. */
    private static void tree(List<Reach> out, int n, String prefix, Random random) {
        int internal = (n - 1) / 2;
        int[] steps = new int[n];
        for (int i = 0; i < internal; i++) {
            steps[i] = 1; // one more upstream branch than reaches so far: a confluence
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = steps[i];
            steps[i] = steps[j];
            steps[j] = t;
        }
        // Cycle lemma: rotating to just after the first minimum of the partial sums gives a valid pre-order.
        int sum = 0;
        int min = Integer.MAX_VALUE;
        int at = 0;
        for (int i = 0; i < n; i++) {
            sum += steps[i] == 1 ? 1 : -1;
            if (sum < min) {
                min = sum;
                at = i;
            }
        }
        int base = out.size();
        int[] stackNode = new int[n];
        int[] stackLeft = new int[n];
        int top = 0;
        for (int k = 0; k < n; k++) {
            boolean confluence = steps[(at + 1 + k) % n] == 1;
            String id = prefix + k;
            String downstream = null;
            String stem = id;
            if (top > 0) {
                int parent = stackNode[top - 1];
                Reach p = out.get(base + parent);
                downstream = p.id();
                if (stackLeft[top - 1] == 2) {
                    stem = p.mainstem(); // the first branch continues the level path
                }
                if (--stackLeft[top - 1] == 0) {
                    top--;
                }
            }
            out.add(new Reach(id, 100 + random.nextInt(2900), downstream, List.of(), stem));
            if (confluence) {
                stackNode[top] = k;
                stackLeft[top++] = 2;
            }
        }
    }
}
