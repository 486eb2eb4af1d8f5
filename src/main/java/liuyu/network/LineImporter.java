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
        Reader reader = reader(declared != null ? new Detected(declared, "declared") : detect(lines), skipInvalid);
        List<Feature> kept = new ArrayList<>();
        for (Feature f : lines) {
            if (reader.accept(f)) {
                kept.add(f);
            }
        }
        return reader.finish(kept);
    }

    /** A reader that takes the features one at a time in the given form; see {@link Reader}. */
    Reader reader(Detected detected, boolean skipInvalid) {
        return new Reader(detected, skipInvalid);
    }

    /**
     * Checks features one at a time and keeps of each only what the network needs (its id, links,
     * length and path length; for snapped lines the line itself), never the feature: a million
     * flowlines can stream through it. {@link #finish} reports and builds.
     */
    final class Reader {
        private final Form form;
        private final String reason;
        private final boolean skipInvalid;
        private final List<Problem> problems = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private Set<String> seen = new HashSet<>();
        private final List<String> coast = new ArrayList<>();
        // nhdplus forms: one row per kept feature, primitive columns (links by hydrologic sequence)
        private int rows;
        private String[] ids = new String[16];
        private long[] hydroseq = new long[16];
        private long[] dnHydroseq = new long[16];
        private long[] dnMinor = new long[16];
        private long[] levelPath = new long[16];
        private double[] lengthKm = new double[16];
        private double[] pathKm = new double[16];
        // other forms: a reach per kept feature (snapped: its id and line, linked when all are read)
        private List<Reach> reaches = new ArrayList<>();
        private List<String> lineIds = new ArrayList<>();
        private List<LineString> lines = new ArrayList<>();

        private Reader(Detected detected, boolean skipInvalid) {
            this.form = detected.form();
            this.reason = detected.reason() + (form == Form.SNAPPED ? "; snap tolerance " + snapToleranceM + " m" : "");
            this.skipInvalid = skipInvalid;
        }

        /** Checks one feature and keeps what the network needs of it; false when it is left out (reported). */
        boolean accept(Feature f) {
            Map<String, Object> p = lowerKeys(f.properties());
            List<String> wrong = check(f, p, form);
            String id = reachId(f, p, form);
            if (wrong.isEmpty() && !seen.add(id)) {
                wrong = List.of("duplicate-id: reach id '" + id + "' occurs more than once");
            }
            if (!wrong.isEmpty()) {
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
                return false;
            }
            if (form == Form.NHDPLUS_V2 || form == Form.NHDPLUS_HR) {
                // NLDI never navigates along coastlines (FCode 56600): they are left out, and said so
                Long fcode = whole(p.get("fcode"));
                if (fcode != null && fcode == COASTLINE_FCODE) {
                    coast.add(f.id());
                    return false;
                }
                nhdplusRow(id, p);
                return true;
            }
            switch (form) {
                case HYDRORIVERS -> reaches.add(hydroriversReach(id, p));
                case GENERIC -> reaches.add(genericReach(f));
                case SNAPPED -> {
                    lineIds.add(f.id());
                    lines.add(singleLine(f.geometry()));
                }
                default -> throw new IllegalStateException(form.code());
            }
            return true;
        }

        private void nhdplusRow(String id, Map<String, Object> p) {
            if (rows == ids.length) {
                int size = rows * 2;
                ids = java.util.Arrays.copyOf(ids, size);
                hydroseq = java.util.Arrays.copyOf(hydroseq, size);
                dnHydroseq = java.util.Arrays.copyOf(dnHydroseq, size);
                dnMinor = java.util.Arrays.copyOf(dnMinor, size);
                levelPath = java.util.Arrays.copyOf(levelPath, size);
                lengthKm = java.util.Arrays.copyOf(lengthKm, size);
                pathKm = java.util.Arrays.copyOf(pathKm, size);
            }
            Object stem = p.containsKey("levelpathid") ? p.get("levelpathid") : p.get("levelpathi");
            Long down = whole(p.get("dnhydroseq"));
            Long minor = whole(p.get("dnminorhyd"));
            Long level = whole(stem);
            Double path = number(p.get("pathlength"));
            ids[rows] = id;
            hydroseq[rows] = whole(p.get("hydroseq"));
            dnHydroseq[rows] = down == null ? 0 : down;
            dnMinor[rows] = minor == null ? 0 : minor;
            levelPath[rows] = level == null ? NO_LEVEL_PATH : level;
            lengthKm[rows] = number(p.get("lengthkm"));
            pathKm[rows] = path == null ? Double.NaN : path;
            rows++;
        }

        /**
         * Refuses (every error, with the warnings so far) or builds the network; {@code kept} are the features the
         * caller kept of those accepted, carried in the result.
         */
        NetworkImport finish(List<Feature> kept) {
            if (problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
                throw new NetworkImportException(problems);
            }
            if (!coast.isEmpty()) {
                problems.add(Problem.warning(
                        "coastline",
                        coast.size() + " coastline flowlines (FCode 56600) are not part of"
                                + " the navigable network, as in NLDI",
                        coast));
            }
            seen = null;
            List<Reach> all = switch (form) {
                case NHDPLUS_V2, NHDPLUS_HR -> nhdplusReaches();
                case HYDRORIVERS, GENERIC -> reaches;
                case SNAPPED -> snapped(lineIds, lines, problems);
            };
            reaches = null;
            lines = null;
            NetworkImport built;
            try {
                built = new NetworkBuilder().build(all);
            } catch (NetworkImportException e) {
                List<Problem> errors = new ArrayList<>(e.problems());
                errors.addAll(problems);
                throw new NetworkImportException(errors);
            }
            List<Problem> warnings = new ArrayList<>(problems);
            warnings.addAll(built.warnings());
            return new NetworkImport(built.network(), warnings, form, reason, skipped, kept);
        }

        /** NHDPlus links by hydrologic sequence number (0: none); the columns are let go as the reaches are made. */
        private List<Reach> nhdplusReaches() {
            LongIntMap rowByHydroseq = new LongIntMap(rows);
            for (int i = 0; i < rows; i++) {
                rowByHydroseq.put(hydroseq[i], i); // a repeated sequence number: the last row wins
            }
            List<Reach> out = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                String minor = byHydroseq(dnMinor[i], rowByHydroseq);
                out.add(new Reach(
                        ids[i],
                        lengthKm[i] * 1000,
                        byHydroseq(dnHydroseq[i], rowByHydroseq),
                        minor == null ? List.of() : List.of(minor),
                        levelPath[i] == NO_LEVEL_PATH ? null : Long.toString(levelPath[i]),
                        Double.isNaN(pathKm[i]) ? Double.NaN : pathKm[i] * 1000));
            }
            ids = null;
            hydroseq = dnHydroseq = dnMinor = levelPath = null;
            lengthKm = pathKm = null;
            return out;
        }

        /** An unknown sequence number keeps a readable id for the warning. */
        private String byHydroseq(long seq, LongIntMap rowByHydroseq) {
            if (seq == 0) {
                return null;
            }
            int row = rowByHydroseq.get(seq);
            return row < 0 ? "hydroseq " + seq : ids[row];
        }
    }

    // a level path id no source uses (NHDPlus ids are positive)
    private static final long NO_LEVEL_PATH = Long.MIN_VALUE;

    /** Open addressing from long keys to non-negative ints: a million sequence numbers without a box each. */
    private static final class LongIntMap {
        private final long[] keys;
        private final int[] values;
        private final boolean[] used;

        LongIntMap(int expected) {
            int capacity = Integer.highestOneBit(Math.max(expected, 1) * 2 + 1) << 1;
            keys = new long[capacity];
            values = new int[capacity];
            used = new boolean[capacity];
        }

        private int slot(long key) {
            int mask = keys.length - 1;
            int s = (int) (Long.hashCode(key * 0x9E3779B97F4A7C15L) & mask);
            while (used[s] && keys[s] != key) {
                s = (s + 1) & mask;
            }
            return s;
        }

        void put(long key, int value) {
            int s = slot(key);
            used[s] = true;
            keys[s] = key;
            values[s] = value;
        }

        int get(long key) {
            int s = slot(key);
            return used[s] ? values[s] : -1;
        }
    }

    /** Every reason this feature cannot be read in the form, each as "code: message". */
    private static List<String> check(Feature f, Map<String, Object> p, Form form) {
        List<String> wrong = new ArrayList<>();
        if (f.geometry() == null || f.geometry().isEmpty()) {
            wrong.add("missing-geometry: it has no geometry");
        } else if (!(f.geometry() instanceof LineString) && !(f.geometry() instanceof MultiLineString)) {
            wrong.add("not-a-line: it is a " + f.geometry().getGeometryType());
        } else if (form == Form.SNAPPED && singleLine(f.geometry()) == null) {
            wrong.add("not-a-line: it is a " + f.geometry().getGeometryType() + " of "
                    + f.geometry().getNumGeometries() + " parts; snapping needs one line per reach");
        }
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

    private static Reach hydroriversReach(String id, Map<String, Object> p) {
        long next = whole(p.get("next_down"));
        Double path = number(p.get("dist_dn_km"));
        return new Reach(
                id,
                number(p.get("length_km")) * 1000,
                next == 0 ? null : Long.toString(next),
                List.of(),
                null,
                path == null ? Double.NaN : path * 1000);
    }

    private static Reach genericReach(Feature f) {
        Map<String, Object> p = f.properties();
        Object km = p.containsKey("lengthKm") ? p.get("lengthKm") : p.get("documentedLengthKm");
        double lengthM = km != null ? number(km) * 1000 : Geodesy.lengthM(f.geometry());
        Double path = number(p.get("pathlengthKm"));
        List<?> divs = (List<?>) p.getOrDefault("diversions", List.of());
        return new Reach(
                f.id(),
                lengthM,
                (String) p.get("downstream"),
                divs.stream().map(String.class::cast).toList(),
                (String) p.get("mainstem"),
                path == null ? Double.NaN : path * 1000);
    }

    private List<Reach> snapped(List<String> ids, List<LineString> geometry, List<Problem> problems) {
        STRtree starts = new STRtree();
        STRtree bodies = new STRtree();
        for (int i = 0; i < geometry.size(); i++) {
            LineString line = geometry.get(i);
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
            String id = ids.get(i);
            String down = found.isEmpty() ? null : ids.get(found.get(0));
            List<String> diversions = new ArrayList<>();
            for (int k = 1; k < found.size(); k++) {
                diversions.add(ids.get(found.get(k)));
            }
            if (!diversions.isEmpty()) {
                List<String> concerned = new ArrayList<>(List.of(id, down));
                concerned.addAll(diversions);
                problems.add(Problem.warning(
                        "split",
                        "the end of '" + id + "' meets the start of " + found.size()
                                + " lines; no attribute says which is the main stem, so the nearest, '" + down
                                + "', is taken as main and " + diversions + " as diversions",
                        concerned));
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
                                        + ids.get(j) + "'; split that line at the confluence so '" + id
                                        + "' can flow into it",
                                List.of(id, ids.get(j))));
                    }
                }
            }
            out.add(new Reach(id, Geodesy.lengthM(line), down, diversions, null));
        }
        return out;
    }

    /** The reach id a line feature gets in the given form: the NHDPlus comid, the HydroRIVERS id, else the feature id. */
    public static String reachId(Feature f, Form form) {
        return reachId(f, lowerKeys(f.properties()), form);
    }

    private static String reachId(Feature f, Map<String, Object> p, Form form) {
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
