package liuyu.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One point layer placed on the network: every feature linked or reported, and the linked ones grouped by reach. */
public final class LinkedLayer {
    private final String layer;
    private final Map<String, Placement> byId = new LinkedHashMap<>();
    private final Map<String, List<LinkedFeature>> byReach = new LinkedHashMap<>();

    LinkedLayer(String layer, List<Placement> placements) {
        this.layer = layer;
        for (Placement p : placements) {
            byId.put(p.feature().id(), p);
            if (p instanceof LinkedFeature l) {
                byReach.computeIfAbsent(l.link().reach(), k -> new ArrayList<>())
                        .add(l);
            }
        }
    }

    public String layer() {
        return layer;
    }

    /** Every feature of the layer in file order, linked or not. */
    public List<Placement> placements() {
        return List.copyOf(byId.values());
    }

    /** The placement of one feature, or null when the layer has no such feature. */
    public Placement placement(String featureId) {
        return byId.get(featureId);
    }

    public List<Unlinked> unlinked() {
        return byId.values().stream()
                .filter(Unlinked.class::isInstance)
                .map(Unlinked.class::cast)
                .toList();
    }

    List<LinkedFeature> onReach(String reach) {
        return byReach.getOrDefault(reach, List.of());
    }
}
