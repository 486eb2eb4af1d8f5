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

    /** The same matches in {@code order} (a stable sort: ties keep layer order). */
    public Selection sorted(java.util.Comparator<Feature> order) {
        Integer[] boxed = new Integer[size()];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = positions == null ? i : positions[i];
        }
        java.util.Arrays.sort(boxed, (a, b) -> order.compare(features.get(a), features.get(b)));
        int[] out = new int[boxed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = boxed[i];
        }
        return new Selection(features, out);
    }

    /** The {@code i}-th match, {@code 0 <= i < size()}. */
    public Feature get(int i) {
        return features.get(positions == null ? i : positions[i]);
    }
}
