package liuyu.atlas;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import liuyu.geo.MetricProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * The spatial index over every polygon ("zone") layer. Large polygons are cut into pieces of at most
 * {@link #MAX_PIECE_VERTICES} vertices so the STRtree filter stays tight; each piece is prepared for
 * fast point tests. Distances use each zone's outline projected once to metres.
 */
public final class ZoneIndex {
    public static final double NEARBY_METRES = 5000;
    static final int MAX_PIECE_VERTICES = 256;
    private static final int MAX_SPLIT_DEPTH = 10;
    // Generous degrees-per-5-km bound for the candidate search; exact distances are then metric.
    private static final double NEARBY_LAT_DEG = NEARBY_METRES / 110_000.0;

    private record Zone(Feature feature, int layerOrder, IndexedFacetDistance outline) {
    }

    private record Piece(Zone zone, PreparedGeometry geometry) {
    }

    private final List<Zone> zones = new ArrayList<>();
    private final STRtree pieces = new STRtree();
    private final STRtree wholeZones = new STRtree();
    private final int pieceCount;
    private final GeometryFactory factory = new GeometryFactory();

    ZoneIndex(List<Layer> polygonLayers) {
        int order = 0;
        int count = 0;
        for (Layer layer : polygonLayers) {
            for (Feature f : layer.features()) {
                Geometry metric = MetricProjection.toMetric(f.geometry());
                Zone zone = new Zone(f, order, new IndexedFacetDistance(metric.getBoundary()));
                zones.add(zone);
                wholeZones.insert(f.geometry().getEnvelopeInternal(), zone);
                for (Geometry piece : subdivide(f.geometry())) {
                    pieces.insert(piece.getEnvelopeInternal(), new Piece(zone, PreparedGeometryFactory.prepare(piece)));
                    count++;
                }
            }
            order++;
        }
        pieces.build();
        wholeZones.build();
        pieceCount = count;
    }

    public int zoneCount() {
        return zones.size();
    }

    public int pieceCount() {
        return pieceCount;
    }

    /** The zones covering the point (boundary included), in layer then feature order. */
    public List<Feature> containing(double lon, double lat) {
        List<Zone> hits = containingZones(lon, lat);
        List<Feature> out = new ArrayList<>(hits.size());
        for (Zone z : hits) {
            out.add(z.feature);
        }
        return out;
    }

    private List<Zone> containingZones(double lon, double lat) {
        Point p = factory.createPoint(new Coordinate(lon, lat));
        List<Zone> hits = new ArrayList<>(8);
        pieces.query(new Envelope(lon, lon, lat, lat), item -> {
            Piece piece = (Piece) item;
            if (!contains(hits, piece.zone) && piece.geometry.covers(p)) {
                hits.add(piece.zone);
            }
        });
        hits.sort(ZONE_ORDER);
        return hits;
    }

    /** The brute-force answer, scanning every zone without the index: the oracle for tests and benchmarks. */
    public List<Feature> containingByScan(double lon, double lat) {
        Point p = factory.createPoint(new Coordinate(lon, lat));
        List<Feature> out = new ArrayList<>();
        for (Zone z : zones) {
            if (z.feature.geometry().covers(p)) {
                out.add(z.feature);
            }
        }
        return out;
    }

    Location locate(double lon, double lat) {
        List<Zone> inside = containingZones(lon, lat);
        Coordinate m = MetricProjection.toMetric(lon, lat);
        Point metricPoint = factory.createPoint(m);
        List<Location.Hit> within = new ArrayList<>(inside.size());
        for (Zone z : inside) {
            within.add(new Location.Hit(z.feature, z.outline.distance(metricPoint)));
        }
        double dLon = NEARBY_LAT_DEG / Math.max(0.1, Math.cos(Math.toRadians(lat)));
        Envelope search = new Envelope(lon - dLon, lon + dLon, lat - NEARBY_LAT_DEG, lat + NEARBY_LAT_DEG);
        Map<Integer, Location.Hit> nearestPerLayer = new HashMap<>();
        Map<Zone, Boolean> insideSet = new IdentityHashMap<>();
        inside.forEach(z -> insideSet.put(z, Boolean.TRUE));
        wholeZones.query(search, item -> {
            Zone z = (Zone) item;
            if (insideSet.containsKey(z)) {
                return;
            }
            double d = z.outline.distance(metricPoint);
            if (d > NEARBY_METRES) {
                return;
            }
            Location.Hit best = nearestPerLayer.get(z.layerOrder);
            if (best == null || d < best.distanceM()
                || (d == best.distanceM() && z.feature.id().compareTo(best.feature().id()) < 0)) {
                nearestPerLayer.put(z.layerOrder, new Location.Hit(z.feature, d));
            }
        });
        List<Map.Entry<Integer, Location.Hit>> entries = new ArrayList<>(nearestPerLayer.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        List<Location.Hit> nearby = new ArrayList<>(entries.size());
        for (Map.Entry<Integer, Location.Hit> e : entries) {
            nearby.add(e.getValue());
        }
        return new Location(lon, lat, within, nearby);
    }

    private static boolean contains(List<Zone> zones, Zone zone) {
        for (Zone z : zones) {
            if (z == zone) {
                return true;
            }
        }
        return false;
    }

    private static final Comparator<Zone> ZONE_ORDER = Comparator.<Zone>comparingInt(z -> z.layerOrder)
        .thenComparing(z -> z.feature.id());

    /** Cuts a polygon by recursive halving of its envelope until each piece is small. */
    static List<Geometry> subdivide(Geometry polygon) {
        List<Geometry> out = new ArrayList<>();
        split(polygon, 0, out);
        return out;
    }

    private static void split(Geometry g, int depth, List<Geometry> out) {
        if (g.getNumPoints() <= MAX_PIECE_VERTICES || depth >= MAX_SPLIT_DEPTH) {
            if (!g.isEmpty()) {
                out.add(g);
            }
            return;
        }
        Envelope e = g.getEnvelopeInternal();
        boolean vertical = e.getWidth() >= e.getHeight();
        double mid = vertical ? (e.getMinX() + e.getMaxX()) / 2 : (e.getMinY() + e.getMaxY()) / 2;
        Envelope a = vertical ? new Envelope(e.getMinX(), mid, e.getMinY(), e.getMaxY())
            : new Envelope(e.getMinX(), e.getMaxX(), e.getMinY(), mid);
        Envelope b = vertical ? new Envelope(mid, e.getMaxX(), e.getMinY(), e.getMaxY())
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
                Geometry piece = part.getGeometryN(i);
                if (piece.getDimension() == 2 && !piece.isEmpty()) {
                    split(piece, depth + 1, out);
                }
            }
        }
    }
}
