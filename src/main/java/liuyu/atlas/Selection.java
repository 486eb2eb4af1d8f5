package liuyu.atlas;

import java.util.List;

/**
 * The features of one layer that answer a query, in layer order, held as positions so a request
 * never copies features; {@code positions == null} means every feature of the layer.
 */
public final class Selection {
    private final List<Feature> features;
    private final int[] positions;

    Selection(List<Feature> features, int[] positions) {
        this.features = features;
        this.positions = positions;
    }

    public int size() {
        return positions == null ? features.size() : positions.length;
    }

    /** The {@code i}-th match, {@code 0 <= i < size()}. */
    public Feature get(int i) {
        return features.get(positions == null ? i : positions[i]);
    }
}
