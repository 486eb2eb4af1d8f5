package liuyu.imports;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.Feature;
import liuyu.atlas.GeometryKind;
import liuyu.atlas.Layer;
import liuyu.atlas.LayerInfo;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.geo.BeijingTime;
import liuyu.geo.Dms;
import liuyu.geo.GeoJson;
import liuyu.geo.GeoJsonException;
import liuyu.geo.SourceCrs;
import liuyu.imports.SourceReader.RawFeature;
import liuyu.imports.SourceReader.Source;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what a source file holds into one Liuyu layer: attribute mapping, CRS to CRS84, the kind's required
 * attributes, then exactly the checks start-up applies ({@link AtlasLoader#readFeatures}). Everything found
 * is collected; a plan with problems is refused as a whole and writes nothing.
 */
public final class LayerImport {
    /** Stored coordinates keep 8 decimals (about a millimetre) so imported vertices stay within a centimetre of the source. */
    public static final GeoJson.Style STYLE = new GeoJson.Style(false, 8);
    private static final List<String> LON_NAMES = List.of("lon", "lng", "long", "longitude", "x", "经度", "东经");
    private static final List<String> LAT_NAMES = List.of("lat", "latitude", "y", "纬度", "北纬");
    private static final int LISTED = 10;

    /** What the user asked for; provenance values are the layer-level defaults (method, source, licence, accuracy, authoritative). */
    public record Options(String layerId, LayerKind kind, String crs, Map<String, String> map, boolean makeValid,
                          String titleEn, String titleZh, String description, Map<String, Object> provenance) {
    }

    /** The outcome: the layer (null when refused), its GeoJSON, and everything the report shows. */
    public record Plan(Source source, String layerId, LayerKind kind, SourceCrs crs, String crsHow, Map<String, String> mapping,
                       Map<String, Integer> geometryTypes, Envelope bbox, List<String> problems, List<String> warnings,
                       List<String> repairs, LayerInfo info, byte[] geojson, Layer layer) {
        public boolean refused() {
            return !problems.isEmpty();
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();

    public Plan plan(Source source, Options options) {
        String file = source.file().toString();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> repairs = new ArrayList<>();
        Map<String, String> mapping = new LinkedHashMap<>(options.map());
        for (Map.Entry<String, String> m : mapping.entrySet()) {
            if (!source.fields().contains(m.getValue())) {
                problems.add("--map " + m.getKey() + "=" + m.getValue() + ": " + file + " has no attribute '" + m.getValue()
                    + "' (attributes: " + String.join(", ", source.fields()) + ")");
            }
        }
        boolean tabular = source.features().stream().allMatch(f -> f.geometry() == null) && !source.features().isEmpty();
        String lonField = tabular ? column(source.fields(), mapping.get("lon"), LON_NAMES) : null;
        String latField = tabular ? column(source.fields(), mapping.get("lat"), LAT_NAMES) : null;
        if (tabular && (lonField == null || latField == null)) {
            problems.add(file + ": no geometry, and no longitude/latitude columns found (looked for " + String.join(", ", LON_NAMES)
                + " / " + String.join(", ", LAT_NAMES) + "): name them with --map lon=<column> --map lat=<column>");
            return refused(source, options, null, null, mapping, problems, warnings, repairs);
        }

        // 1. CRS: --crs, else what the file declares, else lon/lat only if the numbers are lon/lat
        String crsText = options.crs() != null ? options.crs() : source.declaredCrs();
        String crsHow = options.crs() != null ? "given with --crs" : "declared by the file (" + source.format() + ")";
        if (options.crs() != null && source.declaredCrs() != null && !options.crs().equalsIgnoreCase(source.declaredCrs())) {
            warnings.add("--crs=" + options.crs() + " overrides the CRS the file declares (" + source.declaredCrs() + ")");
        }
        if (options.crs() == null && source.declaredCrs() == null && source.declaredCrsName() != null) {
            problems.add(file + ": unknown CRS: the file declares '" + source.declaredCrsName() + "', which has no EPSG code;"
                + " give its EPSG code with --crs (supported: " + supported() + ")");
            return refused(source, options, null, null, mapping, problems, warnings, repairs);
        }
        SourceCrs crs = crsText == null ? null : SourceCrs.parse(crsText);
        if (crsText != null && crs == null) {
            problems.add(file + ": unknown CRS '" + crsText + "' (" + crsHow + "); supported: " + supported());
            return refused(source, options, null, null, mapping, problems, warnings, repairs);
        }
        if (crs != null && crs.approximate() && options.crs() == null) {
            problems.add(file + ": declares " + crs.label() + ": Xi'an 1980 and Beijing 1954 are imported only with an explicit"
                + " --crs=" + crs.code() + ", and the result is labelled approximate (no official transformation parameters are public)");
            return refused(source, options, crs, crsHow, mapping, problems, warnings, repairs);
        }
        List<double[]> points = tabular ? new ArrayList<>() : null;
        if (tabular) {
            for (RawFeature f : source.features()) {
                points.add(lonLat(f, lonField, latField, file, problems));
            }
        }
        if (crs == null) {
            Envelope raw = new Envelope();
            if (tabular) {
                points.stream().filter(p -> p != null).forEach(p -> raw.expandToInclude(p[0], p[1]));
            } else {
                source.features().forEach(f -> expand(f.geometry(), raw));
            }
            if (raw.isNull() || raw.getMinX() >= -180 && raw.getMaxX() <= 180 && raw.getMinY() >= -90 && raw.getMaxY() <= 90) {
                crs = SourceCrs.parse("CRS84");
                crsHow = "none declared; the coordinates lie within longitude/latitude ranges, so they are taken as CRS84";
                warnings.add(file + ": no CRS declared: coordinates taken as WGS84 lon/lat (CRS84); if they were copied from a web map,"
                    + " give --crs=GCJ-02 or --crs=BD-09");
            } else {
                problems.add(file + ": no CRS declared and the coordinates are not longitude/latitude (x " + (long) raw.getMinX() + " to "
                    + (long) raw.getMaxX() + ", y " + (long) raw.getMinY() + " to " + (long) raw.getMaxY() + "): likely "
                    + SourceCrs.likelyFamily(raw.getMinX(), raw.getMaxX(), raw.getMinY(), raw.getMaxY()) + "; give --crs");
                return refused(source, options, null, null, mapping, problems, warnings, repairs);
            }
        }

        // 2. features: mapped attributes, id, geometry in CRS84
        SourceCrs.Transform transform = crs.transform();
        Map<String, String> renamed = new LinkedHashMap<>();
        mapping.forEach((target, src) -> {
            if (!target.equals("lon") && !target.equals("lat")) {
                renamed.put(src, target);
            }
        });
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> props = new ArrayList<>();
        List<Geometry> geometries = new ArrayList<>();
        Map<String, Integer> types = new TreeMap<>();
        Envelope bbox = new Envelope();
        int noId = 0;
        List<String> noName = new ArrayList<>();
        for (RawFeature f : source.features()) {
            Map<String, Object> p = new LinkedHashMap<>();
            f.properties().forEach((k, v) -> {
                if (!(tabular && (k.equals(lonField) || k.equals(latField)))) {
                    p.put(renamed.getOrDefault(k, k), v);
                }
            });
            Object idValue = p.remove("id");
            if (idValue == null && !mapping.containsKey("id")) {
                idValue = f.fid();
            }
            String id = idValue == null || idValue.toString().isBlank() ? null : idValue.toString().trim();
            String label = id == null ? "feature #" + (f.index() + 1) : "feature '" + id + "'";
            if (id == null) {
                noId++;
                continue;
            }
            if (p.get("nameZh") == null || p.get("nameZh").toString().isBlank()) {
                noName.add(id);
            }
            Geometry g;
            try {
                JsonNode node = tabular ? point(points.get(f.index()), transform) : f.geometry() == null ? null : reproject(f.geometry(), transform);
                if (node == null) {
                    if (!tabular) { // a table row without a point was reported with its coordinate columns
                        problems.add(file + ": " + label + ": no geometry");
                    }
                    continue;
                }
                g = GeoJson.read(node, "geometry");
            } catch (GeoJsonException | IllegalArgumentException e) {
                problems.add(file + ": " + label + ": " + e.getMessage());
                continue;
            }
            TopologyValidationError invalid = new IsValidOp(g).getValidationError();
            if (invalid != null) {
                String reason = invalid.getMessage() + " at " + invalid.getCoordinate().x + " " + invalid.getCoordinate().y;
                if (options.makeValid() && g instanceof Polygonal) {
                    Geometry fixed = GeometryFixer.fix(g);
                    repairs.add(label + ": " + reason + ": repaired to a valid " + fixed.getGeometryType() + " (area "
                        + Math.round(liuyu.geo.MetricProjection.toMetric(g.buffer(0)).getArea()) + " m² by the even-odd reading, "
                        + Math.round(liuyu.geo.MetricProjection.toMetric(fixed).getArea()) + " m² after repair)");
                    g = fixed;
                } else {
                    problems.add(file + ": " + label + ": invalid geometry: " + reason
                        + (g instanceof Polygonal ? " (--make-valid repairs it and reports the repair)" : ""));
                    continue;
                }
            }
            types.merge(g.getGeometryType(), 1, Integer::sum);
            bbox.expandToInclude(g.getEnvelopeInternal());
            ids.add(id);
            props.add(p);
            geometries.add(g);
        }
        if (noId > 0) {
            problems.add(file + ": " + noId + " of " + source.features().size() + " features have no id: required attribute 'id' missing;"
                + " map one with --map id=<attribute> (attributes: " + String.join(", ", source.fields()) + ")");
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                problems.add(file + ": feature '" + id + "': duplicate id");
            }
        }

        // 3. the layer's kind and its required attributes
        GeometryKind geometry = options.kind() != null ? options.kind().geometry() : geometryOf(types);
        if (geometry == null) {
            problems.add(file + ": mixes geometry types " + types + ": one layer holds polygons, lines or points; split the file"
                + " (--source-layer, or ogr2ogr -where)");
            return refused(source, options, crs, crsHow, mapping, problems, warnings, repairs);
        }
        LayerKind kind = options.kind() != null ? options.kind() : LayerKind.of(options.layerId(), geometry);
        for (String attribute : kind.required(options.layerId())) {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Object v = props.get(i).get(attribute);
                if (v == null || v.toString().isBlank()) {
                    missing.add(ids.get(i));
                }
            }
            if (!missing.isEmpty() && missing.size() == ids.size()) {
                problems.add(file + ": required attribute '" + attribute + "' of " + kind.code() + " layers is not mapped: give"
                    + " --map " + attribute + "=<attribute> (attributes: " + String.join(", ", source.fields()) + ")");
            } else if (!missing.isEmpty()) {
                problems.add(file + ": required attribute '" + attribute + "' missing on " + missing.size() + " features: "
                    + shortList(missing));
            }
        }
        if (!noName.isEmpty()) {
            warnings.add(file + ": nameZh missing on " + noName.size() + " features (" + shortList(noName) + "): the id is shown"
                + " instead; map a name with --map nameZh=<attribute>");
        }

        // 4. layer provenance, then the start-up checks over the layer as it will be stored
        Provenance provenance = provenance(options.provenance(), crs, problems);
        String description = options.description() != null ? options.description()
            : "Imported with liuyu import from " + source.file().getFileName() + " (" + source.format()
                + (source.layer() == null ? "" : ", layer '" + source.layer() + "'") + ") on "
                + BeijingTime.today() + "; CRS " + crs.label() + " " + crsHow + "; transformation: " + crs.transformation() + ".";
        if (provenance == null || !problems.isEmpty()) {
            return refused(source, options, crs, crsHow, mapping, problems, warnings, repairs);
        }
        LayerInfo info = new LayerInfo(options.layerId(), options.titleEn() == null ? options.layerId() : options.titleEn(),
            options.titleZh() == null ? "" : options.titleZh(), description, geometry, provenance, "", null, null, file);
        byte[] bytes = write(ids, props, geometries);
        // validity was judged above (where --make-valid may repair); the rest of the start-up checks run here
        List<Feature> features = new AtlasLoader().readFeatures(bytes, info, file, false, problems);
        if (!problems.isEmpty()) {
            return refused(source, options, crs, crsHow, mapping, problems, warnings, repairs);
        }
        return new Plan(source, options.layerId(), kind, crs, crsHow, mapping, types, bbox, problems, warnings, repairs, info, bytes,
            new Layer(info, features));
    }

    private Plan refused(Source source, Options options, SourceCrs crs, String crsHow, Map<String, String> mapping, List<String> problems,
                         List<String> warnings, List<String> repairs) {
        return new Plan(source, options.layerId(), options.kind(), crs, crsHow, mapping, Map.of(), new Envelope(), problems, warnings,
            repairs, null, null, null);
    }

    static String supported() {
        return "EPSG:4490, EPSG:4326, CRS84, CGCS2000 Gauss-Krüger EPSG:4491–4554, WGS 84 / UTM EPSG:32601–32660 and 32701–32760,"
            + " GCJ-02, BD-09; with an explicit --crs only: Xi'an 1980 (EPSG:4610, 2327–2390) and Beijing 1954 (EPSG:4214,"
            + " 21413–21423, 21473–21483, 2401–2442), approximate";
    }

    private static String shortList(List<String> ids) {
        return String.join(", ", ids.subList(0, Math.min(LISTED, ids.size()))) + (ids.size() > LISTED ? ", …" : "");
    }

    private static GeometryKind geometryOf(Map<String, Integer> types) {
        GeometryKind kind = null;
        for (String t : types.keySet()) {
            GeometryKind k = t.endsWith("Polygon") ? GeometryKind.POLYGON : t.endsWith("LineString") ? GeometryKind.LINE
                : t.endsWith("Point") ? GeometryKind.POINT : null;
            if (k == null || kind != null && kind != k) {
                return null;
            }
            kind = k;
        }
        return kind == null ? GeometryKind.POINT : kind;
    }

    private static String column(List<String> fields, String mapped, List<String> names) {
        if (mapped != null) {
            return fields.contains(mapped) ? mapped : null;
        }
        for (String n : names) {
            for (String f : fields) {
                if (f.trim().equalsIgnoreCase(n)) {
                    return f;
                }
            }
        }
        return null;
    }

    private static double[] lonLat(RawFeature f, String lonField, String latField, String file, List<String> problems) {
        Object lon = f.properties().get(lonField);
        Object lat = f.properties().get(latField);
        try {
            return new double[] {Dms.parse(lon == null ? "" : lon.toString(), Dms.Axis.LON),
                Dms.parse(lat == null ? "" : lat.toString(), Dms.Axis.LAT)};
        } catch (IllegalArgumentException e) {
            String field = lon == null || isBad(lon, Dms.Axis.LON) ? lonField : latField;
            problems.add(file + ": feature #" + (f.index() + 1) + ": attribute '" + field + "': " + e.getMessage());
            return null;
        }
    }

    private static boolean isBad(Object v, Dms.Axis axis) {
        try {
            Dms.parse(v.toString(), axis);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static JsonNode point(double[] lonLat, SourceCrs.Transform t) {
        if (lonLat == null) {
            return null;
        }
        double[] p = t.apply(lonLat[0], lonLat[1]);
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", "Point");
        n.putArray("coordinates").add(p[0]).add(p[1]);
        return n;
    }

    // Source coordinates are lon/lat here only after transform; CSV points are lon/lat (or GCJ-02/BD-09) already
    private JsonNode reproject(JsonNode geometry, SourceCrs.Transform t) {
        ObjectNode copy = (ObjectNode) geometry.deepCopy();
        if (copy.has("coordinates")) {
            copy.set("coordinates", positions(copy.get("coordinates"), t));
        }
        if (copy.has("geometries")) {
            ArrayNode parts = JsonNodeFactory.instance.arrayNode();
            copy.get("geometries").forEach(g -> parts.add(reproject(g, t)));
            copy.set("geometries", parts);
        }
        return copy;
    }

    private static JsonNode positions(JsonNode node, SourceCrs.Transform t) {
        if (!node.isArray() || node.isEmpty()) {
            return node;
        }
        if (node.get(0).isNumber() && node.size() >= 2 && node.get(1).isNumber()) {
            double[] p = t.apply(node.get(0).doubleValue(), node.get(1).doubleValue());
            return JsonNodeFactory.instance.arrayNode().add(p[0]).add(p[1]);
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
        node.forEach(c -> out.add(positions(c, t)));
        return out;
    }

    private static void expand(JsonNode node, Envelope e) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            expand(node.get("coordinates"), e);
            expand(node.get("geometries"), e);
        } else if (node.isArray() && !node.isEmpty()) {
            if (node.get(0).isNumber() && node.size() >= 2) {
                e.expandToInclude(node.get(0).doubleValue(), node.get(1).doubleValue());
            } else {
                node.forEach(c -> expand(c, e));
            }
        }
    }

    private static Provenance provenance(Map<String, Object> given, SourceCrs crs, List<String> problems) {
        int before = problems.size();
        Method method = Method.parse(String.valueOf(given.getOrDefault("method", "")));
        if (method == null) {
            problems.add("layer provenance 'method' missing or unknown: give --method=surveyed|derived|schematic|synthetic");
        }
        for (String field : new String[] {"source", "licence", "accuracy"}) {
            Object v = given.get(field);
            if (v == null || v.toString().isBlank()) {
                problems.add("layer provenance '" + field + "' missing: give --" + field + "=…");
            }
        }
        if (problems.size() > before) {
            return null;
        }
        String accuracy = given.get("accuracy").toString();
        if (crs.approximate()) {
            accuracy = accuracy + "; " + SourceCrs.APPROXIMATE_NOTE;
        }
        boolean authoritative = Boolean.parseBoolean(String.valueOf(given.getOrDefault("authoritative", "false")).toLowerCase(Locale.ROOT));
        return new Provenance(method, given.get("source").toString(), given.get("licence").toString(), accuracy,
            authoritative && !crs.approximate());
    }

    private byte[] write(List<String> ids, List<Map<String, Object>> props, List<Geometry> geometries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = json.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringProperty("type", "FeatureCollection");
            gen.writeArrayPropertyStart("features");
            for (int i = 0; i < ids.size(); i++) {
                gen.writeRaw('\n');
                GeoJson.writeFeature(ids.get(i), props.get(i), geometries.get(i), gen, STYLE);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        return out.toByteArray();
    }
}
