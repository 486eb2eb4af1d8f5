package liuyu.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import liuyu.atlas.Feature;
import liuyu.geo.MetricProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Reads a line layer into reaches, in whichever form its attributes take:
 * <ul>
 * <li>NHDPlus value-added attributes ({@code comid}, {@code hydroseq}, {@code dnhydroseq},
 *     {@code dnminorhyd}, {@code levelpathid}, {@code lengthkm}; names in any case);</li>
 * <li>HydroRIVERS ({@code HYRIV_ID}, {@code NEXT_DOWN}, {@code LENGTH_KM}; main stems derived);</li>
 * <li>generic ({@code downstream}, optional {@code diversions}, {@code mainstem}, and a length in km as
 *     {@code lengthKm} or {@code documentedLengthKm}; the feature id is the reach id);</li>
 * <li>no topology attributes: lines drawn in flow direction, a line flowing into the line whose
 *     first vertex lies within the snap tolerance of its last vertex.</li>
 * </ul>
 * Lengths without an attribute are measured on the geometry in metres (UTM 50N).
 */
public final class LineImporter {

    public enum Form { NHDPLUS, HYDRORIVERS, GENERIC, SNAPPED }

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final double snapToleranceM;

    public LineImporter(double snapToleranceM) {
        this.snapToleranceM = snapToleranceM;
    }

    public static Form detect(List<Feature> lines) {
        if (lines.isEmpty()) {
            return Form.GENERIC;
        }
        Map<String, Object> first = lowerKeys(lines.get(0).properties());
        if (first.containsKey("comid") && first.containsKey("hydroseq")) {
            return Form.NHDPLUS;
        }
        if (first.containsKey("hyriv_id")) {
            return Form.HYDRORIVERS;
        }
        if (first.containsKey("downstream")) {
            return Form.GENERIC;
        }
        return Form.SNAPPED;
    }

    /** Reads and builds; throws {@link NetworkImportException} listing every error (and the warnings so far). */
    public NetworkImport importLines(List<Feature> lines) {
        List<Problem> problems = new ArrayList<>();
        List<Reach> reaches = switch (detect(lines)) {
            case NHDPLUS -> nhdplus(lines, problems);
            case HYDRORIVERS -> hydrorivers(lines, problems);
            case GENERIC -> generic(lines, problems);
            case SNAPPED -> snapped(lines, problems);
        };
        if (problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
            throw new NetworkImportException(problems);
        }
        NetworkImport built;
        try {
            built = new NetworkBuilder().build(reaches);
        } catch (NetworkImportException e) {
            List<Problem> all = new ArrayList<>(e.problems());
            all.addAll(problems);
            throw new NetworkImportException(all);
        }
        List<Problem> warnings = new ArrayList<>(problems);
        warnings.addAll(built.warnings());
        return new NetworkImport(built.network(), warnings);
    }

    private static List<Reach> nhdplus(List<Feature> lines, List<Problem> problems) {
        Map<Long, String> comidByHydroseq = new HashMap<>();
        List<Map<String, Object>> props = new ArrayList<>();
        for (Feature f : lines) {
            Map<String, Object> p = lowerKeys(f.properties());
            props.add(p);
            Long hydroseq = whole(p.get("hydroseq"));
            Long comid = whole(p.get("comid"));
            if (hydroseq != null && comid != null) {
                comidByHydroseq.put(hydroseq, Long.toString(comid));
            }
        }
        List<Reach> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> p = props.get(i);
            Long comid = whole(p.get("comid"));
            Double km = number(p.get("lengthkm"));
            Object levelPath = p.containsKey("levelpathid") ? p.get("levelpathid") : p.get("levelpathi");
            if (comid == null || whole(p.get("hydroseq")) == null || km == null) {
                problems.add(Problem.error("missing-attribute", "feature '" + lines.get(i).id()
                    + "' needs whole-number comid and hydroseq and a numeric lengthkm", List.of(lines.get(i).id())));
                continue;
            }
            String down = byHydroseq(p.get("dnhydroseq"), comidByHydroseq);
            String minor = byHydroseq(p.get("dnminorhyd"), comidByHydroseq);
            Long stem = whole(levelPath);
            out.add(new Reach(Long.toString(comid), km * 1000, down, minor == null ? List.of() : List.of(minor),
                stem == null ? null : Long.toString(stem)));
        }
        return out;
    }

    /** NHDPlus links by hydrologic sequence number; 0 means none. An unknown one keeps a readable id for the warning. */
    private static String byHydroseq(Object value, Map<Long, String> comidByHydroseq) {
        Long seq = whole(value);
        if (seq == null || seq == 0) {
            return null;
        }
        return comidByHydroseq.getOrDefault(seq, "hydroseq " + seq);
    }

    private static List<Reach> hydrorivers(List<Feature> lines, List<Problem> problems) {
        List<Reach> out = new ArrayList<>();
        for (Feature f : lines) {
            Map<String, Object> p = lowerKeys(f.properties());
            Long id = whole(p.get("hyriv_id"));
            Long next = whole(p.get("next_down"));
            Double km = number(p.get("length_km"));
            if (id == null || next == null || km == null) {
                problems.add(Problem.error("missing-attribute", "feature '" + f.id()
                    + "' needs whole-number HYRIV_ID and NEXT_DOWN and a numeric LENGTH_KM", List.of(f.id())));
                continue;
            }
            out.add(new Reach(Long.toString(id), km * 1000, next == 0 ? null : Long.toString(next), List.of(), null));
        }
        return out;
    }

    private static List<Reach> generic(List<Feature> lines, List<Problem> problems) {
        List<Reach> out = new ArrayList<>();
        for (Feature f : lines) {
            Map<String, Object> p = f.properties();
            Object down = p.get("downstream");
            Object divs = p.getOrDefault("diversions", List.of());
            Object stem = p.get("mainstem");
            if ((down != null && !(down instanceof String)) || !(divs instanceof List<?> list)
                || !list.stream().allMatch(String.class::isInstance) || (stem != null && !(stem instanceof String))) {
                problems.add(Problem.error("bad-attribute", "feature '" + f.id() + "': downstream must be a reach id or null,"
                    + " diversions a list of reach ids, mainstem a string", List.of(f.id())));
                continue;
            }
            Object km = p.containsKey("lengthKm") ? p.get("lengthKm") : p.get("documentedLengthKm");
            double lengthM;
            if (km != null) {
                Double v = number(km);
                if (v == null) {
                    problems.add(Problem.error("bad-attribute", "feature '" + f.id() + "': length in km must be a number, got '"
                        + km + "'", List.of(f.id())));
                    continue;
                }
                lengthM = v * 1000;
            } else {
                lengthM = metricLength(f.geometry());
            }
            out.add(new Reach(f.id(), lengthM, (String) down, list.stream().map(String.class::cast).toList(), (String) stem));
        }
        return out;
    }

    private List<Reach> snapped(List<Feature> lines, List<Problem> problems) {
        List<LineString> metric = new ArrayList<>();
        for (Feature f : lines) {
            LineString line = singleLine(f.geometry());
            if (line == null) {
                problems.add(Problem.error("not-a-line", "feature '" + f.id() + "' is a " + f.geometry().getGeometryType()
                    + " of " + f.geometry().getNumGeometries() + " parts; snapping needs one line per reach", List.of(f.id())));
                metric.add(null);
            } else {
                metric.add((LineString) MetricProjection.toMetric(line));
            }
        }
        STRtree starts = new STRtree();
        STRtree bodies = new STRtree();
        for (int i = 0; i < metric.size(); i++) {
            if (metric.get(i) != null) {
                Coordinate s = metric.get(i).getCoordinateN(0);
                starts.insert(new Envelope(s), i);
                bodies.insert(metric.get(i).getEnvelopeInternal(), i);
            }
        }
        List<Reach> out = new ArrayList<>();
        for (int i = 0; i < metric.size(); i++) {
            LineString line = metric.get(i);
            if (line == null) {
                continue;
            }
            Coordinate end = line.getCoordinateN(line.getNumPoints() - 1);
            Envelope near = new Envelope(end);
            near.expandBy(snapToleranceM);
            List<Integer> found = new ArrayList<>();
            List<Double> gaps = new ArrayList<>();
            for (Object o : starts.query(near)) {
                int j = (Integer) o;
                double gap = metric.get(j).getCoordinateN(0).distance(end);
                if (j != i && gap <= snapToleranceM) {
                    int at = 0;
                    while (at < gaps.size() && gaps.get(at) <= gap) {
                        at++;
                    }
                    found.add(at, j);
                    gaps.add(at, gap);
                }
            }
            String id = lines.get(i).id();
            String down = found.isEmpty() ? null : lines.get(found.get(0)).id();
            List<String> diversions = new ArrayList<>();
            for (int k = 1; k < found.size(); k++) {
                diversions.add(lines.get(found.get(k)).id());
            }
            if (!diversions.isEmpty()) {
                List<String> ids = new ArrayList<>(List.of(id, down));
                ids.addAll(diversions);
                problems.add(Problem.warning("split", "the end of '" + id + "' meets the start of " + found.size()
                    + " lines; no attribute says which is the main stem, so the nearest, '" + down
                    + "', is taken as main and " + diversions + " as diversions", ids));
            }
            if (down == null) {
                for (Object o : bodies.query(near)) {
                    int j = (Integer) o;
                    if (j != i && metric.get(j).distance(GEOMETRY.createPoint(end)) <= snapToleranceM) {
                        problems.add(Problem.warning("unsplit-confluence", "the end of '" + id + "' touches the middle of '"
                            + lines.get(j).id() + "'; split that line at the confluence so '" + id + "' can flow into it",
                            List.of(id, lines.get(j).id())));
                    }
                }
            }
            out.add(new Reach(id, line.getLength(), down, diversions, null));
        }
        return out;
    }

    /** The reach id a line feature gets in the given form: the NHDPlus comid, the HydroRIVERS id, else the feature id. */
    public static String reachId(Feature f, Form form) {
        Map<String, Object> p = lowerKeys(f.properties());
        Long id = switch (form) {
            case NHDPLUS -> whole(p.get("comid"));
            case HYDRORIVERS -> whole(p.get("hyriv_id"));
            case GENERIC, SNAPPED -> null;
        };
        return id == null ? f.id() : Long.toString(id);
    }

    static LineString singleLine(Geometry g) {
        if (g instanceof LineString l) {
            return l;
        }
        if (g instanceof MultiLineString m && m.getNumGeometries() == 1) {
            return (LineString) m.getGeometryN(0);
        }
        return null;
    }

    static double metricLength(Geometry lonLat) {
        return MetricProjection.toMetric(lonLat).getLength();
    }

    private static Map<String, Object> lowerKeys(Map<String, Object> properties) {
        Map<String, Object> out = new HashMap<>();
        properties.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    private static Double number(Object v) {
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        return null;
    }

    private static Long whole(Object v) {
        Double d = number(v);
        return d != null && d == Math.rint(d) ? d.longValue() : null;
    }
}
