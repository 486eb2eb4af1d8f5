package liuyu.atlas;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import liuyu.geo.GeoJson;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * A layer: its description and its features in file order, with lookup by id and an STRtree over
 * feature envelopes (built once with the snapshot) for bounding-box queries.
 */
public final class Layer {
    private final LayerInfo info;
    private final List<Feature> features;
    private final Map<String, Feature> byId;
    private final Envelope extent;
    private final STRtree envelopes = new STRtree();
    private final Set<String> filterable;
    private final NavigableSet<LocalDate> changes = new TreeSet<>();

    public Layer(LayerInfo info, List<Feature> features) {
        this.info = info;
        this.features = List.copyOf(features);
        Map<String, Feature> ids = new LinkedHashMap<>();
        Envelope e = new Envelope();
        Set<String> scalar = new TreeSet<>();
        Set<String> structured = new TreeSet<>();
        for (int i = 0; i < this.features.size(); i++) {
            Feature f = this.features.get(i);
            ids.put(f.id(), f);
            e.expandToInclude(f.geometry().getEnvelopeInternal());
            envelopes.insert(f.geometry().getEnvelopeInternal(), i);
            if (f.validFrom() != null) {
                changes.add(f.validFrom());
            }
            if (f.validTo() != null) {
                changes.add(f.validTo().plusDays(1));
            }
            f.properties().forEach((name, value) -> (value instanceof Map || value instanceof Collection ? structured : scalar).add(name));
        }
        envelopes.build();
        scalar.removeAll(structured);
        this.byId = Map.copyOf(ids);
        this.extent = e;
        this.filterable = Set.copyOf(scalar);
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

    /**
     * The last day on or before {@code on} when the layer's zones in force changed (a feature's validFrom, or the
     * day after its validTo); null when no feature is dated or none changed by then.
     */
    public LocalDate editionOn(LocalDate on) {
        return changes.floor(on);
    }

    /** Bounding box of all features; a null envelope for an empty layer. */
    public Envelope extent() {
        return extent;
    }

    /** Properties whose values are plain strings, numbers or booleans in every feature: the ones equality filters apply to. */
    public Set<String> filterableProperties() {
        return filterable;
    }

    /**
     * The features that really intersect {@code bbox} (not merely their envelopes; {@code null}: no
     * box) and satisfy every equality, in layer order.
     */
    public Selection select(Envelope bbox, List<PropertyEquals> equalities) {
        if (bbox == null && equalities.isEmpty()) {
            return new Selection(features, null);
        }
        int[] candidates;
        Geometry box = null;
        if (bbox == null) {
            candidates = null;
        } else {
            List<Integer> hits = new ArrayList<>();
            envelopes.query(bbox, item -> hits.add((Integer) item));
            candidates = new int[hits.size()];
            for (int i = 0; i < candidates.length; i++) {
                candidates[i] = hits.get(i);
            }
            Arrays.sort(candidates);
            box = GeoJson.FACTORY.toGeometry(bbox);
        }
        int n = candidates == null ? features.size() : candidates.length;
        int[] matches = new int[n];
        int count = 0;
        for (int k = 0; k < n; k++) {
            int position = candidates == null ? k : candidates[k];
            Feature f = features.get(position);
            // a rectangle's intersects() is JTS's fast RectangleIntersects path
            if ((box == null || box.intersects(f.geometry())) && matchesAll(f, equalities)) {
                matches[count++] = position;
            }
        }
        return new Selection(features, Arrays.copyOf(matches, count));
    }

    private static boolean matchesAll(Feature f, List<PropertyEquals> equalities) {
        for (PropertyEquals e : equalities) {
            if (!e.matches(f)) {
                return false;
            }
        }
        return true;
    }
}
