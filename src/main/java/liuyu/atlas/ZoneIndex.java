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
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * The spatial index over every polygon ("zone") layer. Large polygons are cut into pieces of at most
 * {@link #MAX_PIECE_VERTICES} vertices so the STRtree filter stays tight; each piece is a {@link PolygonPiece}
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

    private record Zone(
            Feature feature,
            int layerOrder,
            int featureOrder,
            Outline outline,
            Envelope metricEnvelope,
            long fromDay,
            long toDay) {
        boolean inForce(long day) {
            return fromDay <= day && day <= toDay;
        }
    }

    private record Piece(Zone zone, PolygonPiece polygon, Polygon geometry) {}

    /**
     * An entry of the best-first nearby search: a tree node or a zone with a lower bound of its distance
     * (envelope distance), or a zone with its exact distance ({@code exact}).
     */
    private record Candidate(Object entry, double distance, boolean exact) {}

    // nearest first; at equal distance bounds before exact distances (so every tie is resolved), then the earlier zone
    private static final Comparator<Candidate> NEAREST = Comparator.comparingDouble(Candidate::distance)
            .thenComparing(Candidate::exact)
            .thenComparingInt(c -> c.entry instanceof Zone z ? z.featureOrder : -1);

    private final List<Zone> zones = new ArrayList<>();
    private final Map<Feature, Zone> byFeature = new IdentityHashMap<>();
    private final Map<Feature, java.lang.ref.SoftReference<List<Geometry>>> largeMetricPieces =
            java.util.Collections.synchronizedMap(new IdentityHashMap<>());
    private final STRtree pieces = new STRtree();
    // one tree per layer, in metres, so envelope distances are true lower bounds for nearest-zone search
    private final List<STRtree> metricByLayer = new ArrayList<>();
    private final int pieceCount;
    private final boolean dated;
    private final GeometryFactory factory = new GeometryFactory();

    /**
     * What the index derives from one zone's geometry: its outline in metres and its pieces in lon/lat. A snapshot
     * file keeps them, so a restart does no projection and no cutting.
     */
    record Derived(Outline outline, List<Polygon> pieces) {}

    ZoneIndex(List<Layer> polygonLayers) {
        this(polygonLayers, null);
    }

    /** {@code derived}: per layer, per feature in layer order, the parts as {@link #derived(Feature)} gave them; null: derive them. */
    ZoneIndex(List<Layer> polygonLayers, List<List<Derived>> derived) {
        // projecting and cutting zones is the costly part of a snapshot: each layer on its own core
        List<LayerZones> built = java.util.stream.IntStream.range(0, polygonLayers.size())
                .parallel()
                .mapToObj(l -> build(polygonLayers.get(l), l, derived == null ? null : derived.get(l)))
                .toList();
        int count = 0;
        boolean anyDated = false;
        for (LayerZones layer : built) {
            STRtree metricTree = new STRtree();
            for (Zone zone : layer.zones) {
                zones.add(zone);
                byFeature.put(zone.feature, zone);
                metricTree.insert(zone.metricEnvelope, zone);
                anyDated |= zone.fromDay != Long.MIN_VALUE || zone.toDay != Long.MAX_VALUE;
            }
            for (Piece piece : layer.pieces) {
                pieces.insert(piece.geometry.getEnvelopeInternal(), piece);
                count++;
            }
            metricTree.build();
            metricByLayer.add(metricTree);
        }
        pieces.build();
        pieceCount = count;
        dated = anyDated;
    }

    private record LayerZones(List<Zone> zones, List<Piece> pieces) {}

    private static LayerZones build(Layer layer, int order, List<Derived> derived) {
        if (derived != null && derived.size() != layer.features().size()) {
            throw new IllegalArgumentException("layer '" + layer.id() + "': " + derived.size() + " derived zones for "
                    + layer.features().size() + " features");
        }
        List<Zone> zones = new ArrayList<>(layer.features().size());
        List<Piece> pieces = new ArrayList<>();
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
                    d.outline().envelope(),
                    from == null ? Long.MIN_VALUE : from.toEpochDay(),
                    to == null ? Long.MAX_VALUE : to.toEpochDay());
            zones.add(zone);
            for (Polygon piece : d.pieces()) {
                pieces.add(new Piece(zone, new PolygonPiece(piece), piece));
            }
        }
        return new LayerZones(zones, pieces);
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
        pieces.query(new Envelope(lon, lon, lat, lat), item -> {
            Piece piece = (Piece) item;
            if (piece.zone.inForce(day) && !contains(hits, piece.zone) && piece.polygon.covers(lon, lat)) {
                hits.add(piece.zone);
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
        pieces.query(lonLat.getEnvelopeInternal(), item -> {
            Piece piece = (Piece) item;
            if (piece.zone.inForce(day) && !contains(hits, piece.zone) && project.intersects(piece.geometry)) {
                hits.add(piece.zone); // pieces partition the zone: touching one touches the zone
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
            metricByLayer.get(l).query(search, item -> {
                Zone z = (Zone) item;
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
        for (STRtree tree : metricByLayer) {
            Location.Hit best = nearest(tree, m.x, m.y, day, inside);
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
    private static Location.Hit nearest(STRtree tree, double x, double y, long day, List<Zone> inside) {
        if (tree.isEmpty()) {
            return null;
        }
        java.util.PriorityQueue<Candidate> queue = new java.util.PriorityQueue<>(NEAREST);
        queue.add(new Candidate(
                tree.getRoot(), boxDistance((Envelope) tree.getRoot().getBounds(), x, y), false));
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            if (c.distance > NEARBY_METRES) {
                return null;
            }
            if (c.exact) {
                return new Location.Hit(((Zone) c.entry).feature, c.distance);
            }
            if (c.entry instanceof Zone z) {
                queue.add(new Candidate(z, z.outline.distance(x, y), true));
            } else {
                for (Object child : ((org.locationtech.jts.index.strtree.AbstractNode) c.entry).getChildBoundables()) {
                    double bound = boxDistance(
                            (Envelope) ((org.locationtech.jts.index.strtree.Boundable) child).getBounds(), x, y);
                    if (bound > NEARBY_METRES) {
                        continue;
                    }
                    if (child instanceof org.locationtech.jts.index.strtree.ItemBoundable item) {
                        Zone z = (Zone) item.getItem();
                        if (z.inForce(day) && !contains(inside, z)) {
                            queue.add(new Candidate(z, bound, false));
                        }
                    } else {
                        queue.add(new Candidate(child, bound, false));
                    }
                }
            }
        }
        return null;
    }

    /** Distance from (x, y) to a box, as {@code Envelope.distance} to a point's envelope. */
    private static double boxDistance(Envelope e, double x, double y) {
        double dx = Math.max(0, Math.max(e.getMinX() - x, x - e.getMaxX()));
        double dy = Math.max(0, Math.max(e.getMinY() - y, y - e.getMaxY()));
        return dx == 0 ? dy : dy == 0 ? dx : Math.hypot(dx, dy);
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
