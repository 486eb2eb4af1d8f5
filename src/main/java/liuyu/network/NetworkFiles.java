package liuyu.network;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.Feature;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.geo.GeoJson;
import liuyu.geo.GeoJsonException;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a river network from files: flowlines as a GeoJSON FeatureCollection (convert any other
 * format with {@code ogr2ogr -f GeoJSON}), optionally joined by COMID (or NHDPlusID) to a value-added
 * attribute table given as CSV or GeoJSON (NHDPlus PlusFlowlineVAA), checked and built in the declared
 * or detected form, and written as an atlas layer file ({@code import --layer=} or gis/ reads it).
 * Everything found is reported per feature; nothing is written when the network is refused.
 */
public final class NetworkFiles {
    // features are read one by one from the middle of a stream: what follows one is not "trailing"
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * The outcome: the network built, how many flowlines were read and joined, and how many are kept; the kept
     * features themselves are not held (a million of them would not fit well) but read again from the files,
     * joined again, when the layer file is written.
     */
    public static final class Result {
        private final NetworkImport imported;
        private final int read;
        private final int joined;
        private final Path flowlines;
        private final Table table;
        private final Provenance provenance;
        private final java.util.BitSet kept;

        private Result(
                NetworkImport imported,
                int read,
                int joined,
                Path flowlines,
                Table table,
                Provenance provenance,
                java.util.BitSet kept) {
            this.imported = imported;
            this.read = read;
            this.joined = joined;
            this.flowlines = flowlines;
            this.table = table;
            this.provenance = provenance;
            this.kept = kept;
        }

        public NetworkImport imported() {
            return imported;
        }

        public int read() {
            return read;
        }

        public int joined() {
            return joined;
        }

        /** How many flowlines are in the network (and in the layer file). */
        public int keptCount() {
            return kept.cardinality();
        }

        /** Streams the kept flowlines, joined, in file order: the files are read again. */
        public void forEachKept(java.util.function.Consumer<Feature> each) throws IOException {
            int[] index = {0};
            eachFeature(flowlines, node -> {
                int at = index[0]++;
                if (kept.get(at)) {
                    Feature f = flowline(node, at, provenance, new ArrayList<>());
                    each.accept(table == null ? f : table.join(f, false, new ArrayList<>()));
                }
            });
        }

        /** The kept flowlines as a list: for small networks (tests); large ones go through {@link #forEachKept}. */
        public List<Feature> features() throws IOException {
            List<Feature> out = new ArrayList<>();
            forEachKept(out::add);
            return out;
        }
    }

    /** Layer-level description and provenance written with the layer: every feature carries the provenance. */
    public record LayerSpec(String id, String titleEn, String titleZh, Provenance provenance) {}

    private final double snapToleranceM;

    public NetworkFiles(double snapToleranceM) {
        this.snapToleranceM = snapToleranceM;
    }

    /**
     * Reads, joins and builds in one streaming pass over the flowlines, keeping of each flowline only what the
     * network needs; throws {@link NetworkImportException} with every problem when refused (with
     * {@code skipInvalid} invalid features are left out and reported among the warnings).
     */
    public Result read(Path flowlines, Path vaa, LineImporter.Form form, boolean skipInvalid, Provenance provenance) {
        List<Problem> readProblems = new ArrayList<>();
        List<Problem> tableProblems = new ArrayList<>();
        List<Problem> joinProblems = new ArrayList<>();
        Table table = vaa == null ? null : Table.read(vaa, skipInvalid, tableProblems);
        LineImporter importer = new LineImporter(snapToleranceM);
        LineImporter.Reader[] reader = {null};
        NetworkImportException[] undetected = {null};
        List<String> unjoined = new ArrayList<>();
        java.util.BitSet kept = new java.util.BitSet();
        int[] counts = new int[3]; // position in the file, read, joined
        boolean collection;
        try {
            collection = eachFeature(flowlines, node -> {
                int index = counts[0]++;
                Feature f = flowline(node, index, provenance, readProblems);
                if (f == null) {
                    return;
                }
                counts[1]++;
                if (table != null) {
                    Feature joined = table.join(f, skipInvalid, joinProblems);
                    if (joined == null) {
                        unjoined.add(f.id());
                        return;
                    }
                    f = joined;
                    counts[2]++;
                }
                if (reader[0] == null && undetected[0] == null) {
                    try {
                        // the form is detected from the first flowline read and joined, as before streaming
                        reader[0] = importer.reader(
                                form != null
                                        ? new LineImporter.Detected(form, "declared")
                                        : LineImporter.detect(List.of(f)),
                                skipInvalid);
                    } catch (NetworkImportException e) {
                        undetected[0] = e;
                    }
                }
                if (reader[0] != null && reader[0].accept(f)) {
                    kept.set(index);
                }
            });
        } catch (IOException | JacksonException e) {
            throw new NetworkImportException(List.of(Problem.error(
                    "unreadable",
                    flowlines + ": cannot be read as GeoJSON: " + e.getMessage()
                            + " (convert other formats with ogr2ogr -f GeoJSON)",
                    List.of())));
        }
        if (!collection) {
            throw new NetworkImportException(List.of(
                    Problem.error("unreadable", flowlines + ": must be a GeoJSON FeatureCollection", List.of())));
        }
        List<Problem> problems = new ArrayList<>(readProblems);
        problems.addAll(tableProblems);
        problems.addAll(joinProblems);
        if (problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
            throw new NetworkImportException(problems);
        }
        NetworkImport imported;
        try {
            if (undetected[0] != null) {
                throw undetected[0];
            }
            if (reader[0] == null) {
                reader[0] = importer.reader(
                        form != null ? new LineImporter.Detected(form, "declared") : LineImporter.detect(List.of()),
                        skipInvalid);
            }
            imported = reader[0].finish(List.of());
        } catch (NetworkImportException e) {
            List<Problem> all = new ArrayList<>(problems);
            all.addAll(e.problems());
            throw new NetworkImportException(all);
        }
        List<Problem> warnings = new ArrayList<>(problems);
        warnings.addAll(imported.warnings());
        List<String> allSkipped = new ArrayList<>(unjoined);
        allSkipped.addAll(imported.skipped());
        return new Result(
                new NetworkImport(
                        imported.network(), warnings, imported.form(), imported.formReason(), allSkipped, List.of()),
                counts[1],
                counts[2],
                flowlines,
                table,
                provenance,
                kept);
    }

    /**
     * Streams a FeatureCollection's features to {@code each}, one feature's tree at a time (a million flowlines
     * never sit in memory as one JSON tree); false when the file has no top-level {@code features} array.
     */
    private static boolean eachFeature(Path file, java.util.function.Consumer<JsonNode> each) throws IOException {
        boolean found = false;
        try (JsonParser p = JSON.createParser(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String member = p.currentName();
                if (p.nextToken() == JsonToken.START_ARRAY && member.equals("features")) {
                    found = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        each.accept(JSON.readTree(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return found;
    }

    /** One flowline as a feature, or null when its geometry cannot be read (reported). */
    private static Feature flowline(JsonNode f, int index, Provenance provenance, List<Problem> problems) {
        Map<String, Object> props = properties(f);
        String id = featureId(f, props, index);
        Geometry g = null;
        JsonNode geometry = f.path("geometry");
        if (!geometry.isNull() && !geometry.isMissingNode()) {
            try {
                g = GeoJson.read(geometry, "geometry");
            } catch (GeoJsonException e) {
                problems.add(Problem.error("bad-geometry", "feature '" + id + "': " + e.getMessage(), List.of(id)));
                return null;
            }
        }
        return new Feature(AtlasSchema.RIVERS, id, g, props, provenance);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(JsonNode f) {
        return f.path("properties").isObject()
                ? JSON.treeToValue(f.path("properties"), LinkedHashMap.class)
                : new LinkedHashMap<>();
    }

    /** The feature's id, else its COMID, NHDPlusID or HYRIV_ID, else its position in the file. */
    private static String featureId(JsonNode f, Map<String, Object> props, int index) {
        JsonNode id = f.path("id");
        if (id.isString() || id.isNumber()) {
            return Linker.reachId(id.isNumber() ? id.numberValue() : id.asString());
        }
        for (String key : List.of("comid", "nhdplusid", "hyriv_id")) {
            Object v = lower(props).get(key);
            if (v != null) {
                return Linker.reachId(v);
            }
        }
        return "features[" + index + "]";
    }

    /** CSV cells carry no type: a cell that reads as a number is one. */
    private static final java.util.regex.Pattern WHOLE = java.util.regex.Pattern.compile("-?\\d{1,18}");

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private static Object cell(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            if (WHOLE.matcher(t).matches()) {
                return Long.parseLong(t);
            }
            if (DECIMAL.matcher(t).matches()) {
                return Double.parseDouble(t);
            }
        } catch (NumberFormatException e) {
            return t;
        }
        return t;
    }

    private static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }

    /**
     * A VAA table held as its rows' text by COMID (or NHDPlusID), each row parsed again when it is joined: a
     * million rows as maps of boxed numbers would weigh several times more.
     */
    private static final class Table {
        private final List<String> header; // null for a GeoJSON table (rows are properties objects as JSON)
        private final Map<String, String> rows;

        private final int
                keyColumn; // the one CSV column named COMID, else the one named NHDPlusID; -1: none or ambiguous

        private Table(List<String> header, Map<String, String> rows) {
            this.header = header;
            this.rows = rows;
            int comid = header == null ? -1 : column(header, "comid");
            int nhdplusid = header == null ? -1 : column(header, "nhdplusid");
            this.keyColumn = comid != -1 ? Math.max(comid, -1) : Math.max(nhdplusid, -1);
        }

        /** The index of the only column of this name (any case); -1 when there is none or more than one. */
        private static int column(List<String> header, String name) {
            int found = -1;
            for (int c = 0; c < header.size(); c++) {
                if (header.get(c).equalsIgnoreCase(name)) {
                    if (found >= 0) {
                        return -2;
                    }
                    found = c;
                }
            }
            return found;
        }

        /** Reads CSV with a header row (numbers parsed), or GeoJSON features' properties; a row repeated is reported. */
        static Table read(Path file, boolean skipInvalid, List<Problem> problems) {
            Map<String, String> rows = new HashMap<>();
            try {
                if (file.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    try (java.io.BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        String first = lines.readLine();
                        List<String> header = first == null ? List.of() : csv(first.replace("\uFEFF", ""));
                        Table table = new Table(header, rows);
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            if (!line.isBlank()) {
                                table.index(line, skipInvalid, problems);
                            }
                        }
                        return table;
                    }
                }
                Table table = new Table(null, rows);
                eachFeature(
                        file, f -> table.index(JSON.writeValueAsString(f.path("properties")), skipInvalid, problems));
                return table;
            } catch (IOException | JacksonException e) {
                throw new NetworkImportException(
                        List.of(Problem.error("unreadable", file + ": cannot be read: " + e.getMessage(), List.of())));
            }
        }

        private Map<String, Object> parse(String text) {
            if (header == null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = JSON.readValue(text, LinkedHashMap.class);
                return p;
            }
            List<String> cells = csv(text);
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size() && c < cells.size(); c++) {
                row.put(header.get(c), cell(cells.get(c)));
            }
            return row;
        }

        private void index(String text, boolean skipInvalid, List<Problem> problems) {
            Object key = null;
            if (keyColumn >= 0) {
                // only the key cell is read here: the row is parsed whole when it is joined
                List<String> cells = csv(text);
                key = keyColumn < cells.size() ? cell(cells.get(keyColumn)) : null;
            }
            if (key == null) {
                Map<String, Object> row = parse(text);
                key = lower(row).getOrDefault("comid", lower(row).get("nhdplusid"));
            }
            if (key == null) {
                Map<String, Object> row = parse(text);
                problems.add(Problem.error(
                        "vaa-without-comid", "a VAA row has neither COMID nor NHDPlusID: " + row, List.of()));
                return;
            }
            String id = Linker.reachId(key);
            if (rows.putIfAbsent(id, text) != null) {
                problems.add(
                        skipInvalid
                                ? Problem.warning(
                                        "duplicate-vaa",
                                        "VAA row for " + id + " repeated; the first is used",
                                        List.of(id))
                                : Problem.error(
                                        "duplicate-vaa", "VAA row for " + id + " occurs more than once", List.of(id)));
            }
        }

        /**
         * The flowline with the table's columns joined by COMID (or NHDPlusID), or null when it has no row
         * (reported: an error, or with skipping a warning).
         */
        Feature join(Feature f, boolean skipInvalid, List<Problem> problems) {
            Map<String, Object> props = lower(f.properties());
            Object key = props.getOrDefault("comid", props.get("nhdplusid"));
            String text = key == null ? null : rows.get(Linker.reachId(key));
            if (text == null) {
                String message = "feature '" + f.id() + "' has no row in the VAA table (by COMID or NHDPlusID)";
                problems.add(
                        skipInvalid
                                ? Problem.warning("no-vaa", message + "; skipped", List.of(f.id()))
                                : Problem.error("no-vaa", message, List.of(f.id())));
                return null;
            }
            Map<String, Object> merged = new LinkedHashMap<>(f.properties());
            Set<String> have = new HashSet<>();
            merged.keySet().forEach(k -> have.add(k.toLowerCase(Locale.ROOT)));
            // the table's value replaces a flowline attribute of the same name in any case
            parse(text).forEach((k, v) -> {
                if (have.contains(k.toLowerCase(Locale.ROOT))) {
                    merged.keySet().removeIf(existing -> existing.equalsIgnoreCase(k));
                }
                merged.put(k, v);
            });
            return new Feature(f.layer(), f.id(), f.geometry(), merged, f.provenance());
        }
    }

    private static Map<String, Object> lower(Map<String, Object> m) {
        Map<String, Object> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    /**
     * Writes the kept flowlines as an atlas layer file: the layer member with its provenance, each
     * feature with {@code nameZh} (GNIS_NAME or name, else the reach id) and the provenance fields.
     */
    public static void write(Result result, LayerSpec spec, OutputStream target) throws IOException {
        try (JsonGenerator out = JSON.createGenerator(target)) {
            out.writeStartObject();
            out.writeStringProperty("type", "FeatureCollection");
            out.writeName("layer");
            out.writeStartObject();
            out.writeStringProperty("id", spec.id());
            out.writeStringProperty("geometry", "line");
            out.writeName("network"); // the form travels with the layer into atlas.yaml or PostGIS
            out.writeStartObject();
            out.writeStringProperty("form", result.imported().form().code());
            out.writeEndObject();
            out.writeStringProperty("titleEn", spec.titleEn());
            out.writeStringProperty("titleZh", spec.titleZh());
            out.writeStringProperty(
                    "description",
                    "River network imported as " + result.imported().form().code() + " ("
                            + result.imported().formReason() + "); "
                            + result.keptCount() + " flowlines of " + result.read()
                            + " read"
                            + (result.imported().skipped().isEmpty()
                                    ? ""
                                    : ", " + result.imported().skipped().size() + " skipped as invalid"));
            out.writeName("provenance");
            writeProvenance(spec.provenance(), out);
            out.writeEndObject();
            out.writeName("features");
            out.writeStartArray();
            result.forEachKept(f -> {
                Map<String, Object> props = new LinkedHashMap<>(f.properties());
                Map<String, Object> low = lower(props);
                Object name = low.getOrDefault("gnis_name", low.get("name"));
                props.putIfAbsent("nameZh", name == null || name.toString().isBlank() ? f.id() : name.toString());
                props.put("method", spec.provenance().method().code());
                props.put("source", spec.provenance().source());
                props.put("licence", spec.provenance().licence());
                props.put("accuracy", spec.provenance().accuracy());
                props.put("authoritative", spec.provenance().authoritative());
                GeoJson.writeFeature(f.id(), props, f.geometry(), out, GeoJson.Style.CRS84);
            });
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    private static void writeProvenance(Provenance p, JsonGenerator out) {
        out.writeStartObject();
        out.writeStringProperty("method", p.method().code());
        out.writeStringProperty("source", p.source());
        out.writeStringProperty("licence", p.licence());
        out.writeStringProperty("accuracy", p.accuracy());
        out.writeBooleanProperty("authoritative", p.authoritative());
        out.writeEndObject();
    }

    /** The provenance of an import, from the command line; every field is required (honest data). */
    public static Provenance provenance(
            String method, String source, String licence, String accuracy, boolean authoritative) {
        Method m = Method.parse(method == null ? "" : method);
        if (m == null
                || source == null
                || source.isBlank()
                || licence == null
                || licence.isBlank()
                || accuracy == null
                || accuracy.isBlank()) {
            throw new IllegalArgumentException(
                    "--method (surveyed|derived|schematic|synthetic), --source, --licence and"
                            + " --accuracy are required: every layer says where it came from");
        }
        return new Provenance(m, source, licence, accuracy, authoritative);
    }
}
