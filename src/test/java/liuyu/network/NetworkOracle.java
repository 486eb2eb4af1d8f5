package liuyu.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The slow, obviously right answer: breadth-first search over the imported reaches by id, relaxing
 * distances until nothing changes. Shares no code with {@link Network}.
 */
final class NetworkOracle {
    private final Map<String, Reach> reaches = new LinkedHashMap<>();
    private final Map<String, List<String>> upstream = new HashMap<>();
    private final Map<String, List<String>> downstream = new HashMap<>();

    NetworkOracle(List<Reach> input) {
        for (Reach r : input) {
            reaches.put(r.id(), r);
        }
        for (Reach r : input) {
            List<String> links = new ArrayList<>();
            if (r.downstream() != null && reaches.containsKey(r.downstream())) {
                links.add(r.downstream());
            }
            for (String d : r.diversions()) {
                if (reaches.containsKey(d)) {
                    links.add(d);
                }
            }
            downstream.put(r.id(), links);
            for (String d : links) {
                upstream.computeIfAbsent(d, k -> new ArrayList<>()).add(r.id());
            }
        }
    }

    /** reach id → distance in metres; {@code fromDown} null for a whole-reach start */
    Map<String, Double> navigate(Mode mode, String start, Double fromDown, double limit) {
        double len = reaches.get(start).lengthM();
        double upOffset = fromDown == null ? len : len - fromDown;
        double downOffset = fromDown == null ? len : fromDown;
        Map<String, Double> out = new HashMap<>();
        out.put(start, 0.0);
        switch (mode) {
            case UM -> {
                String x = start;
                double d = upOffset;
                for (String y = mainUpstream(x); y != null && d <= limit; y = mainUpstream(y)) {
                    out.put(y, d);
                    d += reaches.get(y).lengthM();
                }
            }
            case DM -> {
                double d = downOffset;
                for (String y = reaches.get(start).downstream();
                        y != null && reaches.containsKey(y) && d <= limit;
                        y = reaches.get(y).downstream()) {
                    out.put(y, d);
                    d += reaches.get(y).lengthM();
                }
            }
            case UT, DD -> {
                Map<String, List<String>> links = mode == Mode.UT ? upstream : downstream;
                double offset = mode == Mode.UT ? upOffset : downOffset;
                ArrayDeque<String> queue = new ArrayDeque<>();
                queue.add(start);
                while (!queue.isEmpty()) {
                    String x = queue.poll();
                    double next = x.equals(start)
                            ? offset
                            : out.get(x) + reaches.get(x).lengthM();
                    if (next > limit) {
                        continue;
                    }
                    for (String y : links.getOrDefault(x, List.of())) {
                        if (!y.equals(start) && (!out.containsKey(y) || next < out.get(y))) {
                            out.put(y, next);
                            queue.add(y);
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException(mode.name());
        }
        return out;
    }

    private String mainUpstream(String x) {
        String stem = reaches.get(x).mainstem();
        for (String y : upstream.getOrDefault(x, List.of())) {
            Reach r = reaches.get(y);
            if (x.equals(r.downstream()) && stem.equals(r.mainstem())) {
                return y;
            }
        }
        return null;
    }

    boolean isUpstream(String a, String b) {
        ArrayDeque<String> queue = new ArrayDeque<>(downstream.get(a));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!queue.isEmpty()) {
            String x = queue.poll();
            if (x.equals(b)) {
                return true;
            }
            if (seen.add(x)) {
                queue.addAll(downstream.get(x));
            }
        }
        return false;
    }

    Reach reach(String id) {
        return reaches.get(id);
    }
}
