package liuyu.network;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import liuyu.atlas.Feature;
import liuyu.geo.Geodesy;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * Places points on reaches as NLDI does: a point that names its reach (the first configured property
 * it has, e.g. {@code reach} or {@code comid}) goes to that reach wherever it lies; else the reach whose
 * catchment contains it; else the nearest reach within the tolerance. Distances are metres in a local
 * transverse Mercator around the point ({@link Geodesy}), so linking works anywhere on Earth.
 */
final class Linker {
    // widest a degree of latitude gets is 111.7 km; use less so the search box never falls short
    private static final double METRES_PER_DEGREE = 110_000;

    private final Network network;
    private final LineString[] lines;
    private final double toleranceM;
    private final List<String> reachProperties;
    private final BiFunction<Double, Double, String> catchmentReach;
    private final STRtree index = new STRtree();

    /**
     * {@code lonLatLines[i]} is reach i's geometry (null when it has none); {@code catchmentReach} gives
     * the reach of the catchment containing a lon/lat point, or null.
     */
    Linker(
            Network network,
            LineString[] lonLatLines,
            double toleranceM,
            List<String> reachProperties,
            BiFunction<Double, Double, String> catchmentReach) {
        this.network = network;
        this.toleranceM = toleranceM;
        this.lines = lonLatLines;
        this.reachProperties = List.copyOf(reachProperties);
        this.catchmentReach = catchmentReach;
        for (int i = 0; i < lonLatLines.length; i++) {
            if (lonLatLines[i] != null) {
                index.insert(lonLatLines[i].getEnvelopeInternal(), i);
            }
        }
        index.build();
    }

    /** The reach of the catchment containing the position, else the nearest reach within the tolerance. */
    Optional<ReachLink> locate(double lon, double lat) {
        String inCatchment = catchmentReach.apply(lon, lat);
        if (inCatchment != null) {
            int r = network.index(inCatchment);
            if (r >= 0 && lines[r] != null) {
                return Optional.of(place(r, lon, lat, ReachLink.Method.CATCHMENT));
            }
        }
        return nearest(lon, lat);
    }

    /** The nearest reach within the tolerance. */
    Optional<ReachLink> nearest(double lon, double lat) {
        int band = Geodesy.band(lon);
        Coordinate p = Geodesy.toLocal(lon, lat, band);
        double cos = Math.max(Math.cos(Math.toRadians(lat)), 0.01);
        Envelope near = new Envelope(
                lon - toleranceM / (METRES_PER_DEGREE * cos),
                lon + toleranceM / (METRES_PER_DEGREE * cos),
                lat - toleranceM / METRES_PER_DEGREE,
                lat + toleranceM / METRES_PER_DEGREE);
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (Object o : index.query(near)) {
            int r = (Integer) o;
            LineString local = (LineString) Geodesy.toLocal(lines[r], band);
            double d = local.distance(local.getFactory().createPoint(p));
            if (d < bestDistance || (d == bestDistance && network.id(r).compareTo(network.id(best)) < 0)) {
                best = r;
                bestDistance = d;
            }
        }
        return best < 0 || bestDistance > toleranceM
                ? Optional.empty()
                : Optional.of(place(best, lon, lat, ReachLink.Method.NEAREST));
    }

    /** Links a point feature, or says why it cannot be linked. */
    Placement link(Feature f) {
        Coordinate c = f.geometry().getCoordinate();
        String declaredBy = null;
        Object declared = null;
        for (String key : reachProperties) {
            for (Map.Entry<String, Object> e : f.properties().entrySet()) {
                if (declared == null && e.getValue() != null && e.getKey().equalsIgnoreCase(key)) {
                    declaredBy = e.getKey();
                    declared = e.getValue();
                }
            }
        }
        if (declared != null) {
            String id = reachId(declared);
            int r = network.index(id);
            if (r < 0 || lines[r] == null) {
                return new Unlinked(
                        f, "declares reach '" + id + "' (property '" + declaredBy + "'), which is not in the network");
            }
            return new LinkedFeature(f, place(r, c.x, c.y, ReachLink.Method.DECLARED));
        }
        Optional<ReachLink> link = locate(c.x, c.y);
        if (link.isEmpty()) {
            return new Unlinked(
                    f,
                    "no catchment contains it and no reach lies within the link tolerance of " + Math.round(toleranceM)
                            + " m");
        }
        return new LinkedFeature(f, link.get());
    }

    /** A comid read from JSON may be a number (12345 or 12345.0): the reach id is its whole-number text. */
    static String reachId(Object value) {
        if (value instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 1e17) {
            return Long.toString(n.longValue());
        }
        return value.toString().trim();
    }

    private ReachLink place(int reach, double lon, double lat, ReachLink.Method method) {
        int band = Geodesy.band(lon);
        LineString line = (LineString) Geodesy.toLocal(lines[reach], band);
        Coordinate p = Geodesy.toLocal(lon, lat, band);
        LengthIndexedLine along = new LengthIndexedLine(line);
        double at = along.project(p);
        Coordinate onLine = along.extractPoint(at);
        double fromUpstream = line.getLength() == 0 ? 0 : at / line.getLength();
        double fromDownstreamM = (1 - fromUpstream) * network.lengthM(reach);
        return new ReachLink(network.id(reach), 100 * (1 - fromUpstream), fromDownstreamM, onLine.distance(p), method);
    }
}
