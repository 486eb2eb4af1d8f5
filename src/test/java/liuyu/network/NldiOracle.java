package liuyu.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NLDI's navigation queries as they are written: recursive rows joined on hydrologic links by id,
 * each new row kept only when it passes the mode's path-length rule (UM, UT: {@code x.pathlength <=
 * start.pathlength + distance}; DM, DD: {@code x.pathlength + x.lengthkm >= start.pathlength +
 * start.lengthkm - distance}); DD leaves no terminal reach. Path lengths are the source's, or summed
 * down the main links to the outlet. Shares no code with {@link Network}.
 */
final class NldiOracle {
    private final Map<String, Reach> reaches = new LinkedHashMap<>();
    private final Map<String, Double> path = new HashMap<>();

    NldiOracle(List<Reach> input) {
        for (Reach r : input) {
            reaches.put(r.id(), r);
        }
        boolean given = input.stream().allMatch(r -> Double.isFinite(r.pathlengthM()));
        for (Reach r : input) {
            double p = 0;
            if (given) {
                p = r.pathlengthM();
            } else {
                for (String d = down(r.id()); d != null; d = down(d)) {
                    p += reaches.get(d).lengthM();
                }
            }
            path.put(r.id(), p);
        }
    }

    private String down(String id) {
        String d = reaches.get(id).downstream();
        return d != null && reaches.containsKey(d) ? d : null;
    }

    private List<String> allDown(String id) {
        List<String> out = new ArrayList<>();
        if (down(id) != null) {
            out.add(down(id));
        }
        for (String d : reaches.get(id).diversions()) {
            if (reaches.containsKey(d)) {
                out.add(d);
            }
        }
        return out;
    }

    private double top(String id) {
        return path.get(id) + reaches.get(id).lengthM();
    }

    /** reach id → the distance the rule compares (at least 0), for a whole-reach start */
    Map<String, Double> navigate(Mode mode, String start, double distance) {
        Map<String, Double> out = new HashMap<>();
        out.put(start, 0.0);
        double upStop = path.get(start) + distance;
        double downStop = top(start) - distance;
        ArrayDeque<String> rows = new ArrayDeque<>();
        rows.add(start);
        while (!rows.isEmpty()) {
            String nav = rows.poll();
            List<String> next = new ArrayList<>();
            switch (mode) {
                case UM -> {
                    for (Reach x : reaches.values()) {
                        if (nav.equals(x.downstream())
                                && x.mainstem() != null
                                && x.mainstem().equals(reaches.get(nav).mainstem())
                                && path.get(x.id()) <= upStop) {
                            next.add(x.id());
                        }
                    }
                }
                case UT -> {
                    for (Reach x : reaches.values()) {
                        if ((nav.equals(x.downstream()) || x.diversions().contains(nav))
                                && path.get(x.id()) <= upStop) {
                            next.add(x.id());
                        }
                    }
                }
                case DM -> {
                    String x = down(nav);
                    if (x != null && top(x) >= downStop) {
                        next.add(x);
                    }
                }
                case DD -> {
                    if (down(nav) != null) { // terminalflag = 1: the recursion stops here
                        for (String x : allDown(nav)) {
                            if (top(x) >= downStop) {
                                next.add(x);
                            }
                        }
                    }
                }
                default -> throw new IllegalArgumentException(mode.name());
            }
            for (String x : next) {
                if (!out.containsKey(x)) {
                    out.put(x, Math.max(0, mode.upstream() ? path.get(x) - path.get(start) : top(start) - top(x)));
                    rows.add(x);
                }
            }
        }
        return out;
    }
}
