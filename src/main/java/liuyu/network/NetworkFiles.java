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

    /** The outcome: the network built, the features kept (joined), and how many rows were read and joined. */
    public record Result(NetworkImport imported, List<Feature> features, int read, int joined) {}

    /** Layer-level description and provenance written with the layer: every feature carries the provenance. */
    public record LayerSpec(String id, String titleEn, String titleZh, Provenance provenance) {}

    private final double snapToleranceM;

    public NetworkFiles(double snapToleranceM) {
        this.snapToleranceM = snapToleranceM;
    }

    /**
     * Reads, joins and builds; throws {@link NetworkImportException} with every problem when refused
     * (with {@code skipInvalid} invalid features are left out and reported among the warnings).
     */
    public Result read(Path flowlines, Path vaa, LineImporter.Form form, boolean skipInvalid, Provenance provenance) {
        List<Problem> problems = new ArrayList<>();
        List<Feature> features = readFlowlines(flowlines, provenance, problems);
        int joined = 0;
        if (vaa != null) {
            joined = join(features, readTable(vaa, problems), skipInvalid, problems);
        }
        if (problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR)) {
            throw new NetworkImportException(problems);
        }
        int read = features.size();
        List<String> unjoined = features.stream()
                .filter(f -> f.properties().containsKey(UNJOINED))
                .map(Feature::id)
                .toList();
        features.removeIf(f -> f.properties().containsKey(UNJOINED));
        NetworkImport imported;
        try {
            imported = new LineImporter(snapToleranceM).importLines(features, form, skipInvalid);
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
                        imported.network(),
                        warnings,
                        imported.form(),
                        imported.formReason(),
                        allSkipped,
                        imported.kept()),
                imported.kept(),
                read,
                joined);
    }

    // marks a flowline left out for want of a VAA row; never written
    private static final String UNJOINED = "\u0000unjoined";

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

    private static List<Feature> readFlowlines(Path file, Provenance provenance, List<Problem> problems) {
        List<Feature> out = new ArrayList<>();
        int[] index = {0};
        boolean collection;
        try {
            collection = eachFeature(file, f -> flowline(f, index[0]++, provenance, problems, out));
        } catch (IOException | JacksonException e) {
            throw new NetworkImportException(List.of(Problem.error(
                    "unreadable",
                    file + ": cannot be read as GeoJSON: " + e.getMessage()
                            + " (convert other formats with ogr2ogr -f GeoJSON)",
                    List.of())));
        }
        if (!collection) {
            throw new NetworkImportException(
                    List.of(Problem.error("unreadable", file + ": must be a GeoJSON FeatureCollection", List.of())));
        }
        return out;
    }

    private static void flowline(
            JsonNode f, int index, Provenance provenance, List<Problem> problems, List<Feature> out) {
        @SuppressWarnings("unchecked")
        Map<String, Object> props = f.path("properties").isObject()
                ? JSON.treeToValue(f.path("properties"), LinkedHashMap.class)
                : new LinkedHashMap<>();
        String id = featureId(f, props, index);
        Geometry g = null;
        JsonNode geometry = f.path("geometry");
        if (!geometry.isNull() && !geometry.isMissingNode()) {
            try {
                g = GeoJson.read(geometry, "geometry");
            } catch (GeoJsonException e) {
                problems.add(Problem.error("bad-geometry", "feature '" + id + "': " + e.getMessage(), List.of(id)));
                return;
            }
        }
        out.add(new Feature(AtlasSchema.RIVERS, id, g, props, provenance));
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

    /** A VAA table: CSV with a header row (numbers parsed), or GeoJSON features' properties. */
    private static List<Map<String, Object>> readTable(Path file, List<Problem> problems) {
        try {
            if (file.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                List<Map<String, Object>> rows = new ArrayList<>();
                try (java.io.BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    String first = lines.readLine();
                    if (first == null) {
                        return rows;
                    }
                    List<String> header = csv(first.replace("\uFEFF", ""));
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.isBlank()) {
                            continue;
                        }
                        List<String> cells = csv(line);
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int c = 0; c < header.size() && c < cells.size(); c++) {
                            row.put(header.get(c), cell(cells.get(c)));
                        }
                        rows.add(row);
                    }
                }
                return rows;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            eachFeature(file, f -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> p = JSON.treeToValue(f.path("properties"), LinkedHashMap.class);
                rows.add(p);
            });
            return rows;
        } catch (IOException | JacksonException e) {
            throw new NetworkImportException(
                    List.of(Problem.error("unreadable", file + ": cannot be read: " + e.getMessage(), List.of())));
        }
    }

    /** CSV cells carry no type: a cell that reads as a number is one. */
    private static Object cell(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            if (t.matches("-?\\d{1,18}")) {
                return Long.parseLong(t);
            }
            if (t.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
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
     * Joins the table's columns onto the flowlines by COMID (or NHDPlusID); a flowline without a row
     * and a row repeated are reported per id. Returns how many flowlines were joined.
     */
    private static int join(
            List<Feature> features, List<Map<String, Object>> rows, boolean skipInvalid, List<Problem> problems) {
        Map<String, Map<String, Object>> byId = new HashMap<>();
        for (Map<String, Object> row : rows) {
            Object key = lower(row).getOrDefault("comid", lower(row).get("nhdplusid"));
            if (key == null) {
                problems.add(Problem.error(
                        "vaa-without-comid", "a VAA row has neither COMID nor NHDPlusID: " + row, List.of()));
                continue;
            }
            String id = Linker.reachId(key);
            if (byId.putIfAbsent(id, row) != null) {
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
        int joined = 0;
        for (int i = 0; i < features.size(); i++) {
            Feature f = features.get(i);
            Map<String, Object> props = lower(f.properties());
            Object key = props.getOrDefault("comid", props.get("nhdplusid"));
            Map<String, Object> row = key == null ? null : byId.get(Linker.reachId(key));
            if (row == null) {
                String message = "feature '" + f.id() + "' has no row in the VAA table (by COMID or NHDPlusID)";
                if (skipInvalid) {
                    problems.add(Problem.warning("no-vaa", message + "; skipped", List.of(f.id())));
                    Map<String, Object> marked = new LinkedHashMap<>(f.properties());
                    marked.put(UNJOINED, true);
                    features.set(i, new Feature(f.layer(), f.id(), f.geometry(), marked, f.provenance()));
                } else {
                    problems.add(Problem.error("no-vaa", message, List.of(f.id())));
                }
                continue;
            }
            Map<String, Object> merged = new LinkedHashMap<>(f.properties());
            Set<String> have = new HashSet<>();
            merged.keySet().forEach(k -> have.add(k.toLowerCase(Locale.ROOT)));
            // the table's value replaces a flowline attribute of the same name in any case
            row.forEach((k, v) -> {
                if (have.contains(k.toLowerCase(Locale.ROOT))) {
                    merged.keySet().removeIf(existing -> existing.equalsIgnoreCase(k));
                }
                merged.put(k, v);
            });
            features.set(i, new Feature(f.layer(), f.id(), f.geometry(), merged, f.provenance()));
            joined++;
        }
        return joined;
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
                            + result.features().size() + " flowlines of " + result.read()
                            + " read"
                            + (result.imported().skipped().isEmpty()
                                    ? ""
                                    : ", " + result.imported().skipped().size() + " skipped as invalid"));
            out.writeName("provenance");
            writeProvenance(spec.provenance(), out);
            out.writeEndObject();
            out.writeName("features");
            out.writeStartArray();
            for (Feature f : result.features()) {
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
            }
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
