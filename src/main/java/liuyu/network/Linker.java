package liuyu.network;

import java.util.Optional;
import liuyu.atlas.Feature;
import liuyu.geo.MetricProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.linearref.LengthIndexedLine;

/**
 * Places points on reaches, in metres (UTM 50N). A point that names its reach (property
 * {@code reach}) is placed on that reach, so a section at a confluence stays on the river it
 * monitors; any other point goes to the nearest reach. Either way a point farther than the
 * tolerance from the line is not linked.
 */
final class Linker {
    private static final GeometryFactory METRIC = new GeometryFactory();

    private final Network network;
    private final LineString[] lines;
    private final double toleranceM;
    private final STRtree index = new STRtree();

    /** {@code lonLatLines[i]} is reach i's geometry (null when it has none) */
    Linker(Network network, LineString[] lonLatLines, double toleranceM) {
        this.network = network;
        this.toleranceM = toleranceM;
        this.lines = new LineString[lonLatLines.length];
        for (int i = 0; i < lonLatLines.length; i++) {
            if (lonLatLines[i] != null) {
                lines[i] = (LineString) MetricProjection.toMetric(lonLatLines[i]);
                index.insert(lines[i].getEnvelopeInternal(), i);
            }
        }
        index.build();
    }

    /** The nearest reach within the tolerance. */
    Optional<Link> nearest(double lon, double lat) {
        Point p = METRIC.createPoint(MetricProjection.toMetric(lon, lat));
        Envelope near = new Envelope(p.getCoordinate());
        near.expandBy(toleranceM);
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (Object o : index.query(near)) {
            int r = (Integer) o;
            double d = lines[r].distance(p);
            if (d < bestDistance || (d == bestDistance && network.id(r).compareTo(network.id(best)) < 0)) {
                best = r;
                bestDistance = d;
            }
        }
        return best < 0 || bestDistance > toleranceM ? Optional.empty() : Optional.of(place(best, p.getCoordinate()));
    }

    /** Links a point feature, or says why it cannot be linked. */
    Placement link(Feature f) {
        Coordinate c = f.geometry().getCoordinate();
        Object declared = f.properties().get("reach");
        if (declared != null) {
            int r = network.index(declared.toString());
            if (r < 0 || lines[r] == null) {
                return new Unlinked(f, "declares reach '" + declared + "', which is not in the network");
            }
            Link link = place(r, MetricProjection.toMetric(c.x, c.y));
            if (link.offsetM() > toleranceM) {
                return new Unlinked(f, "lies " + Math.round(link.offsetM()) + " m from its declared reach '" + declared
                    + "', beyond the link tolerance of " + Math.round(toleranceM) + " m");
            }
            return new LinkedFeature(f, link);
        }
        Optional<Link> link = nearest(c.x, c.y);
        if (link.isEmpty()) {
            return new Unlinked(f, "no reach within the link tolerance of " + Math.round(toleranceM) + " m");
        }
        return new LinkedFeature(f, link.get());
    }

    private Link place(int reach, Coordinate metric) {
        LineString line = lines[reach];
        LengthIndexedLine along = new LengthIndexedLine(line);
        double at = along.project(metric);
        Coordinate onLine = along.extractPoint(at);
        double fromUpstream = line.getLength() == 0 ? 0 : at / line.getLength();
        double fromDownstreamM = (1 - fromUpstream) * network.lengthM(reach);
        return new Link(network.id(reach), 100 * (1 - fromUpstream), fromDownstreamM, onLine.distance(metric));
    }
}
