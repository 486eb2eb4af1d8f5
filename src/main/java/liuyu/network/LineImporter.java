package liuyu.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import liuyu.atlas.Feature;
import liuyu.geo.Geodesy;
import net.sf.geographiclib.Geodesic;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * Reads a line layer into reaches, in one of these forms (declared, or detected and said):
 * <ul>
 * <li>{@code nhdplus-v2}: NHDPlus V2 flowlines with the PlusFlowlineVAA attributes joined ({@code COMID},
 *     {@code Hydroseq}, {@code DnHydroseq}, {@code DnMinorHyd}, {@code LevelPathI}, {@code LENGTHKM},
 *     {@code Pathlength}; any case);</li>
 * <li>{@code nhdplus-hr}: the same attributes keyed by {@code NHDPlusID};</li>
 * <li>{@code hydrorivers}: {@code HYRIV_ID}, {@code NEXT_DOWN} (0 = outlet), {@code LENGTH_KM},
 *     {@code DIST_DN_KM} as path length; main stems derived;</li>
 * <li>{@code generic}: {@code downstream}, optional {@code diversions}, {@code mainstem},
 *     {@code pathlengthKm}, a length in km as {@code lengthKm} or {@code documentedLengthKm};
 *     the feature id is the reach id;</li>
 * <li>{@code snapped}: no topology attributes; lines drawn in flow direction, a line flowing into
 *     the line whose first vertex lies within the snap tolerance of its last vertex.</li>
 * </ul>
 * Every feature is checked first: a missing geometry, a number given as text, a missing attribute
 * and a repeated id are reported per feature, and either refuse the import or, with skipping on,
 * leave that feature out (reported). Lengths without an attribute are geodesic ({@link Geodesy}).
 */
public final class LineImporter {

    public enum Form {
        NHDPLUS_V2("nhdplus-v2"),
        NHDPLUS_HR("nhdplus-hr"),
        HYDRORIVERS("hydrorivers"),
        GENERIC("generic"),
        SNAPPED("snapped");

        private final String code;

        Form(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        /** A form by its code, or null for {@code auto} (detect); throws on anything else. */
        public static Form parse(String code) {
            if (code == null || code.isBlank() || code.trim().equalsIgnoreCase("auto")) {
                return null;
            }
            for (Form f : values()) {
                if (f.code.equalsIgnoreCase(code.trim())) {
                    return f;
                }
            }
            throw new IllegalArgumentException("network form '" + code + "' is not one of auto, nhdplus-v2, nhdplus-hr,"
                    + " hydrorivers, generic, snapped");
        }
    }

    /** The form detected from the attributes of the first feature, with the attributes that decided it. */
    public record Detected(Form form, String reason) {}

    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final long COASTLINE_FCODE = 56600;

    private final double snapToleranceM;

    public LineImporter(double snapToleranceM) {
        this.snapToleranceM = snapToleranceM;
    }

    /**
     * Which form the attributes of the first feature say; a layer with COMID or NHDPlusID but no
     * hydrologic sequence (flowlines without the VAA table joined) is refused rather than snapped.
     */
    public static Detected detect(List<Feature> lines) {
        if (lines.isEmpty()) {
            return new Detected(Form.GENERIC, "detected: the layer is empty");
        }
        Map<String, Object> first = lowerKeys(lines.get(0).properties());
        boolean sequenced = first.containsKey("hydroseq") && first.containsKey("dnhydroseq");
        if (first.containsKey("downstream")) {
            return new Detected(Form.GENERIC, "detected from the attribute 'downstream'");
        }
        if (first.containsKey("nhdplusid") && sequenced) {
            return new Detected(Form.NHDPLUS_HR, "detected from the attributes NHDPlusID, Hydroseq, DnHydroseq");
        }
        if (first.containsKey("comid") && sequenced) {
            return new Detected(Form.NHDPLUS_V2, "detected from the attributes COMID, Hydroseq, DnHydroseq");
        }
        if (first.containsKey("comid") || first.containsKey("nhdplusid")) {
            throw new NetworkImportException(List.of(Problem.error(
                    "vaa-not-joined",
                    "the flowlines carry "
                            + (first.containsKey("comid") ? "COMID" : "NHDPlusID")
                            + " but no Hydroseq and DnHydroseq: the"
                            + " PlusFlowlineVAA attributes are not joined. Join them (import-network --vaa=) or declare the form"
                            + " snapped to join lines by their ends instead",
                    List.of(lines.get(0).id()))));
        }
        if (first.containsKey("hyriv_id")) {
            return new Detected(Form.HYDRORIVERS, "detected from the attribute HYRIV_ID");
        }
        return new Detected(Form.SNAPPED, "detected: no topology attributes, lines joined end to start");
    }

    /** Detects the form and refuses any invalid feature. */
    public NetworkImport importLines(List<Feature> lines) {
        return importLines(lines, null, false);
    }

    /**
     * Reads and builds in the given form ({@code null}: detect). Invalid features refuse the import
     * or, with {@code skipInvalid}, are left out and reported; throws {@link NetworkImportException}
     * listing every error (and the warnings so far).
     */
    public NetworkImport importLines(List<Feature> lines, Form declared, boolean skipInvalid) {
        Detected detected = declared != null ? new Detected(declared, "declared") : detect(lines);
        Form form = detected.form();
        String reason = detected.reason() + (form == Form.SNAPPED ? "; snap tolerance " + snapToleranceM + " m" : "");
        List<Problem> problems = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Feature> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Feature f : lines) {
            List<String> wrong = check(f, form);
            String id = reachId(f, form);
            if (wrong.isEmpty() && !seen.add(id)) {
                wrong = List.of("duplicate-id: reach id '" + id + "' occurs more than once");
            }
            if (wrong.isEmpty()) {
                valid.add(f);
                continue;
            }
            for (String w : wrong) {
                String code = w.substring(0, w.indexOf(':'));
                String message = "feature '" + f.id() + "': " + w.substring(w.indexOf(':') + 2);
                problems.add(
                        skipInvalid
                                ? Problem.warning(code, message + "; skipped", List.of(f.id()))
                                : Problem.error(code, message, List.of(f.id())));
            }
            if (skipInvalid) {
                skipped.add(f.id());
            }
        }
        if (problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
            throw new NetworkImportException(problems);
        }
        if (form == Form.NHDPLUS_V2 || form == Form.NHDPLUS_HR) {
            valid = withoutCoastlines(valid, problems);
        }
        List<Reach> reaches = switch (form) {
            case NHDPLUS_V2 -> nhdplus(valid, "comid");
            case NHDPLUS_HR -> nhdplus(valid, "nhdplusid");
            case HYDRORIVERS -> hydrorivers(valid);
            case GENERIC -> generic(valid);
            case SNAPPED -> snapped(valid, problems);
        };
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
        return new NetworkImport(built.network(), warnings, form, reason, skipped, valid);
    }

    /** NLDI never navigates along coastlines (FCode 56600): they are left out, and said so. */
    private static List<Feature> withoutCoastlines(List<Feature> lines, List<Problem> problems) {
        List<Feature> out = new ArrayList<>(lines.size());
        List<String> coast = new ArrayList<>();
        for (Feature f : lines) {
            Long fcode = whole(lowerKeys(f.properties()).get("fcode"));
            if (fcode != null && fcode == COASTLINE_FCODE) {
                coast.add(f.id());
            } else {
                out.add(f);
            }
        }
        if (!coast.isEmpty()) {
            problems.add(Problem.warning(
                    "coastline",
                    coast.size() + " coastline flowlines (FCode 56600) are not part of"
                            + " the navigable network, as in NLDI",
                    coast));
        }
        return out;
    }

    /** Every reason this feature cannot be read in the form, each as "code: message". */
    private static List<String> check(Feature f, Form form) {
        List<String> wrong = new ArrayList<>();
        if (f.geometry() == null || f.geometry().isEmpty()) {
            wrong.add("missing-geometry: it has no geometry");
        } else if (!(f.geometry() instanceof LineString) && !(f.geometry() instanceof MultiLineString)) {
            wrong.add("not-a-line: it is a " + f.geometry().getGeometryType());
        } else if (form == Form.SNAPPED && singleLine(f.geometry()) == null) {
            wrong.add("not-a-line: it is a " + f.geometry().getGeometryType() + " of "
                    + f.geometry().getNumGeometries() + " parts; snapping needs one line per reach");
        }
        Map<String, Object> p = lowerKeys(f.properties());
        switch (form) {
            case NHDPLUS_V2, NHDPLUS_HR -> {
                requireWhole(p, form == Form.NHDPLUS_V2 ? "comid" : "nhdplusid", true, wrong);
                requireWhole(p, "hydroseq", true, wrong);
                requireWhole(p, "dnhydroseq", false, wrong);
                requireWhole(p, "dnminorhyd", false, wrong);
                requireWhole(p, p.containsKey("levelpathid") ? "levelpathid" : "levelpathi", false, wrong);
                requireNumber(p, "lengthkm", true, wrong);
                requireNumber(p, "pathlength", false, wrong);
            }
            case HYDRORIVERS -> {
                requireWhole(p, "hyriv_id", true, wrong);
                requireWhole(p, "next_down", true, wrong);
                requireNumber(p, "length_km", true, wrong);
                requireNumber(p, "dist_dn_km", false, wrong);
            }
            case GENERIC -> {
                Map<String, Object> raw = f.properties();
                Object down = raw.get("downstream");
                Object divs = raw.getOrDefault("diversions", List.of());
                Object stem = raw.get("mainstem");
                if (down != null && !(down instanceof String)) {
                    wrong.add("bad-type: downstream must be a reach id (text) or null, got " + down);
                }
                if (!(divs instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                    wrong.add("bad-type: diversions must be a list of reach ids, got " + divs);
                }
                if (stem != null && !(stem instanceof String)) {
                    wrong.add("bad-type: mainstem must be text, got " + stem);
                }
                requireNumber(raw, "lengthKm", false, wrong);
                requireNumber(raw, "documentedLengthKm", false, wrong);
                requireNumber(raw, "pathlengthKm", false, wrong);
            }
            case SNAPPED -> {}
        }
        return wrong;
    }

    private static void requireNumber(Map<String, Object> p, String key, boolean required, List<String> wrong) {
        Object v = p.get(key);
        if (v == null) {
            if (required) {
                wrong.add("missing-attribute: " + key + " is missing");
            }
        } else if (v instanceof String text) {
            wrong.add("bad-type: " + key + " is the text '" + text + "', not a number");
        } else if (number(v) == null) {
            wrong.add("bad-type: " + key + " must be a finite number, got " + v);
        }
    }

    private static void requireWhole(Map<String, Object> p, String key, boolean required, List<String> wrong) {
        int before = wrong.size();
        requireNumber(p, key, required, wrong);
        if (wrong.size() == before && p.get(key) != null && whole(p.get(key)) == null) {
            wrong.add("bad-type: " + key + " must be a whole number, got " + p.get(key));
        }
    }

    private static List<Reach> nhdplus(List<Feature> lines, String idKey) {
        Map<Long, String> idByHydroseq = new HashMap<>();
        List<Map<String, Object>> props = new ArrayList<>();
        for (Feature f : lines) {
            Map<String, Object> p = lowerKeys(f.properties());
            props.add(p);
            idByHydroseq.put(whole(p.get("hydroseq")), Long.toString(whole(p.get(idKey))));
        }
        List<Reach> out = new ArrayList<>();
        for (Map<String, Object> p : props) {
            Object levelPath = p.containsKey("levelpathid") ? p.get("levelpathid") : p.get("levelpathi");
            String down = byHydroseq(p.get("dnhydroseq"), idByHydroseq);
            String minor = byHydroseq(p.get("dnminorhyd"), idByHydroseq);
            Long stem = whole(levelPath);
            Double path = number(p.get("pathlength"));
            out.add(new Reach(
                    Long.toString(whole(p.get(idKey))),
                    number(p.get("lengthkm")) * 1000,
                    down,
                    minor == null ? List.of() : List.of(minor),
                    stem == null ? null : Long.toString(stem),
                    path == null ? Double.NaN : path * 1000));
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

    private static List<Reach> hydrorivers(List<Feature> lines) {
        List<Reach> out = new ArrayList<>();
        for (Feature f : lines) {
            Map<String, Object> p = lowerKeys(f.properties());
            long next = whole(p.get("next_down"));
            Double path = number(p.get("dist_dn_km"));
            out.add(new Reach(
                    Long.toString(whole(p.get("hyriv_id"))),
                    number(p.get("length_km")) * 1000,
                    next == 0 ? null : Long.toString(next),
                    List.of(),
                    null,
                    path == null ? Double.NaN : path * 1000));
        }
        return out;
    }

    private static List<Reach> generic(List<Feature> lines) {
        List<Reach> out = new ArrayList<>();
        for (Feature f : lines) {
            Map<String, Object> p = f.properties();
            Object km = p.containsKey("lengthKm") ? p.get("lengthKm") : p.get("documentedLengthKm");
            double lengthM = km != null ? number(km) * 1000 : Geodesy.lengthM(f.geometry());
            Double path = number(p.get("pathlengthKm"));
            List<?> divs = (List<?>) p.getOrDefault("diversions", List.of());
            out.add(new Reach(
                    f.id(),
                    lengthM,
                    (String) p.get("downstream"),
                    divs.stream().map(String.class::cast).toList(),
                    (String) p.get("mainstem"),
                    path == null ? Double.NaN : path * 1000));
        }
        return out;
    }

    private List<Reach> snapped(List<Feature> lines, List<Problem> problems) {
        List<LineString> geometry = new ArrayList<>();
        STRtree starts = new STRtree();
        STRtree bodies = new STRtree();
        for (int i = 0; i < lines.size(); i++) {
            LineString line = singleLine(lines.get(i).geometry());
            geometry.add(line);
            starts.insert(new Envelope(line.getCoordinateN(0)), i);
            bodies.insert(line.getEnvelopeInternal(), i);
        }
        // the tolerance in degrees, generously (a degree of latitude is at least 110.5 km); gaps are then geodesic
        double degrees = snapToleranceM / 100_000.0;
        List<Reach> out = new ArrayList<>();
        for (int i = 0; i < geometry.size(); i++) {
            LineString line = geometry.get(i);
            Coordinate end = line.getCoordinateN(line.getNumPoints() - 1);
            Envelope near = new Envelope(end);
            near.expandBy(degrees / Math.max(Math.cos(Math.toRadians(end.y)), 0.01), degrees);
            List<Integer> found = new ArrayList<>();
            List<Double> gaps = new ArrayList<>();
            for (Object o : starts.query(near)) {
                int j = (Integer) o;
                Coordinate start = geometry.get(j).getCoordinateN(0);
                double gap = Geodesic.WGS84.Inverse(end.y, end.x, start.y, start.x).s12;
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
                problems.add(Problem.warning(
                        "split",
                        "the end of '" + id + "' meets the start of " + found.size()
                                + " lines; no attribute says which is the main stem, so the nearest, '" + down
                                + "', is taken as main and " + diversions + " as diversions",
                        ids));
            }
            if (down == null) {
                int band = Geodesy.band(end.x);
                for (Object o : bodies.query(near)) {
                    int j = (Integer) o;
                    if (j != i
                            && Geodesy.toLocal(geometry.get(j), band)
                                            .distance(GEOMETRY.createPoint(Geodesy.toLocal(end.x, end.y, band)))
                                    <= snapToleranceM) {
                        problems.add(Problem.warning(
                                "unsplit-confluence",
                                "the end of '" + id + "' touches the middle of '"
                                        + lines.get(j).id() + "'; split that line at the confluence so '" + id
                                        + "' can flow into it",
                                List.of(id, lines.get(j).id())));
                    }
                }
            }
            out.add(new Reach(id, Geodesy.lengthM(line), down, diversions, null));
        }
        return out;
    }

    /** The reach id a line feature gets in the given form: the NHDPlus comid, the HydroRIVERS id, else the feature id. */
    public static String reachId(Feature f, Form form) {
        Map<String, Object> p = lowerKeys(f.properties());
        Long id = switch (form) {
            case NHDPLUS_V2 -> whole(p.get("comid"));
            case NHDPLUS_HR -> whole(p.get("nhdplusid"));
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
