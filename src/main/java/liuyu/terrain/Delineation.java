package liuyu.terrain;

import java.util.BitSet;
import liuyu.geo.GeoJson;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * The area draining to a point (汇水范围): the point is snapped to the nearest stream cell — one draining at
 * least a threshold area — within a stated distance (so a click beside a stream lands on it, as StreamStats
 * does), and every cell whose D8 path passes through that cell belongs to the catchment.
 */
public final class Delineation {
    /** Default snapping distance, in metres. */
    public static final double DEFAULT_SNAP_M = 100;
    /** Largest snapping distance accepted, in metres. */
    public static final double MAX_SNAP_M = 2_000;
    /** Default drainage area from which a cell counts as a stream, in km². */
    public static final double DEFAULT_STREAM_KM2 = 0.1;

    private final FlowGrid flow;
    private final DemCrs crs;

    /**
     * @param requested the point asked about; {@code snapped} the centre of the outlet cell, {@code snapDistanceM}
     *                  how far that is from the requested point's cell; {@code onStream} whether the outlet is a
     *                  stream cell (false: none within the snapping distance, the point's own cell was used)
     */
    public record Catchment(
            Point requested,
            Point snapped,
            double snapDistanceM,
            boolean onStream,
            double streamKm2,
            Geometry area,
            double areaKm2,
            int cells) {}

    public Delineation(FlowGrid flow) {
        this.flow = flow;
        this.crs = new DemCrs(flow.grid().info().proj4());
    }

    public DemInfo dem() {
        return flow.grid().info();
    }

    /** The catchment of the point, or a TerrainException saying why there is none (outside the DEM, no data). */
    public Catchment of(double lon, double lat, double snapM, double streamKm2) {
        Coordinate p = crs.toOwn(lon, lat);
        double[] gt = flow.grid().info().geoTransform();
        int col = (int) Math.floor((p.x - gt[0]) / gt[1]);
        int row = (int) Math.floor((p.y - gt[3]) / gt[5]);
        int w = flow.width();
        int h = flow.height();
        if (col < 0 || row < 0 || col >= w || row >= h) {
            throw new TerrainException(
                    "the point lies outside the DEM (" + dem().file().getFileName() + ")");
        }
        if (Float.isNaN(flow.grid().z()[row * w + col])) {
            throw new TerrainException("the DEM has no data at the point");
        }
        int stream = snap(col, row, snapM, streamKm2);
        int outlet = stream < 0 ? row * w + col : stream;
        BitSet upstream = upstream(outlet);
        double area = 0;
        for (int c = upstream.nextSetBit(0); c >= 0; c = upstream.nextSetBit(c + 1)) {
            area += flow.dx(c / w) * flow.dy(c / w);
        }
        Geometry polygon = crs.toLonLat(CellOutline.of(upstream, w, h, gt));
        int oc = outlet % w;
        int or = outlet / w;
        Point snapped = GeoJson.FACTORY.createPoint(crs.toLonLat(DemCrs.NATIVE.createPoint(
                        new Coordinate(flow.grid().x(oc), flow.grid().y(or))))
                .getCoordinate());
        double moved = Math.hypot((oc - col) * flow.dx(row), (or - row) * flow.dy(row));
        return new Catchment(
                GeoJson.FACTORY.createPoint(new Coordinate(lon, lat)),
                snapped,
                moved,
                stream >= 0,
                streamKm2,
                polygon,
                area / 1e6,
                upstream.cardinality());
    }

    /** The nearest stream cell within {@code snapM} of (col, row), the larger stream among equals; -1 if there is none. */
    private int snap(int col, int row, double snapM, double streamKm2) {
        int w = flow.width();
        int rr = (int) Math.ceil(snapM / flow.dy(row));
        int rc = (int) Math.ceil(snapM / flow.dx(row));
        double streamCells = streamKm2 * 1e6 / (flow.dx(row) * flow.dy(row));
        int best = -1;
        int bestAcc = 0;
        double bestDist = Double.MAX_VALUE;
        for (int r = Math.max(0, row - rr); r <= Math.min(flow.height() - 1, row + rr); r++) {
            for (int c = Math.max(0, col - rc); c <= Math.min(w - 1, col + rc); c++) {
                int cell = r * w + c;
                double dist = Math.hypot((c - col) * flow.dx(row), (r - row) * flow.dy(row));
                if (dist > snapM || Float.isNaN(flow.grid().z()[cell])) {
                    continue;
                }
                int a = flow.accumulation(cell);
                if (a < streamCells) {
                    continue;
                }
                if (dist < bestDist || (dist == bestDist && a > bestAcc)) {
                    best = cell;
                    bestAcc = a;
                    bestDist = dist;
                }
            }
        }
        return best;
    }

    /** The outlet and every cell draining through it: a walk up the D8 tree. */
    private BitSet upstream(int outlet) {
        int w = flow.width();
        int h = flow.height();
        BitSet in = new BitSet(w * h);
        int[] queue = new int[Math.max(16, flow.accumulation(outlet))];
        int head = 0;
        int tail = 0;
        queue[tail++] = outlet;
        in.set(outlet);
        while (head < tail) {
            int c = queue[head++];
            int col = c % w;
            int row = c / w;
            for (int d = 0; d < 8; d++) {
                int nc = col + FlowGrid.DC[d];
                int nr = row + FlowGrid.DR[d];
                if (nc < 0 || nr < 0 || nc >= w || nr >= h) {
                    continue;
                }
                int nb = nr * w + nc;
                // the neighbour drains here if its direction is the opposite of d
                if (!in.get(nb) && flow.direction(nb) == ((d + 4) & 7)) {
                    in.set(nb);
                    queue[tail++] = nb;
                }
            }
        }
        return in;
    }
}
