package liuyu.atlas;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import liuyu.geo.GeoJson;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * A layer: its description and its features in file order, with lookup by id and an STRtree over
 * feature envelopes (a {@link PackedRTree}, built once with the snapshot) for bounding-box queries.
 */
public final class Layer {
    private final LayerInfo info;
    private final List<Feature> features;
    // lookup by id: open addressing over positions (position + 1; 0 free), probing from the id's hash; a hundred
    // thousand features otherwise keep two hash maps of them and a boxed position each (≈ 48 bytes a feature)
    private final int[] idSlots;
    private final Envelope extent;
    private final PackedRTree envelopes;
    private final Set<String> filterable;
    private final NavigableSet<LocalDate> changes = new TreeSet<>();
    private final Set<String> propertyNames;
    private final boolean mixedMulti;
    private final Map<String, String> declaredTypes;

    public Layer(LayerInfo info, List<Feature> features) {
        this(info, features, null, Map.of());
    }

    /** {@code tree}: the envelope tree {@link #envelopeTree()} gave for these very features; null: built here. */
    Layer(LayerInfo info, List<Feature> features, PackedRTree tree) {
        this(info, features, tree, Map.of());
    }

    /**
     * A layer whose plain properties are fixed by its source, not only read off its features (the outfall
     * ledger): each of {@code declaredTypes} (name to JSON type: string, integer, number, boolean) is a property
     * and filterable even while no feature carries it, so an empty ledger still answers {@code ?state=violation}
     * with no features rather than refusing the parameter.
     */
    public static Layer declaring(LayerInfo info, List<Feature> features, Map<String, String> declaredTypes) {
        return new Layer(info, features, null, declaredTypes);
    }

    private Layer(LayerInfo info, List<Feature> features, PackedRTree tree, Map<String, String> declaredTypes) {
        this.info = info;
        this.declaredTypes = Map.copyOf(declaredTypes);
        this.features = List.copyOf(features);
        idSlots = new int[Integer.highestOneBit(Math.max(1, this.features.size())) * 4];
        Envelope e = new Envelope();
        Set<String> scalar = new TreeSet<>();
        Set<String> structured = new TreeSet<>();
        boolean single = false;
        boolean multi = false;
        double[] boxes = tree == null ? new double[4 * this.features.size()] : null;
        for (int i = 0; i < this.features.size(); i++) {
            Feature f = this.features.get(i);
            idSlots[slot(f.id())] = i + 1; // a repeated id: the later feature, as a map's put
            Object packed = f.packed();
            // a stored tree knows the boxes (its root's is the extent): a packed zone's polygon is not made here
            Geometry g = packed == null || boxes != null ? f.geometry() : null;
            if (boxes != null) {
                Envelope box = g.getEnvelopeInternal();
                e.expandToInclude(box);
                // an empty geometry's null box is one no query meets
                boxes[4 * i] = box.isNull() ? Double.POSITIVE_INFINITY : box.getMinX();
                boxes[4 * i + 1] = box.isNull() ? Double.POSITIVE_INFINITY : box.getMinY();
                boxes[4 * i + 2] = box.isNull() ? Double.NEGATIVE_INFINITY : box.getMaxX();
                boxes[4 * i + 3] = box.isNull() ? Double.NEGATIVE_INFINITY : box.getMaxY();
            }
            if (f.validFrom() != null) {
                changes.add(f.validFrom());
            }
            if (f.validTo() != null) {
                changes.add(f.validTo().plusDays(1));
            }
            if (packed != null ? packed instanceof double[][][] : g instanceof GeometryCollection) {
                multi = true;
            } else {
                single = true;
            }
            f.properties()
                    .forEach((name, value) ->
                            (value instanceof Map || value instanceof Collection ? structured : scalar).add(name));
        }
        envelopes = tree == null ? PackedRTree.build(boxes, this.features.size()) : tree;
        int root = envelopes.root();
        if (tree != null && root >= 0 && envelopes.minX(root) <= envelopes.maxX(root)) {
            e.init(envelopes.minX(root), envelopes.maxX(root), envelopes.minY(root), envelopes.maxY(root));
        }
        if (envelopes.size() != this.features.size()) {
            throw new IllegalArgumentException("layer '" + info.id() + "': a stored tree of " + envelopes.size()
                    + " features for " + this.features.size());
        }
        scalar.addAll(this.declaredTypes.keySet()); // a feature holding a list or object there still wins below
        Set<String> names = new TreeSet<>(scalar);
        names.addAll(structured);
        this.propertyNames = Set.copyOf(names);
        scalar.removeAll(structured);
        this.extent = e;
        this.filterable = Set.copyOf(scalar);
        this.mixedMulti = single && multi;
    }

    /**
     * The feature's geometry as clients are served it: in a layer that mixes single and multi parts
     * (Polygon and MultiPolygon districts) every geometry is the multi type, so the layer has one
     * geometry type (GDAL would otherwise call it "Unknown (any)").
     */
    public Geometry served(Feature f) {
        Geometry g = f.geometry();
        if (!mixedMulti || g instanceof GeometryCollection) {
            return g;
        }
        if (g instanceof Polygon p) {
            return g.getFactory().createMultiPolygon(new Polygon[] {p});
        }
        if (g instanceof LineString l) {
            return g.getFactory().createMultiLineString(new LineString[] {l});
        }
        return g instanceof Point p ? g.getFactory().createMultiPoint(new Point[] {p}) : g;
    }

    /** The GeoJSON geometry type every served feature has, or {@code null} when the layer is empty or mixes kinds. */
    public String servedGeometryType() {
        Set<String> types = new TreeSet<>();
        for (Feature f : features) {
            types.add(served(f).getGeometryType());
        }
        return types.size() == 1 ? types.iterator().next() : null;
    }

    /** The slot of {@code id} in {@link #idSlots}: the one holding it, or the free one where it would go. */
    private int slot(String id) {
        int mask = idSlots.length - 1;
        // Fibonacci hashing: ids like "t0-12-345" have near-consecutive hash codes, which masked directly would fill
        // runs of neighbouring slots and make linear probing walk them
        int start = (int) ((id.hashCode() * 0x9E3779B97F4A7C15L) >>> 32) & mask;
        for (int i = start; ; i = (i + 1) & mask) {
            int at = idSlots[i];
            if (at == 0 || features.get(at - 1).id().equals(id)) {
                return i;
            }
        }
    }

    /** The tree over the features' envelopes, for the snapshot file. */
    PackedRTree envelopeTree() {
        return envelopes;
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
        int at = id == null ? 0 : idSlots[slot(id)];
        return at == 0 ? null : features.get(at - 1);
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

    /** Every property name some feature has, and the declared ones. */
    public Set<String> propertyNames() {
        return propertyNames;
    }

    /** The JSON type of each property the layer's source declares (empty for a layer read from files or PostGIS). */
    public Map<String, String> declaredTypes() {
        return declaredTypes;
    }

    /**
     * Properties whose values are plain strings, numbers or booleans in every feature, and the declared ones: the ones
     * equality filters apply to.
     */
    public Set<String> filterableProperties() {
        return filterable;
    }

    /**
     * The features that really intersect {@code bbox} (not merely their envelopes; {@code null}: no
     * box) and satisfy every equality, in layer order.
     */
    public Selection select(Envelope bbox, List<PropertyEquals> equalities) {
        Predicate<Feature> all = f -> {
            for (PropertyEquals e : equalities) {
                if (!e.matches(f)) {
                    return false;
                }
            }
            return true;
        };
        return select(bbox == null ? null : List.of(bbox), equalities.isEmpty() ? null : all);
    }

    /**
     * The features that really intersect any of {@code boxes} ({@code null}: no box; two boxes are how a
     * box across the antimeridian arrives) and satisfy {@code filter} ({@code null}: all), in layer order.
     */
    public Selection select(List<Envelope> boxes, Predicate<Feature> filter) {
        if (boxes == null && filter == null) {
            return new Selection(features, null);
        }
        int[] candidates;
        List<Geometry> rectangles = new ArrayList<>();
        if (boxes == null) {
            candidates = null;
        } else {
            Set<Integer> hits = new TreeSet<>();
            for (Envelope box : boxes) {
                if (box.isNull()) {
                    continue;
                }
                envelopes.query(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY(), hits::add);
                rectangles.add(GeoJson.FACTORY.toGeometry(box));
            }
            candidates = hits.stream().mapToInt(Integer::intValue).toArray();
        }
        int n = candidates == null ? features.size() : candidates.length;
        int[] matches = new int[n];
        int count = 0;
        for (int k = 0; k < n; k++) {
            int position = candidates == null ? k : candidates[k];
            Feature f = features.get(position);
            if ((candidates == null || intersectsAny(rectangles, f.geometry())) && (filter == null || filter.test(f))) {
                matches[count++] = position;
            }
        }
        return new Selection(features, Arrays.copyOf(matches, count));
    }

    /**
     * The features with these ids (a database's answer; ids this snapshot lacks are skipped) that also
     * meet {@code boxes} and {@code filter} as in {@link #select(List, Predicate)}, in layer order.
     */
    public Selection select(java.util.Collection<String> ids, List<Envelope> boxes, Predicate<Feature> filter) {
        int[] candidates = ids.stream()
                .filter(java.util.Objects::nonNull)
                .mapToInt(id -> idSlots[slot(id)] - 1)
                .filter(at -> at >= 0)
                .sorted()
                .distinct()
                .toArray();
        List<Geometry> rectangles = new ArrayList<>();
        if (boxes != null) {
            boxes.forEach(b -> rectangles.add(GeoJson.FACTORY.toGeometry(b)));
        }
        int count = 0;
        for (int position : candidates) {
            Feature f = features.get(position);
            if ((boxes == null || intersectsAny(rectangles, f.geometry())) && (filter == null || filter.test(f))) {
                candidates[count++] = position;
            }
        }
        return new Selection(features, Arrays.copyOf(candidates, count));
    }

    private static boolean intersectsAny(List<Geometry> rectangles, Geometry g) {
        for (Geometry r : rectangles) {
            // a rectangle's intersects() is JTS's fast RectangleIntersects path
            if (r.intersects(g)) {
                return true;
            }
        }
        return false;
    }
}
