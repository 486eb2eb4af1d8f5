package liuyu.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers imported reaches and checks their topology. Nothing is silently accepted: a duplicate id,
 * a length that is not positive and a cycle are errors; a downstream or diversion id outside the
 * data (the edge of a subset), a piece not connected to the rest and an ambiguous main stem are
 * warnings. Reaches without a main stem get a derived level path: the longest upstream branch
 * continues its downstream reach's level path, every other branch starts one named after its
 * most downstream reach.
 */
public final class NetworkBuilder {
    private static final int NONE = -1;

    public NetworkImport build(List<Reach> reaches) {
        int n = reaches.size();
        List<Problem> errors = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        Map<String, Integer> byId = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            Reach r = reaches.get(i);
            if (byId.putIfAbsent(r.id(), i) != null) {
                errors.add(Problem.error(
                        "duplicate-id", "reach id '" + r.id() + "' occurs more than once", List.of(r.id())));
            }
            if (!(r.lengthM() > 0) || Double.isInfinite(r.lengthM())) {
                errors.add(Problem.error(
                        "bad-length",
                        "reach '" + r.id() + "' has length " + r.lengthM()
                                + " m; a reach length must be a positive number",
                        List.of(r.id())));
            }
        }
        if (!errors.isEmpty()) {
            throw failure(errors, warnings);
        }

        // links in input order
        int[] mainDown = new int[n];
        int[][] diversions = new int[n][];
        for (int i = 0; i < n; i++) {
            Reach r = reaches.get(i);
            mainDown[i] = resolve(r.id(), r.downstream(), "downstream", byId, warnings);
            List<Integer> divs = new ArrayList<>(r.diversions().size());
            for (String d : r.diversions()) {
                int j = resolve(r.id(), d, "diversion", byId, warnings);
                if (j == NONE) {
                    continue;
                }
                if (j == mainDown[i] || divs.contains(j)) {
                    warnings.add(Problem.warning(
                            "repeated-link",
                            "reach '" + r.id() + "' lists '" + d
                                    + "' more than once among its downstream links; counted once",
                            List.of(r.id(), d)));
                    continue;
                }
                divs.add(j);
            }
            diversions[i] = divs.stream().mapToInt(Integer::intValue).toArray();
        }
        List<List<String>> cycles = cycles(reaches, mainDown, diversions);
        for (List<String> cycle : cycles) {
            errors.add(Problem.error(
                    "cycle", "water flows in a circle: " + String.join(" → ", cycle) + " → " + cycle.get(0), cycle));
        }
        if (!errors.isEmpty()) {
            throw failure(errors, warnings);
        }

        // pre-order over the forest of main links: outlets are roots, upstream reaches children
        int[] childStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            if (mainDown[i] != NONE) {
                childStart[mainDown[i] + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            childStart[i + 1] += childStart[i];
        }
        int[] children = new int[childStart[n]];
        int[] fill = Arrays.copyOf(childStart, n);
        for (int i = 0; i < n; i++) {
            if (mainDown[i] != NONE) {
                children[fill[mainDown[i]]++] = i;
            }
        }
        int[] order = new int[n]; // new index -> input index
        int[] newIndex = new int[n]; // input index -> new index
        int pos = 0;
        int[] stack = new int[Math.max(n, 1)];
        for (int root = 0; root < n; root++) {
            if (mainDown[root] != NONE) {
                continue;
            }
            int top = 0;
            stack[top++] = root;
            while (top > 0) {
                int x = stack[--top];
                newIndex[x] = pos;
                order[pos++] = x;
                for (int k = childStart[x + 1] - 1; k >= childStart[x]; k--) {
                    stack[top++] = children[k];
                }
            }
        }

        String[] ids = new String[n];
        double[] length = new double[n];
        int[] down = new int[n];
        for (int p = 0; p < n; p++) {
            Reach r = reaches.get(order[p]);
            ids[p] = r.id();
            length[p] = r.lengthM();
            int d = mainDown[order[p]];
            down[p] = d == NONE ? NONE : newIndex[d];
        }
        int[] treeEnd = new int[n];
        double[] toOutlet = new double[n];
        double[] treeTop = new double[n];
        double[] longestUp = new double[n]; // longest path from a reach's downstream end to a source
        for (int p = 0; p < n; p++) {
            toOutlet[p] = down[p] == NONE ? 0 : toOutlet[down[p]] + length[down[p]];
        }
        // NLDI compares the source's own path lengths; computed ones only where the source has none at all
        double[] pathM = new double[n];
        int withPath = 0;
        for (int p = 0; p < n; p++) {
            double g = reaches.get(order[p]).pathlengthM();
            pathM[p] = Double.isFinite(g) ? g : toOutlet[p];
            withPath += Double.isFinite(g) ? 1 : 0;
        }
        if (withPath > 0 && withPath < n) {
            warnings.add(Problem.warning(
                    "pathlength-incomplete",
                    withPath + " of " + n + " reaches have a path length;"
                            + " path lengths are computed from the reach lengths for all of them",
                    List.of()));
            System.arraycopy(toOutlet, 0, pathM, 0, n);
        }
        double[] treeTopPathM = Arrays.copyOf(pathM, n);
        int[] size = new int[n];
        int[] longestChild = new int[n];
        Arrays.fill(longestChild, NONE);
        for (int p = n - 1; p >= 0; p--) {
            size[p] += 1;
            treeEnd[p] = p + size[p];
            treeTop[p] = Math.max(treeTop[p], toOutlet[p]);
            longestUp[p] += length[p];
            int d = down[p];
            if (d != NONE) {
                size[d] += size[p];
                treeTop[d] = Math.max(treeTop[d], treeTop[p]);
                treeTopPathM[d] = Math.max(treeTopPathM[d], treeTopPathM[p]);
                longestUp[d] = Math.max(longestUp[d], longestUp[p]);
                if (longestChild[d] == NONE || longestUp[p] > longestUp[longestChild[d]]) {
                    longestChild[d] = p;
                }
            }
        }

        // main stems: given, or derived along the longest branch
        Map<String, Integer> stemIndex = new LinkedHashMap<>();
        int[] stem = new int[n];
        for (int p = 0; p < n; p++) {
            String given = reaches.get(order[p]).mainstem();
            String name;
            if (given != null) {
                name = given;
            } else if (down[p] != NONE && longestChild[down[p]] == p) {
                name = null; // continues the downstream level path
            } else {
                name = ids[p];
            }
            stem[p] = name == null ? stem[down[p]] : stemIndex.computeIfAbsent(name, k -> stemIndex.size());
        }
        int[] upMain = new int[n];
        Arrays.fill(upMain, NONE);
        for (int p = 0; p < n; p++) {
            int d = down[p];
            if (d == NONE || stem[d] != stem[p]) {
                continue;
            }
            if (upMain[d] == NONE) {
                upMain[d] = p;
            } else {
                int keep = longestUp[p] > longestUp[upMain[d]] ? p : upMain[d];
                warnings.add(Problem.warning(
                        "ambiguous-mainstem",
                        "reaches '" + ids[upMain[d]] + "' and '" + ids[p]
                                + "' both continue main stem '" + names(stemIndex)[stem[d]] + "' upstream of '" + ids[d]
                                + "'; upstream-main navigation follows the longer, '" + ids[keep] + "'",
                        List.of(ids[d], ids[upMain[d]], ids[p])));
                upMain[d] = keep;
            }
        }

        // all links in new numbering: downstream CSR (main first), upstream CSR, diversion edges
        int[] downStart = new int[n + 1];
        int[] upCount = new int[n + 1];
        int divCount = 0;
        for (int p = 0; p < n; p++) {
            int links = (down[p] == NONE ? 0 : 1) + diversions[order[p]].length;
            downStart[p + 1] = downStart[p] + links;
            divCount += diversions[order[p]].length;
        }
        int[] downLinks = new int[downStart[n]];
        int[] divFrom = new int[divCount];
        int[] divTo = new int[divCount];
        int k = 0;
        for (int p = 0; p < n; p++) {
            int at = downStart[p];
            if (down[p] != NONE) {
                downLinks[at++] = down[p];
                upCount[down[p] + 1]++;
            }
            for (int d : diversions[order[p]]) {
                int q = newIndex[d];
                downLinks[at++] = q;
                upCount[q + 1]++;
                divFrom[k] = p;
                divTo[k++] = q;
            }
        }
        for (int p = 0; p < n; p++) {
            upCount[p + 1] += upCount[p];
        }
        int[] upStart = upCount;
        int[] upLinks = new int[upStart[n]];
        int[] upFill = Arrays.copyOf(upStart, n);
        for (int p = 0; p < n; p++) {
            for (int j = downStart[p]; j < downStart[p + 1]; j++) {
                upLinks[upFill[downLinks[j]]++] = p;
            }
        }
        boolean[] divertsBelow = new boolean[n];
        int[] divertedIntoBefore = new int[n + 1];
        boolean[] isTarget = new boolean[n];
        for (int q : divTo) {
            isTarget[q] = true;
        }
        for (int p = 0; p < n; p++) {
            boolean here = downStart[p + 1] - downStart[p] > (down[p] == NONE ? 0 : 1);
            divertsBelow[p] = here || (down[p] != NONE && divertsBelow[down[p]]);
            divertedIntoBefore[p + 1] = divertedIntoBefore[p] + (isTarget[p] ? 1 : 0);
        }
        warnings.addAll(pieces(ids, down, divFrom, divTo));
        Network network = new Network(
                ids,
                length,
                down,
                treeEnd,
                toOutlet,
                treeTop,
                names(stemIndex),
                stem,
                upMain,
                upStart,
                upLinks,
                downStart,
                downLinks,
                divertsBelow,
                divertedIntoBefore,
                divFrom,
                divTo,
                pathM,
                treeTopPathM);
        return new NetworkImport(network, warnings);
    }

    private static NetworkImportException failure(List<Problem> errors, List<Problem> warnings) {
        List<Problem> all = new ArrayList<>(errors);
        all.addAll(warnings);
        return new NetworkImportException(all);
    }

    private static int resolve(String from, String to, String link, Map<String, Integer> byId, List<Problem> warnings) {
        if (to == null) {
            return NONE;
        }
        Integer j = byId.get(to);
        if (j == null) {
            warnings.add(Problem.warning(
                    link + "-outside-data",
                    "reach '" + from + "' has " + link + " '" + to
                            + "', which is not in the data (the edge of a subset?); treated as leaving the network",
                    List.of(from, to)));
            return NONE;
        }
        return j;
    }

    private static String[] names(Map<String, Integer> stemIndex) {
        return stemIndex.keySet().toArray(new String[0]);
    }

    /** Cycles over all links, each listed once in flow order (Kahn's algorithm leaves them behind). */
    private static List<List<String>> cycles(List<Reach> reaches, int[] mainDown, int[][] diversions) {
        int n = mainDown.length;
        int[] indegree = new int[n];
        for (int i = 0; i < n; i++) {
            if (mainDown[i] != NONE) {
                indegree[mainDown[i]]++;
            }
            for (int d : diversions[i]) {
                indegree[d]++;
            }
        }
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                queue[tail++] = i;
            }
        }
        while (head < tail) {
            int x = queue[head++];
            if (mainDown[x] != NONE && --indegree[mainDown[x]] == 0) {
                queue[tail++] = mainDown[x];
            }
            for (int d : diversions[x]) {
                if (--indegree[d] == 0) {
                    queue[tail++] = d;
                }
            }
        }
        if (tail == n) {
            return List.of();
        }
        // Every reach left over has a left-over reach upstream; walking upstream must come round.
        boolean[] left = new boolean[n];
        for (int i = 0; i < n; i++) {
            left[i] = indegree[i] > 0;
        }
        List<List<Integer>> upstreamOf = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            upstreamOf.add(left[i] ? new ArrayList<>() : List.of());
        }
        for (int i = 0; i < n; i++) {
            if (!left[i]) {
                continue;
            }
            if (mainDown[i] != NONE && left[mainDown[i]]) {
                upstreamOf.get(mainDown[i]).add(i);
            }
            for (int d : diversions[i]) {
                if (left[d]) {
                    upstreamOf.get(d).add(i);
                }
            }
        }
        int[] walked = new int[n]; // 0 unvisited, else the walk number
        List<List<String>> cycles = new ArrayList<>();
        int walk = 0;
        for (int i = 0; i < n; i++) {
            if (!left[i] || walked[i] != 0) {
                continue;
            }
            walk++;
            List<Integer> path = new ArrayList<>();
            int x = i;
            while (walked[x] == 0) {
                walked[x] = walk;
                path.add(x);
                x = upstreamOf.get(x).get(0);
            }
            if (walked[x] == walk) {
                List<Integer> loop = path.subList(path.indexOf(x), path.size());
                List<String> ids = new ArrayList<>();
                for (int j : loop) {
                    ids.add(reaches.get(j).id());
                }
                Collections.reverse(ids); // the walk went upstream
                cycles.add(ids);
            }
        }
        return cycles;
    }

    /** Weakly connected pieces over all links; every piece but the largest is reported with its outlets. */
    private static List<Problem> pieces(String[] ids, int[] down, int[] divFrom, int[] divTo) {
        int n = ids.length;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int p = 0; p < n; p++) {
            if (down[p] != NONE) {
                union(parent, p, down[p]);
            }
        }
        for (int k = 0; k < divFrom.length; k++) {
            union(parent, divFrom[k], divTo[k]);
        }
        Map<Integer, Integer> sizes = new HashMap<>();
        Map<Integer, List<String>> outlets = new LinkedHashMap<>();
        for (int p = 0; p < n; p++) {
            int root = find(parent, p);
            sizes.merge(root, 1, Integer::sum);
            if (down[p] == NONE) {
                outlets.computeIfAbsent(root, r -> new ArrayList<>()).add(ids[p]);
            }
        }
        if (sizes.size() <= 1) {
            return List.of();
        }
        int largest = sizes.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        List<Problem> out = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> e : outlets.entrySet()) {
            if (e.getKey() != largest) {
                out.add(Problem.warning(
                        "disconnected",
                        "a piece of " + sizes.get(e.getKey())
                                + " reaches is not connected to the rest of the network; its outlets: "
                                + String.join(", ", e.getValue()),
                        e.getValue()));
            }
        }
        return out;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }
}
