package liuyu.atlas;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import liuyu.geo.BeijingTime;
import liuyu.geo.MetricProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * The spatial index over every polygon ("zone") layer. Large polygons are cut into pieces of at most
 * {@link #MAX_PIECE_VERTICES} vertices so the tree filter stays tight; each piece is a {@link PolygonPiece}
 * with a flat-array point test. Distances use each zone's outline projected once to metres, and the nearest
 * other zone of each layer is found by visiting candidates in order of their envelope distance.
 * Zones may carry a validity ({@link Feature#validFrom()}, {@link Feature#validTo()}): the index holds every
 * version and each query answers for one day (today in Beijing unless asked for another), so an atlas without
 * dated zones pays nothing and one with them pays two integer comparisons per candidate.
 */
public final class ZoneIndex {
    public static final double NEARBY_METRES = 5000;
    static final int MAX_PIECE_VERTICES = 64;
    private static final int MAX_SPLIT_DEPTH = 10;

    // rank: the zone's place in its layer in id order (equal ids, equal ranks), so answers sort without reading ids
    private record Zone(
            Feature feature, int layerOrder, int featureOrder, int rank, Outline outline, long fromDay, long toDay) {
        boolean inForce(long day) {
            return fromDay <= day && day <= toDay;
        }
    }

    private final List<Zone> zones = new ArrayList<>();
    private final Map<Feature, Zone> byFeature = new IdentityHashMap<>();
    private final Map<Feature, java.lang.ref.SoftReference<List<Geometry>>> largeMetricPieces =
            java.util.Collections.synchronizedMap(new IdentityHashMap<>());
    // every zone in layer then feature order ("zone number"), the number of each layer's first zone, and each zone's
    // place in layer then id order: a point question reads these arrays, not the zones, until it has its answer
    private final Zone[] zoneArray;
    private final Feature[] zoneFeature; // each zone's feature: no zone object read to name a hit
    private final Outline[] zoneOutline; // each zone's outline (moved into outlineStore when it fits one array)
    // the outlines in metres of every zone in one array, in the order the piece tree meets the zones (so the outlines
    // of zones near one another lie near one another), and each zone's run of it: its first double, and its last
    // segment's first double for a one-ring outline without run boxes (Outline.simple), -1 for any other (read
    // through zoneOutline then)
    private final double[] outlineStore;
    private final int[] outlineFrom;
    private final int[] outlineLast;
    private final int[] layerBase;
    private final int[] zoneRank;
    // each zone's first and last day in force, only when some zone is dated (null otherwise: nothing to check)
    private final long[] fromDays;
    private final long[] toDays;
    // the pieces of every layer, in layer, zone and piece order: their zone numbers, point tests (flat rings, the
    // zone's own array when the piece is the whole zone; a piece's JTS polygon is made when a project check asks
    // for it), and a tree
    private final int[] pieceZone;
    private final double[][] pieceShells;
    private final double[][][] pieceHoles;
    private final PackedRTree pieces;
    // a PieceRaster of each piece, PieceRaster.LONGS longs each, in the tree's order of items (the raster of the item
    // entry e from LONGS * e): the pieces a walk meets in one node have theirs side by side
    private final long[] pieceRasters;
    // one tree per layer over its zones' outlines in metres, so box distances are true lower bounds for nearest-zone
    // search; an item is the zone's position in its layer
    private final List<Zone[]> zonesByLayer = new ArrayList<>();
    private final List<PackedRTree> metricByLayer = new ArrayList<>();
    private final int pieceCount;
    private final boolean dated;
    private final GeometryFactory factory = new GeometryFactory();

    /**
     * What the index derives from one zone's geometry: its outline in metres and its pieces in lon/lat. A snapshot
     * file keeps them, so a restart does no projection and no cutting.
     */
    record Derived(Outline outline, List<Polygon> pieces) {}

    /**
     * What a snapshot file keeps of an index: per layer, per feature in layer order, the parts {@link
     * #derived(Feature)} gives, their outlines already in {@code outlines}, the array of every zone's outline ({@link
     * #outlineStore()}); the tree over every piece ({@link #pieceTree()}); the tree of each layer in metres ({@link
     * #metricTrees()}); the raster of every piece in that tree's order of items ({@link #pieceRasters()}).
     */
    record Stored(
            List<List<Derived>> zones,
            PackedRTree pieces,
            List<PackedRTree> metric,
            long[] rasters,
            double[] outlines) {}

    ZoneIndex(List<Layer> polygonLayers) {
        this(polygonLayers, null);
    }

    /** {@code stored}: the parts and trees of an index built before over these very layers; null: derive them. */
    ZoneIndex(List<Layer> polygonLayers, Stored stored) {
        if (stored != null
                && (stored.zones.size() != polygonLayers.size() || stored.metric.size() != polygonLayers.size())) {
            throw new IllegalArgumentException(
                    "stored parts of " + stored.zones.size() + " layers for " + polygonLayers.size());
        }
        // projecting and cutting zones is the costly part of a snapshot: each layer on its own core
        List<LayerZones> built = java.util.stream.IntStream.range(0, polygonLayers.size())
                .parallel()
                .mapToObj(l ->
                        build(polygonLayers.get(l), l, stored == null ? null : stored.zones.get(l), stored == null))
                .toList();
        int count = 0;
        boolean anyDated = false;
        for (LayerZones layer : built) {
            count += layer.pieces.size();
        }
        pieceZone = new int[count];
        pieceShells = new double[count][];
        pieceHoles = new double[count][][];
        layerBase = new int[built.size() + 1];
        double[] pieceBoxes = stored == null ? new double[4 * count] : null;
        int at = 0;
        for (int l = 0; l < built.size(); l++) {
            LayerZones layer = built.get(l);
            layerBase[l] = zones.size();
            for (Zone zone : layer.zones) {
                zones.add(zone);
                byFeature.put(zone.feature, zone);
                anyDated |= zone.fromDay != Long.MIN_VALUE || zone.toDay != Long.MAX_VALUE;
            }
            zonesByLayer.add(layer.zones.toArray(new Zone[0]));
            for (int k = 0; k < layer.pieces.size(); k++) {
                Polygon piece = layer.pieces.get(k);
                pieceZone[at] = layerBase[l] + layer.pieceZones.get(k).featureOrder;
                PolygonPiece flat = new PolygonPiece(piece);
                pieceShells[at] = flat.shell();
                pieceHoles[at] = flat.holes();
                if (pieceBoxes != null) {
                    Envelope e = piece.getEnvelopeInternal();
                    pieceBoxes[4 * at] = e.getMinX();
                    pieceBoxes[4 * at + 1] = e.getMinY();
                    pieceBoxes[4 * at + 2] = e.getMaxX();
                    pieceBoxes[4 * at + 3] = e.getMaxY();
                }
                at++;
            }
            metricByLayer.add(stored == null ? layer.metricTree : stored.metric.get(l));
        }
        pieces = stored == null ? PackedRTree.build(pieceBoxes, count) : stored.pieces;
        if (pieces.size() != count) {
            throw new IllegalArgumentException("a stored tree of " + pieces.size() + " pieces for " + count);
        }
        for (int l = 0; l < metricByLayer.size(); l++) {
            if (metricByLayer.get(l).size() != zonesByLayer.get(l).length) {
                throw new IllegalArgumentException(
                        "a stored tree of " + metricByLayer.get(l).size() + " zones for " + zonesByLayer.get(l).length);
            }
        }
        pieceCount = count;
        dated = anyDated;
        layerBase[built.size()] = zones.size();
        zoneArray = zones.toArray(new Zone[0]);
        if (stored != null && stored.rasters.length != PieceRaster.LONGS * count) {
            throw new IllegalArgumentException(
                    "stored rasters of " + stored.rasters.length + " longs for " + count + " pieces");
        }
        // the rasters depend only on the pieces and the tree's boxes, both stored: read, not built again (0.9 s of CPU
        // on a 100k-zone atlas)
        pieceRasters = stored == null ? rasters(pieces, pieceShells, pieceHoles) : stored.rasters;
        outlineStore = stored == null ? moveOutlines() : storedOutlines(stored.outlines);
        zoneFeature = new Feature[zoneArray.length];
        zoneOutline = new Outline[zoneArray.length];
        outlineFrom = new int[zoneArray.length];
        outlineLast = new int[zoneArray.length];
        zoneRank = new int[zoneArray.length];
        fromDays = anyDated ? new long[zoneArray.length] : null;
        toDays = anyDated ? new long[zoneArray.length] : null;
        for (int z = 0; z < zoneArray.length; z++) {
            zoneRank[z] = layerBase[zoneArray[z].layerOrder] + zoneArray[z].rank;
            zoneFeature[z] = zoneArray[z].feature;
            Outline o = zoneArray[z].outline;
            zoneOutline[z] = o;
            boolean fast = o.simple() && o.store() == outlineStore && o.length() >= 4;
            outlineFrom[z] = o.from();
            outlineLast[z] = fast ? o.from() + o.length() - 2 : -1;
            if (anyDated) {
                fromDays[z] = zoneArray[z].fromDay;
                toDays[z] = zoneArray[z].toDay;
            }
        }
    }

    /** The raster of every piece over its box in the tree, in the tree's order of items; built on every core. */
    private static long[] rasters(PackedRTree tree, double[][] shells, double[][][] holes) {
        int items = tree.size();
        long[] rasters = new long[PieceRaster.LONGS * items];
        double[] boxes = tree.boxes();
        int[] refs = tree.refs();
        java.util.stream.IntStream.range(0, items)
                .parallel()
                .forEach(e -> PieceRaster.build(
                        shells[refs[e]],
                        holes[refs[e]],
                        boxes[4 * e],
                        boxes[4 * e + 1],
                        boxes[4 * e + 2],
                        boxes[4 * e + 3],
                        rasters,
                        PieceRaster.LONGS * e));
        return rasters;
    }

    /**
     * Copies every zone's outline into one array, zones in the order the piece tree meets their first piece (zones
     * without pieces last), and puts zones holding the moved outlines in place of the others, whose arrays are then
     * garbage: the outlines a point question measures lie near one another. Returns the array, or null when the
     * outlines would not fit one (they stay where they are).
     */
    private double[] moveOutlines() {
        int[] order = new int[zoneArray.length];
        boolean[] placed = new boolean[zoneArray.length];
        int at = 0;
        int[] refs = pieces.refs();
        for (int e = 0; e < pieces.size(); e++) {
            int z = pieceZone[refs[e]];
            if (!placed[z]) {
                placed[z] = true;
                order[at++] = z;
            }
        }
        for (int z = 0; z < zoneArray.length; z++) {
            if (!placed[z]) {
                order[at++] = z;
            }
        }
        long total = 0;
        for (Zone zone : zoneArray) {
            total += zone.outline.length();
        }
        if (total > Integer.MAX_VALUE - 16) {
            return null;
        }
        double[] store = new double[(int) total];
        int from = 0;
        for (int z : order) {
            Zone old = zoneArray[z];
            Zone moved = new Zone(
                    old.feature,
                    old.layerOrder,
                    old.featureOrder,
                    old.rank,
                    old.outline.moveTo(store, from),
                    old.fromDay,
                    old.toDay);
            from += old.outline.length();
            zoneArray[z] = moved;
            zones.set(z, moved);
            byFeature.put(moved.feature, moved);
            zonesByLayer.get(moved.layerOrder)[moved.featureOrder] = moved;
        }
        return store;
    }

    /** The stored array of every outline, once each zone's outline is found in it (as a snapshot file reads them). */
    private double[] storedOutlines(double[] store) {
        for (Zone zone : zoneArray) {
            if (zone.outline.store() != store) {
                throw new IllegalArgumentException("a stored zone's outline outside the stored outlines");
            }
        }
        return store;
    }

    /** Every zone's outline in one array, in the order of the piece tree; null when they would not fit one. */
    double[] outlineStore() {
        return outlineStore;
    }

    private record LayerZones(List<Zone> zones, List<Polygon> pieces, List<Zone> pieceZones, PackedRTree metricTree) {}

    private static LayerZones build(Layer layer, int order, List<Derived> derived, boolean buildTree) {
        if (derived != null && derived.size() != layer.features().size()) {
            throw new IllegalArgumentException("layer '" + layer.id() + "': " + derived.size() + " derived zones for "
                    + layer.features().size() + " features");
        }
        int n = layer.features().size();
        List<Zone> zones = new ArrayList<>(n);
        List<Polygon> pieces = new ArrayList<>(n);
        List<Zone> pieceZones = new ArrayList<>(n);
        double[] metricBoxes = buildTree ? new double[4 * n] : null;
        int[] ranks = idRanks(layer.features());
        for (Feature f : layer.features()) {
            int featureOrder = zones.size();
            Derived d = derived == null
                    ? new Derived(Outline.ofLonLat(f.geometry()), subdivide(f.geometry()))
                    : derived.get(featureOrder);
            LocalDate from = f.validFrom();
            LocalDate to = f.validTo();
            Zone zone = new Zone(
                    f,
                    order,
                    featureOrder,
                    ranks[featureOrder],
                    d.outline(),
                    from == null ? Long.MIN_VALUE : from.toEpochDay(),
                    to == null ? Long.MAX_VALUE : to.toEpochDay());
            zones.add(zone);
            if (metricBoxes != null) {
                Envelope e = d.outline().envelope();
                metricBoxes[4 * featureOrder] = e.getMinX();
                metricBoxes[4 * featureOrder + 1] = e.getMinY();
                metricBoxes[4 * featureOrder + 2] = e.getMaxX();
                metricBoxes[4 * featureOrder + 3] = e.getMaxY();
            }
            for (Polygon piece : d.pieces()) {
                pieces.add(piece);
                pieceZones.add(zone);
            }
        }
        return new LayerZones(zones, pieces, pieceZones, buildTree ? PackedRTree.build(metricBoxes, n) : null);
    }

    /** Each feature's place in id order (String order, as answers list zones of a layer); equal ids, equal places. */
    private static int[] idRanks(List<Feature> features) {
        Integer[] byId = new Integer[features.size()];
        for (int i = 0; i < byId.length; i++) {
            byId[i] = i;
        }
        java.util.Arrays.sort(byId, Comparator.comparing(i -> features.get(i).id()));
        int[] ranks = new int[byId.length];
        int rank = 0;
        for (int k = 0; k < byId.length; k++) {
            if (k > 0
                    && !features.get(byId[k])
                            .id()
                            .equals(features.get(byId[k - 1]).id())) {
                rank = k;
            }
            ranks[byId[k]] = rank;
        }
        return ranks;
    }

    /** The tree over every piece, for the snapshot file. */
    PackedRTree pieceTree() {
        return pieces;
    }

    /** The raster of every piece, in the piece tree's order of items, for the snapshot file (the index's own array). */
    long[] pieceRasters() {
        return pieceRasters;
    }

    /** Each zone layer's tree in metres, for the snapshot file. */
    List<PackedRTree> metricTrees() {
        return List.copyOf(metricByLayer);
    }

    /**
     * The parts this index derived from a zone, for the snapshot file: its outline and its pieces as the index keeps
     * them (polygons over the pieces' own arrays), not cut again: a zone of a million vertices takes seconds to cut,
     * and the snapshot writer asks twice (it counts each section before writing it).
     */
    Derived derived(Feature zone) {
        Zone z = byFeature.get(zone);
        if (z == null) {
            throw new IllegalArgumentException("not a zone of this index: " + zone.layer() + "/" + zone.id());
        }
        int number = layerBase[z.layerOrder] + z.featureOrder;
        // pieces lie in layer, zone and piece order: a zone's are the run of its number in pieceZone
        int low = 0;
        int high = pieceCount;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (pieceZone[mid] < number) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        List<Polygon> own = new ArrayList<>();
        for (int p = low; p < pieceCount && pieceZone[p] == number; p++) {
            own.add(PolygonPiece.polygon(pieceShells[p], pieceHoles[p]));
        }
        return new Derived(z.outline, own);
    }

    /** Whether any zone carries a validity: then answers depend on the day asked for. */
    public boolean dated() {
        return dated;
    }

    /** The epoch day to answer for: {@code on}, or today in Beijing; any day when no zone is dated. */
    private long day(LocalDate on) {
        if (on != null) {
            return on.toEpochDay();
        }
        return dated ? BeijingTime.today().toEpochDay() : 0;
    }

    public int zoneCount() {
        return zones.size();
    }

    public int pieceCount() {
        return pieceCount;
    }

    /** The zones in force today covering the point (boundary included), in layer then feature order. */
    public List<Feature> containing(double lon, double lat) {
        return containing(lon, lat, null);
    }

    /** The zones in force on {@code on} (null: today) covering the point, in layer then feature order. */
    public List<Feature> containing(double lon, double lat, LocalDate on) {
        Scratch s = SCRATCH.get();
        int n = containingZones(lon, lat, day(on), s);
        List<Feature> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(zoneFeature[s.hits[k]]);
        }
        return out;
    }

    /**
     * Per-thread working arrays of the point questions (a tree walk's stack, the zones found, the nearby search's
     * queue), so a question allocates little more than its answer.
     */
    private static final class Scratch {
        int[] stack = new int[64];
        int[] hits = new int[16];
        int[] candidates = new int[16];
        double sink; // what the touching loops read, kept so the reads stay
        // the best-first queue of the nearby search, a binary heap over three parallel arrays: the distance (a box
        // bound or exact), the tie-break key (see key()) and the tree entry
        double[] queueDistance = new double[64];
        long[] queueKey = new long[64];
        int[] queueEntry = new int[64];
        int queued;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * The zones in force on {@code day} covering the point, as zone numbers in {@code s.hits[0..n)}, in layer then id
     * order; returns n. The walk is the tree's own ({@link PackedRTree#query}: children pushed in order, taken from
     * the top; a child's box checked before it is pushed), inlined to read the zone numbers, days and rings from
     * arrays without a callback, and without touching a zone object.
     */
    private int containingZones(double lon, double lat, long day, Scratch s) {
        PackedRTree tree = pieces;
        int n = 0;
        if (tree.root() < 0) {
            return 0;
        }
        double[] boxes = tree.boxes();
        int[] refs = tree.refs();
        int items = tree.size();
        int root = tree.root();
        if (boxes[4 * root] > lon
                || boxes[4 * root + 1] > lat
                || boxes[4 * root + 2] < lon
                || boxes[4 * root + 3] < lat) {
            return 0;
        }
        int[] stack = s.stack;
        int top = 0;
        int c = 0; // candidate pieces (their box holds the point), in the order the walk meets them
        stack[top++] = root;
        while (top > 0) {
            int node = stack[--top];
            int first = refs[node];
            int end = tree.childEnd(node);
            if (first < items) {
                // a node of items: taking them from the top of the stack one by one visits them last to first
                for (int e = end - 1; e >= first; e--) {
                    double minX = boxes[4 * e];
                    double minY = boxes[4 * e + 1];
                    double maxX = boxes[4 * e + 2];
                    double maxY = boxes[4 * e + 3];
                    if (minX > lon || minY > lat || maxX < lon || maxY < lat) {
                        continue;
                    }
                    // the piece's raster answers most points; a candidate is its piece number, times two, plus one
                    // when the raster says inside (no ring test then)
                    int state =
                            PieceRaster.state(pieceRasters, PieceRaster.LONGS * e, minX, minY, maxX, maxY, lon, lat);
                    if (state == PieceRaster.OUTSIDE) {
                        continue;
                    }
                    if (c == s.candidates.length) {
                        s.candidates = java.util.Arrays.copyOf(s.candidates, 2 * c);
                    }
                    s.candidates[c++] = 2 * refs[e] + (state == PieceRaster.INSIDE ? 1 : 0);
                }
                continue;
            }
            for (int child = first; child < end; child++) {
                if (boxes[4 * child] > lon
                        || boxes[4 * child + 1] > lat
                        || boxes[4 * child + 2] < lon
                        || boxes[4 * child + 3] < lat) {
                    continue;
                }
                if (top == stack.length) {
                    stack = s.stack = java.util.Arrays.copyOf(stack, 2 * stack.length);
                }
                stack[top++] = child;
            }
        }
        // the candidates' rings are scattered over the heap: touching each one's start first lets the processor
        // fetch them all at once rather than one after another, as each ring test waits for its own
        int[] candidates = s.candidates;
        double touched = 0;
        for (int k = 0; k < c; k++) {
            if ((candidates[k] & 1) == 0) {
                touched += touch(pieceShells[candidates[k] >>> 1], 0, pieceShells[candidates[k] >>> 1].length);
            }
        }
        s.sink = touched;
        for (int k = 0; k < c; k++) {
            int piece = candidates[k] >>> 1;
            int zone = pieceZone[piece];
            if ((fromDays == null || (fromDays[zone] <= day && day <= toDays[zone]))
                    && !contains(s.hits, n, zone)
                    && ((candidates[k] & 1) == 1
                            || PolygonPiece.covers(pieceShells[piece], pieceHoles[piece], lon, lat))) {
                if (n == s.hits.length) {
                    s.hits = java.util.Arrays.copyOf(s.hits, 2 * n);
                }
                s.hits[n++] = zone;
            }
        }
        // layer then id order; a stable insertion sort (few hits), as List.sort was
        int[] hits = s.hits;
        for (int i = 1; i < n; i++) {
            int z = hits[i];
            int rank = zoneRank[z];
            int j = i - 1;
            while (j >= 0 && zoneRank[hits[j]] > rank) {
                hits[j + 1] = hits[j];
                j--;
            }
            hits[j + 1] = z;
        }
        return n;
    }

    /**
     * Reads one double of every cache line of {@code a[from…to)}: a loop without branches, so the processor asks
     * for all those lines at once, where the measuring loops (a branch per segment, often mispredicted) would wait for
     * them one after another.
     */
    private static double touch(double[] a, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i += 8) {
            sum += a[i];
        }
        return sum;
    }

    private static boolean contains(int[] zones, int n, int zone) {
        for (int k = 0; k < n; k++) {
            if (zones[k] == zone) {
                return true;
            }
        }
        return false;
    }

    /** The zones in force today a geometry (lon/lat) intersects, boundary contact included, in layer then feature order. */
    public List<Feature> intersecting(Geometry lonLat) {
        return intersecting(lonLat, null);
    }

    /** The zones in force on {@code on} (null: today) a geometry (lon/lat) intersects, in layer then feature order. */
    public List<Feature> intersecting(Geometry lonLat, LocalDate on) {
        long day = day(on);
        PreparedGeometry project = PreparedGeometryFactory.prepare(lonLat);
        List<Zone> hits = new ArrayList<>();
        Envelope box = lonLat.getEnvelopeInternal();
        pieces.query(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY(), piece -> {
            Zone zone = zoneArray[pieceZone[piece]];
            if (zone.inForce(day)
                    && hits.stream().noneMatch(h -> h == zone)
                    && project.intersects(PolygonPiece.polygon(pieceShells[piece], pieceHoles[piece]))) {
                hits.add(zone); // pieces partition the zone: touching one touches the zone
            }
        });
        hits.sort(ZONE_ORDER);
        List<Feature> out = new ArrayList<>(hits.size());
        hits.forEach(z -> out.add(z.feature));
        return out;
    }

    /** Zones whose outline lies within {@code metres} of a projected geometry, with that distance; intersecting ones excluded. */
    public List<Location.Hit> near(Geometry metricGeometry, double metres, List<Feature> exclude) {
        return near(metricGeometry, metres, exclude, null);
    }

    /** As {@link #near(Geometry, double, List)}, among the zones in force on {@code on} (null: today). */
    public List<Location.Hit> near(Geometry metricGeometry, double metres, List<Feature> exclude, LocalDate on) {
        long day = day(on);
        Envelope search = new Envelope(metricGeometry.getEnvelopeInternal());
        search.expandBy(metres);
        List<Location.Hit> out = new ArrayList<>();
        for (int l = 0; l < metricByLayer.size(); l++) {
            Zone[] layerZones = zonesByLayer.get(l);
            metricByLayer.get(l).query(search.getMinX(), search.getMinY(), search.getMaxX(), search.getMaxY(), item -> {
                Zone z = layerZones[item];
                if (z.inForce(day) && !exclude.contains(z.feature)) {
                    double d = metricGeometry instanceof Point p
                            ? z.outline.distance(p.getX(), p.getY())
                            : new IndexedFacetDistance(MetricProjection.toMetric(z.feature.geometry())
                                            .getBoundary())
                                    .distance(
                                            metricGeometry); // a project's shape is rare: its outline is built for the
                    // question
                    if (d <= metres) {
                        out.add(new Location.Hit(z.feature, d));
                    }
                }
            });
        }
        return out;
    }

    /**
     * The part of a projected geometry inside a zone, as area (m²) for polygons or length (m) for lines.
     * Computed piece by piece: pieces wholly inside the project count whole, only pieces its outline
     * crosses need an overlay, so a large zone costs little more than a small one.
     */
    public double overlap(Feature zone, Geometry metricProject, PreparedGeometry preparedMetricProject) {
        boolean areal = metricProject.getDimension() == 2;
        double total = 0;
        // the zone in metres, cut in metres (projected lon/lat cuts would bend and leave slivers between pieces):
        // built for the question, as project checks are rare next to point questions and the snapshot stays small
        for (Geometry piece : metricPieces(byFeature.get(zone).feature)) {
            if (!piece.getEnvelopeInternal().intersects(metricProject.getEnvelopeInternal())) {
                continue;
            }
            if (areal && preparedMetricProject.containsProperly(piece)) {
                total += piece.getArea();
            } else if (preparedMetricProject.intersects(piece)) {
                Geometry part = metricProject.intersection(piece);
                total += areal ? part.getArea() : part.getLength();
            }
        }
        return total;
    }

    /** A zone in metres cut into pieces; kept (softly: the collector may take them back) for large zones only. */
    private List<Geometry> metricPieces(Feature zone) {
        java.lang.ref.SoftReference<List<Geometry>> kept = largeMetricPieces.get(zone);
        List<Geometry> pieces = kept == null ? null : kept.get();
        if (pieces == null) {
            pieces = new ArrayList<>(subdivide(MetricProjection.toMetric(zone.geometry())));
            if (zone.geometry().getNumPoints() > 4 * MAX_PIECE_VERTICES) {
                largeMetricPieces.put(zone, new java.lang.ref.SoftReference<>(pieces));
            }
        }
        return pieces;
    }

    /** The brute-force answer, scanning every zone in force today without the index: the oracle for tests and benchmarks. */
    public List<Feature> containingByScan(double lon, double lat) {
        long day = day(null);
        Point p = factory.createPoint(new Coordinate(lon, lat));
        List<Feature> out = new ArrayList<>();
        for (Zone z : zones) {
            if (z.inForce(day) && z.feature.geometry().covers(p)) {
                out.add(z.feature);
            }
        }
        return out;
    }

    /** The zones covering the point, each with the distance in metres from the point to its boundary. */
    public List<Location.Hit> within(double lon, double lat) {
        Scratch s = SCRATCH.get();
        int n = containingZones(lon, lat, day(null), s);
        Coordinate m = MetricProjection.toMetric(lon, lat);
        return withDistances(s.hits, n, m.x, m.y);
    }

    private List<Location.Hit> withDistances(int[] hits, int n, double x, double y) {
        // as for the rings: fetch every outline's start and every feature at once before measuring them one by one
        double touched = 0;
        int named = 0;
        for (int k = 0; k < n; k++) {
            int z = hits[k];
            if (outlineLast[z] >= 0) {
                touched += touch(outlineStore, outlineFrom[z], outlineLast[z] + 2);
            } else {
                double[] xy = zoneOutline[z].store();
                touched += xy.length > 0 ? xy[0] : 0;
            }
            named += zoneFeature[z] == null ? 0 : 1;
        }
        SCRATCH.get().sink = touched + named;
        Location.Hit[] within = new Location.Hit[n];
        for (int k = 0; k < n; k++) {
            int z = hits[k];
            double d = outlineLast[z] >= 0
                    ? Outline.nearer(outlineStore, x, y, outlineFrom[z], outlineLast[z], Double.POSITIVE_INFINITY)
                    : zoneOutline[z].distance(x, y);
            within[k] = new Location.Hit(zoneFeature[z], d);
        }
        return java.util.Arrays.asList(within);
    }

    Location locate(double lon, double lat, LocalDate on) {
        long day = day(on);
        Scratch s = SCRATCH.get();
        int n = containingZones(lon, lat, day, s);
        Coordinate m = MetricProjection.toMetric(lon, lat);
        List<Location.Hit> within = withDistances(s.hits, n, m.x, m.y);
        List<Location.Hit> nearby = new ArrayList<>();
        for (int l = 0; l < metricByLayer.size(); l++) {
            Location.Hit best = nearest(l, m.x, m.y, day, s, n);
            if (best != null) {
                nearby.add(best);
            }
        }
        return new Location(lon, lat, within, nearby);
    }

    /**
     * The nearest zone of layer {@code l} within {@link #NEARBY_METRES} of (x, y) in metres, in force on {@code day}
     * and not among the {@code inside} zones found before ({@code s.hits}): best-first over the tree, nodes and zones
     * ordered by the distance to their envelope (a lower bound), a zone's exact distance computed only when it comes
     * first. The first exact entry taken from the queue is no farther than anything left in it; at equal distance
     * bounds come before exact distances (so every tie is resolved) and the earlier zone of the layer wins, so the
     * answer is the zone least by (exact distance, place in the layer), whatever the order of equal entries.
     */
    private Location.Hit nearest(int l, double x, double y, long day, Scratch s, int inside) {
        PackedRTree tree = metricByLayer.get(l);
        int base = layerBase[l];
        s.queued = 0;
        if (tree.root() >= 0) {
            offer(s, tree, base, tree.root(), x, y, day, inside);
        }
        while (s.queued > 0) {
            double distance = s.queueDistance[0];
            long key = s.queueKey[0];
            int entry = s.queueEntry[0];
            poll(s);
            if (distance > NEARBY_METRES) {
                return null;
            }
            if (key >= EXACT) {
                return new Location.Hit(zoneArray[base + (int) (key - EXACT) - 1].feature, distance);
            }
            if (key > 0) {
                int item = (int) key - 1;
                push(s, zoneArray[base + item].outline.distance(x, y), EXACT + key, entry);
            } else {
                for (int child = tree.firstChild(entry), end = tree.childEnd(entry); child < end; child++) {
                    offer(s, tree, base, child, x, y, day, inside);
                }
            }
        }
        return null;
    }

    // the queue's tie-break key: 0 for a tree node, 1 + the zone's place in its layer for a zone's box bound, EXACT +
    // that for its exact distance; so at equal distance nodes, then bounds, then exact distances, each by place
    private static final long EXACT = 1L << 33;

    /** Queues a tree entry with its box distance, unless farther than the search or a zone not to be named. */
    private void offer(Scratch s, PackedRTree tree, int base, int entry, double x, double y, long day, int inside) {
        double dx = Math.max(0, Math.max(tree.minX(entry) - x, x - tree.maxX(entry)));
        double dy = Math.max(0, Math.max(tree.minY(entry) - y, y - tree.maxY(entry)));
        // as Envelope.distance to a point's envelope
        double bound = dx == 0 ? dy : dy == 0 ? dx : Math.hypot(dx, dy);
        if (bound > NEARBY_METRES) {
            return;
        }
        if (tree.isItem(entry)) {
            int item = tree.item(entry);
            int zone = base + item;
            if ((fromDays == null || (fromDays[zone] <= day && day <= toDays[zone]))
                    && !contains(s.hits, inside, zone)) {
                push(s, bound, 1L + item, entry);
            }
        } else {
            push(s, bound, 0, entry);
        }
    }

    private static boolean before(Scratch s, int a, int b) {
        double da = s.queueDistance[a];
        double db = s.queueDistance[b];
        return da < db || (da == db && s.queueKey[a] < s.queueKey[b]);
    }

    private static void push(Scratch s, double distance, long key, int entry) {
        int at = s.queued++;
        if (at == s.queueDistance.length) {
            s.queueDistance = java.util.Arrays.copyOf(s.queueDistance, 2 * at);
            s.queueKey = java.util.Arrays.copyOf(s.queueKey, 2 * at);
            s.queueEntry = java.util.Arrays.copyOf(s.queueEntry, 2 * at);
        }
        s.queueDistance[at] = distance;
        s.queueKey[at] = key;
        s.queueEntry[at] = entry;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!before(s, at, parent)) {
                break;
            }
            swap(s, at, parent);
            at = parent;
        }
    }

    private static void poll(Scratch s) {
        int last = --s.queued;
        s.queueDistance[0] = s.queueDistance[last];
        s.queueKey[0] = s.queueKey[last];
        s.queueEntry[0] = s.queueEntry[last];
        int at = 0;
        while (true) {
            int left = 2 * at + 1;
            if (left >= last) {
                return;
            }
            int least = left + 1 < last && before(s, left + 1, left) ? left + 1 : left;
            if (!before(s, least, at)) {
                return;
            }
            swap(s, at, least);
            at = least;
        }
    }

    private static void swap(Scratch s, int a, int b) {
        double d = s.queueDistance[a];
        s.queueDistance[a] = s.queueDistance[b];
        s.queueDistance[b] = d;
        long k = s.queueKey[a];
        s.queueKey[a] = s.queueKey[b];
        s.queueKey[b] = k;
        int e = s.queueEntry[a];
        s.queueEntry[a] = s.queueEntry[b];
        s.queueEntry[b] = e;
    }

    // layer then id order (equal ids in the order found: sorts are stable)
    private static final Comparator<Zone> ZONE_ORDER =
            Comparator.<Zone>comparingInt(z -> z.layerOrder).thenComparingInt(z -> z.rank);

    /** Cuts a (multi)polygon into polygons by recursive halving of their envelopes until each is small. */
    static List<Polygon> subdivide(Geometry polygonal) {
        List<Polygon> out = new ArrayList<>();
        for (int i = 0; i < polygonal.getNumGeometries(); i++) {
            split((Polygon) polygonal.getGeometryN(i), 0, out);
        }
        return out;
    }

    private static void split(Polygon g, int depth, List<Polygon> out) {
        if (g.getNumPoints() <= MAX_PIECE_VERTICES || depth >= MAX_SPLIT_DEPTH) {
            out.add(g);
            return;
        }
        Envelope e = g.getEnvelopeInternal();
        boolean vertical = e.getWidth() >= e.getHeight();
        double mid = vertical ? (e.getMinX() + e.getMaxX()) / 2 : (e.getMinY() + e.getMaxY()) / 2;
        Envelope a = vertical
                ? new Envelope(e.getMinX(), mid, e.getMinY(), e.getMaxY())
                : new Envelope(e.getMinX(), e.getMaxX(), e.getMinY(), mid);
        Envelope b = vertical
                ? new Envelope(mid, e.getMaxX(), e.getMinY(), e.getMaxY())
                : new Envelope(e.getMinX(), e.getMaxX(), mid, e.getMaxY());
        Geometry partA;
        Geometry partB;
        try {
            partA = g.intersection(g.getFactory().toGeometry(a));
            partB = g.intersection(g.getFactory().toGeometry(b));
        } catch (RuntimeException topologyFailure) {
            out.add(g); // an uncuttable polygon stays whole: slower, never wrong
            return;
        }
        for (Geometry part : new Geometry[] {partA, partB}) {
            for (int i = 0; i < part.getNumGeometries(); i++) {
                if (part.getGeometryN(i) instanceof Polygon piece && !piece.isEmpty()) {
                    split(piece, depth + 1, out);
                }
            }
        }
    }
}
