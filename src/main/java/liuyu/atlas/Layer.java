package liuyu.atlas;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/** A layer: its description and its features in file order, with lookup by id. */
public final class Layer {
    private final LayerInfo info;
    private final List<Feature> features;
    private final Map<String, Feature> byId;
    private final Envelope extent;

    public Layer(LayerInfo info, List<Feature> features) {
        this.info = info;
        this.features = List.copyOf(features);
        Map<String, Feature> ids = new LinkedHashMap<>();
        Envelope e = new Envelope();
        for (Feature f : this.features) {
            ids.put(f.id(), f);
            e.expandToInclude(f.geometry().getEnvelopeInternal());
        }
        this.byId = Map.copyOf(ids);
        this.extent = e;
    }

    public LayerInfo info() {
        return info;
    }

    public String id() {
        return info.id();
    }

    public List<Feature> features() {
        return features;
    }

    public Feature feature(String id) {
        return byId.get(id);
    }

    /** Bounding box of all features; a null envelope for an empty layer. */
    public Envelope extent() {
        return extent;
    }
}
