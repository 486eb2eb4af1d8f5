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

    private record Zone(Feature feature, int layerOrder, int featureOrder, Outline outline, long fromDay, long toDay) {
        boolean inForce(long day) {
            return fromDay <= day && day <= toDay;
        }
    }

    /**
     * An entry of the best-first nearby search: a tree node ({@code zone} null) or a zone with a lower bound of its
     * distance (envelope distance), or a zone with its exact distance ({@code exact}).
     */
    private record Candidate(int entry, Zone zone, double distance, boolean exact) {}

    // nearest first; at equal distance bounds before exact distances (so every tie is resolved), then the earlier zone
    private static final Comparator<Candidate> NEAREST = Comparator.comparingDouble(Candidate::distance)
            .thenComparing(Candidate::exact)
            .thenComparingInt(c -> c.zone != null ? c.zone.featureOrder : -1);

    private final List<Zone> zones = new ArrayList<>();
    private final Map<Feature, Zone> byFeature = new IdentityHashMap<>();
    private final Map<Feature, java.lang.ref.SoftReference<List<Geometry>>> largeMetricPieces =
            java.util.Collections.synchronizedMap(new IdentityHashMap<>());
    // the pieces of every layer, in layer, zone and piece order: their zones, point tests (arrays: a piece's JTS
    // polygon
    // is made when a project check asks for it), and a tree
    private final Zone[] pieceZones;
    private final PolygonPiece[] piecePolygons;
    private final PackedRTree pieces;
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
     * #derived(Feature)} gives; the tree over every piece ({@link #pieceTree()}); the tree of each layer in metres
     * ({@link #metricTrees()}).
     */
    record Stored(List<List<Derived>> zones, PackedRTree pieces, List<PackedRTree> metric) {}

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
        pieceZones = new Zone[count];
        piecePolygons = new PolygonPiece[count];
        double[] pieceBoxes = stored == null ? new double[4 * count] : null;
        int at = 0;
        for (int l = 0; l < built.size(); l++) {
            LayerZones layer = built.get(l);
            for (Zone zone : layer.zones) {
                zones.add(zone);
                byFeature.put(zone.feature, zone);
                anyDated |= zone.fromDay != Long.MIN_VALUE || zone.toDay != Long.MAX_VALUE;
            }
            zonesByLayer.add(layer.zones.toArray(new Zone[0]));
            for (int k = 0; k < layer.pieces.size(); k++) {
                Polygon piece = layer.pieces.get(k);
                pieceZones[at] = layer.pieceZones.get(k);
                piecePolygons[at] = new PolygonPiece(piece);
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

    /** The tree over every piece, for the snapshot file. */
    PackedRTree pieceTree() {
        return pieces;
    }

    /** Each zone layer's tree in metres, for the snapshot file. */
    List<PackedRTree> metricTrees() {
        return List.copyOf(metricByLayer);
    }

    /** The parts this index derived from a zone (its pieces cut again: cutting is deterministic), for the snapshot file. */
    Derived derived(Feature zone) {
        Zone z = byFeature.get(zone);
        if (z == null) {
            throw new IllegalArgumentException("not a zone of this index: " + zone.layer() + "/" + zone.id());
        }
        return new Derived(z.outline, subdivide(zone.geometry()));
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
        List<Zone> hits = containingZones(lon, lat, day(on));
        List<Feature> out = new ArrayList<>(hits.size());
        for (Zone z : hits) {
            out.add(z.feature);
        }
        return out;
    }

    private List<Zone> containingZones(double lon, double lat, long day) {
        List<Zone> hits = new ArrayList<>(8);
        pieces.query(lon, lat, lon, lat, piece -> {
            Zone zone = pieceZones[piece];
            if (zone.inForce(day) && !contains(hits, zone) && piecePolygons[piece].covers(lon, lat)) {
                hits.add(zone);
            }
        });
        hits.sort(ZONE_ORDER);
        return hits;
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
            Zone zone = pieceZones[piece];
            if (zone.inForce(day) && !contains(hits, zone) && project.intersects(piecePolygons[piece].polygon())) {
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
        return withDistances(
                containingZones(lon, lat, day(null)), factory.createPoint(MetricProjection.toMetric(lon, lat)));
    }

    private static List<Location.Hit> withDistances(List<Zone> inside, Point metricPoint) {
        List<Location.Hit> within = new ArrayList<>(inside.size());
        for (Zone z : inside) {
            within.add(new Location.Hit(z.feature, z.outline.distance(metricPoint.getX(), metricPoint.getY())));
        }
        return within;
    }

    Location locate(double lon, double lat, LocalDate on) {
        long day = day(on);
        List<Zone> inside = containingZones(lon, lat, day);
        Coordinate m = MetricProjection.toMetric(lon, lat);
        Point metricPoint = factory.createPoint(m);
        List<Location.Hit> within = withDistances(inside, metricPoint);
        List<Location.Hit> nearby = new ArrayList<>();
        for (int l = 0; l < metricByLayer.size(); l++) {
            Location.Hit best = nearest(metricByLayer.get(l), zonesByLayer.get(l), m.x, m.y, day, inside);
            if (best != null) {
                nearby.add(best);
            }
        }
        return new Location(lon, lat, within, nearby);
    }

    /**
     * The nearest zone of one layer within {@link #NEARBY_METRES} of (x, y) in metres, in force on {@code day} and
     * not among {@code inside}: best-first over the tree, nodes and zones ordered by the distance to their envelope
     * (a lower bound), a zone's exact distance computed only when it comes first. The first exact entry taken
     * from the queue is no farther than anything left in it; at equal distance the earlier zone of the layer wins.
     */
    private static Location.Hit nearest(
            PackedRTree tree, Zone[] zones, double x, double y, long day, List<Zone> inside) {
        java.util.PriorityQueue<Candidate> queue = new java.util.PriorityQueue<>(NEAREST);
        if (tree.root() >= 0) {
            offer(queue, tree, zones, tree.root(), x, y, day, inside);
        }
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            if (c.distance > NEARBY_METRES) {
                return null;
            }
            if (c.exact) {
                return new Location.Hit(c.zone.feature, c.distance);
            }
            if (c.zone != null) {
                queue.add(new Candidate(c.entry, c.zone, c.zone.outline.distance(x, y), true));
            } else {
                for (int child = tree.firstChild(c.entry), end = tree.childEnd(c.entry); child < end; child++) {
                    offer(queue, tree, zones, child, x, y, day, inside);
                }
            }
        }
        return null;
    }

    /** Queues a tree entry with its box distance, unless farther than the search or a zone not to be named. */
    private static void offer(
            java.util.PriorityQueue<Candidate> queue,
            PackedRTree tree,
            Zone[] zones,
            int entry,
            double x,
            double y,
            long day,
            List<Zone> inside) {
        double dx = Math.max(0, Math.max(tree.minX(entry) - x, x - tree.maxX(entry)));
        double dy = Math.max(0, Math.max(tree.minY(entry) - y, y - tree.maxY(entry)));
        // as Envelope.distance to a point's envelope
        double bound = dx == 0 ? dy : dy == 0 ? dx : Math.hypot(dx, dy);
        if (bound > NEARBY_METRES) {
            return;
        }
        if (tree.isItem(entry)) {
            Zone z = zones[tree.item(entry)];
            if (z.inForce(day) && !contains(inside, z)) {
                queue.add(new Candidate(entry, z, bound, false));
            }
        } else {
            queue.add(new Candidate(entry, null, bound, false));
        }
    }

    private static boolean contains(List<Zone> zones, Zone zone) {
        for (Zone z : zones) {
            if (z == zone) {
                return true;
            }
        }
        return false;
    }

    private static final Comparator<Zone> ZONE_ORDER =
            Comparator.<Zone>comparingInt(z -> z.layerOrder).thenComparing(z -> z.feature.id());

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
