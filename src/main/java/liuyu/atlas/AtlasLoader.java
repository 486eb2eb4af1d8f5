package liuyu.atlas;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import liuyu.geo.GeoJson;
import liuyu.geo.GeoJsonException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads an atlas directory: {@code atlas.yaml} (the manifest) and one GeoJSON file per layer.
 * Loading is all or nothing: every problem found is collected and reported together.
 */
public final class AtlasLoader {
    private static final Logger LOG = LoggerFactory.getLogger(AtlasLoader.class);
    public static final String MANIFEST = "atlas.yaml";

    private static final Set<String> ATLAS_FIELDS = Set.of("id", "titleEn", "titleZh", "version", "note", "demo");
    private static final Set<String> LAYER_FIELDS = Set.of(
            "id",
            "file",
            "geometry",
            "titleEn",
            "titleZh",
            "description",
            "method",
            "source",
            "licence",
            "accuracy",
            "authoritative",
            "validFrom",
            "citation",
            "network");

    /** A feature left out of the atlas under the skip option: its layer, its id (or its position) and why. */
    public record SkippedFeature(String layer, String feature, String reason) {}

    private final ObjectMapper json = JsonMapper.builder().build();
    // for streaming: one feature read as a tree with the rest of the file still to come, the stream closed by us
    private final ObjectMapper stream = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();
    private final ObjectMapper yaml = YAMLMapper.builder().build();
    private final boolean skipInvalidFeatures;
    // layers are read in parallel: each adds the features it skips
    // property names shared by the features of this load
    private final PropertyMap.Names names = new PropertyMap.Names();
    private final List<SkippedFeature> skipped = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Refuses the whole atlas for any bad feature, listing every one. */
    public AtlasLoader() {
        this(false);
    }

    /**
     * {@code skipInvalidFeatures}: a feature that fails its checks (no geometry, duplicate id, bad provenance…)
     * is left out and listed in {@link #skipped()} instead of refusing the atlas; layer-level problems still refuse.
     */
    public AtlasLoader(boolean skipInvalidFeatures) {
        this.skipInvalidFeatures = skipInvalidFeatures;
    }

    /** The features this loader left out (skip option), in the order found. */
    public List<SkippedFeature> skipped() {
        synchronized (skipped) {
            return List.copyOf(skipped);
        }
    }

    /** An atlas directory as read: its manifest head and its layers, before any index is built. */
    public record Manifest(String id, String title, String version, List<Layer> layers, boolean demo) {}

    public Atlas load(Path dir) {
        Manifest m = read(dir, true);
        return new Atlas(m.id(), m.title(), m.version(), m.demo(), m.layers());
    }

    /** Reads and checks an atlas directory; {@code checkValidity} false leaves geometry validity to the caller. */
    public Manifest read(Path dir, boolean checkValidity) {
        return read(dir, checkValidity, true);
    }

    /**
     * The manifest's checks alone (atlas head, layer entries, files present, layer ids unique), without reading
     * any layer's features: for a writer that has just written a layer checked feature by feature.
     */
    public void checkManifest(Path dir) {
        read(dir, false, false);
    }

    private Manifest read(Path dir, boolean checkValidity, boolean withFeatures) {
        Path manifestPath = dir.resolve(MANIFEST);
        List<String> problems = new ArrayList<>();
        JsonNode manifest;
        try {
            manifest = yaml.readTree(Files.readString(manifestPath));
        } catch (IOException | JacksonException e) {
            throw new AtlasLoadException(List.of(manifestPath + ": cannot be read: " + e.getMessage()));
        }
        JsonNode head = manifest.path("atlas");
        unknownFields(head, ATLAS_FIELDS, manifestPath + ": atlas", problems);
        String atlasId = text(head, "id", manifestPath + ": atlas", problems);
        String title = head.path("titleEn").asString("");
        String version = head.path("version").asString("");
        JsonNode demoNode = head.path("demo");
        if (!demoNode.isMissingNode() && !demoNode.isBoolean()) {
            problems.add(manifestPath + ": atlas: 'demo' must be true or false");
        }
        boolean demo = demoNode.asBoolean(false);
        JsonNode layerNodes = manifest.path("layers");
        if (!layerNodes.isArray() || layerNodes.isEmpty()) {
            problems.add(manifestPath + ": 'layers' must be a non-empty list");
        }
        List<LayerInfo> infos = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        Set<String> layerIds = new HashSet<>();
        for (JsonNode node : layerNodes) {
            String where = manifestPath + ": layer '" + node.path("id").asString("?") + "'";
            unknownFields(node, LAYER_FIELDS, where, problems);
            String file = text(node, "file", where, problems);
            Path path = file == null ? null : dir.resolve(file);
            // the version (a digest of the file) is filled in while the file streams past
            LayerInfo info = layerInfo(node, node, where, "", String.valueOf(path), problems);
            if (info != null && !layerIds.add(info.id())) {
                problems.add(where + ": duplicate layer id");
            }
            if (path != null && !Files.isReadable(path)) {
                problems.add(path + ": cannot be read: no such readable file");
            } else if (info != null && path != null && withFeatures) {
                infos.add(info);
                paths.add(path);
            }
        }
        // layers are independent: each is streamed, checked and indexed on its own core
        Layer[] read = new Layer[infos.size()];
        List<List<String>> layerProblems = new ArrayList<>();
        infos.forEach(i -> layerProblems.add(new ArrayList<>()));
        IntStream.range(0, read.length)
                .parallel()
                .forEach(k -> read[k] = readLayer(paths.get(k), infos.get(k), checkValidity, layerProblems.get(k)));
        layerProblems.forEach(problems::addAll);
        // features skipped by the layers in parallel are listed in manifest order (each layer's own in file order)
        List<String> order = infos.stream().map(LayerInfo::id).toList();
        synchronized (skipped) {
            skipped.sort(java.util.Comparator.comparingInt(f -> order.indexOf(f.layer())));
        }
        List<Layer> layers = new ArrayList<>();
        for (Layer layer : read) {
            if (layer != null) {
                layers.add(layer);
            }
        }
        if (!problems.isEmpty()) {
            throw new AtlasLoadException(problems);
        }
        return new Manifest(atlasId, title, version, layers, demo);
    }

    /**
     * Reads a single layer file: a FeatureCollection whose foreign member {@code layer} describes the
     * layer as {@code GET /layers/{id}} writes it (id, geometry, titles, description, provenance…), so a
     * layer downloaded from one Liuyu can be imported into another. Geometry validity is left to the caller
     * when {@code checkValidity} is false (the PostGIS importer reports ST_IsValidReason instead).
     */
    public Layer readLayerFile(Path file, boolean checkValidity) {
        List<String> problems = new ArrayList<>();
        byte[] bytes;
        JsonNode member;
        try {
            bytes = Files.readAllBytes(file);
            member = json.readTree(bytes).path("layer");
        } catch (IOException | JacksonException e) {
            throw new AtlasLoadException(List.of(file + ": cannot be read: " + e.getMessage()));
        }
        if (!member.isObject()) {
            throw new AtlasLoadException(List.of(file + ": a layer file needs a 'layer' member describing the layer"
                    + " (id, geometry, titleEn, provenance), as GET /layers/{id} writes it"));
        }
        LayerInfo info = layerInfo(
                member, member.path("provenance"), file + ": layer", digest(bytes), file.toString(), problems);
        List<Feature> features =
                info == null ? List.of() : readFeatures(bytes, info, file.toString(), checkValidity, problems);
        if (!problems.isEmpty()) {
            throw new AtlasLoadException(problems);
        }
        return new Layer(info, features);
    }

    private static LayerInfo layerInfo(
            JsonNode node,
            JsonNode provenanceNode,
            String where,
            String version,
            String origin,
            List<String> problems) {
        String id = text(node, "id", where, problems);
        if (id != null && !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            problems.add(where + ": id must be lower-case letters and digits joined by hyphens");
        }
        GeometryKind kind = GeometryKind.parse(node.path("geometry").asString(""));
        if (kind == null) {
            problems.add(where + ": geometry must be polygon, line or point");
        }
        Provenance provenance = provenance(provenanceNode, where, problems);
        LocalDate validFrom = null;
        if (node.hasNonNull("validFrom")) {
            try {
                validFrom = LocalDate.parse(node.path("validFrom").asString(""));
            } catch (DateTimeParseException e) {
                problems.add(where + ": validFrom must be an ISO date (YYYY-MM-DD)");
            }
        }
        String networkForm = networkForm(node.path("network"), where, problems);
        if (id == null || kind == null || provenance == null) {
            return null;
        }
        return new LayerInfo(
                id,
                node.path("titleEn").asString(id),
                node.path("titleZh").asString(""),
                node.path("description").asString(""),
                kind,
                provenance,
                version,
                validFrom,
                node.path("citation").asString(null),
                origin,
                networkForm);
    }

    /** {@code network: {form: …}} of a line layer: the form its river-network attributes are in (checked by the network). */
    private static String networkForm(JsonNode network, String where, List<String> problems) {
        if (network.isMissingNode() || network.isNull()) {
            return null;
        }
        if (!network.isObject()) {
            problems.add(where + ": 'network' must be a mapping such as {form: nhdplus-v2}");
            return null;
        }
        unknownFields(network, Set.of("form"), where + ": network", problems);
        JsonNode form = network.path("form");
        if (!form.isString() || form.asString().isBlank()) {
            problems.add(where
                    + ": network: 'form' missing (auto, generic, nhdplus-v2, nhdplus-hr, hydrorivers or snapped)");
            return null;
        }
        return form.asString().trim();
    }

    /**
     * Reads one layer's FeatureCollection, checking ids, geometry, provenance and names.
     * Public so every layer source (files, PostGIS, the importer) applies exactly the same checks.
     */
    public List<Feature> readFeatures(
            byte[] geojson, LayerInfo info, String file, boolean checkValidity, List<String> problems) {
        try (JsonParser parser = stream.createParser(geojson)) {
            return readFeatures(parser, info, file, checkValidity, problems);
        }
    }

    /**
     * Streams one layer file: the features are read one at a time (never the whole file as one tree) while
     * a digest of the bytes gives the layer its version. Null when the file cannot be read at all.
     */
    Layer readLayer(Path path, LayerInfo info, boolean checkValidity, List<String> problems) {
        MessageDigest sha = sha256();
        List<Feature> features;
        try (InputStream in =
                new DigestInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16), sha)) {
            try (JsonParser parser = stream.createParser(in)) {
                features = readFeatures(parser, info, path.toString(), checkValidity, problems);
            }
            in.transferTo(OutputStream.nullOutputStream()); // the digest covers trailing bytes too
        } catch (IOException e) {
            problems.add(path + ": cannot be read: " + e.getMessage());
            return null;
        }
        String version = version(sha);
        LayerInfo versioned = new LayerInfo(
                info.id(),
                info.titleEn(),
                info.titleZh(),
                info.description(),
                info.geometry(),
                info.provenance(),
                version,
                info.validFrom(),
                info.citation(),
                info.origin(),
                info.networkForm());
        return new Layer(versioned, features); // features name their layer by id only
    }

    /** The FeatureCollection under the parser, feature by feature: only one feature is ever held as a tree. */
    private List<Feature> readFeatures(
            JsonParser parser, LayerInfo info, String file, boolean checkValidity, List<String> problems) {
        List<Feature> features = new ArrayList<>();
        String type = null;
        try {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                problems.add(file + ": must be a GeoJSON FeatureCollection");
                return List.of();
            }
            Set<String> ids = new HashSet<>();
            int index = 0;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("type".equals(name)) {
                    type = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                } else if ("features".equals(name) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode f = stream.readTree(parser);
                        int before = problems.size();
                        Feature feature = readFeature(f, index++, info, file, checkValidity, ids, problems);
                        if (feature != null) {
                            features.add(feature);
                        }
                        skipIfAllowed(info, f, before, problems);
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            problems.add(file + ": not valid JSON: " + e.getOriginalMessage());
            return List.of();
        }
        if (!"FeatureCollection".equals(type)) {
            problems.add(file + ": must be a GeoJSON FeatureCollection");
            return List.of();
        }
        int before = problems.size();
        List<String> broken = replacements(features, file, problems);
        if (skipInvalidFeatures && !broken.isEmpty()) {
            // a version whose successor is missing or misdated is left out with it
            features.removeIf(f -> broken.contains(f.id()));
            for (int i = before; i < problems.size(); i++) {
                skipped.add(new SkippedFeature(info.id(), broken.get(i - before), problems.get(i)));
            }
            problems.subList(before, problems.size()).clear();
        }
        return features;
    }
    // Under the skip option, the problems one feature raised become its skip record instead of refusing the atlas.
    private void skipIfAllowed(LayerInfo info, JsonNode f, int before, List<String> problems) {
        if (!skipInvalidFeatures || problems.size() == before) {
            return;
        }
        JsonNode idNode = f.path("id");
        String id = idNode.isString() || idNode.isNumber() ? idNode.asString() : "(no id)";
        for (String p : problems.subList(before, problems.size())) {
            LOG.warn("layer '{}': feature '{}' skipped: {}", info.id(), id, p);
            skipped.add(new SkippedFeature(info.id(), id, p));
        }
        problems.subList(before, problems.size()).clear();
    }

    /** One feature of a layer with the start-up checks; null (with problems added) when it fails them. */
    private Feature readFeature(
            JsonNode f,
            int index,
            LayerInfo info,
            String file,
            boolean checkValidity,
            Set<String> ids,
            List<String> problems) {
        String label = "features[" + index + "]";
        JsonNode idNode = f.path("id");
        String id = idNode.isString() || idNode.isNumber() ? idNode.asString() : null;
        if (id == null || id.isBlank()) {
            problems.add(file + ": " + label + ": feature has no id");
            return null;
        }
        String where = file + ": feature '" + id + "'";
        if (!ids.add(id)) {
            problems.add(where + ": duplicate id");
            return null;
        }
        JsonNode props = f.path("properties");
        if (!props.isObject()) {
            problems.add(where + ": properties missing");
            return null;
        }
        Geometry geometry;
        try {
            geometry = GeoJson.read(f.path("geometry"), "geometry");
        } catch (GeoJsonException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
        return checkFeature(id, props, geometry, info, where, checkValidity, problems);
    }

    /**
     * The start-up checks of one feature whose id (unique in its layer), properties and geometry are read:
     * provenance (inherited from the layer), nameZh, geometry kind and validity, dated versions. Public so the
     * importer, which builds geometries itself while streaming, applies exactly these checks.
     */
    public Feature checkFeature(
            String id,
            JsonNode props,
            Geometry geometry,
            LayerInfo info,
            String where,
            boolean checkValidity,
            List<String> problems) {
        ObjectNode merged = inherit(props, info.provenance());
        Provenance provenance = provenance(merged, where, problems);
        if (merged.path("nameZh").asString("").isBlank()) {
            LOG.warn("{}: nameZh missing, the id is shown instead", where);
            merged.put("nameZh", id);
        }
        if (!geometryAccepted(geometry, info, where, checkValidity, problems)) {
            return null;
        }
        if (!validity(props, where, problems)) {
            return null;
        }
        if (provenance == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = json.treeToValue(merged, LinkedHashMap.class);
        // most features inherit the layer's provenance: share that one object instead of a copy per feature
        Provenance shared = provenance.equals(info.provenance()) ? info.provenance() : provenance;
        return new Feature(info.id(), id, PackedGeometry.pack(geometry), names.compact(properties), shared);
    }

    /**
     * As {@link #checkFeature(String, JsonNode, Geometry, LayerInfo, String, boolean, List)} for properties already
     * read into a map (the importer's): the same checks, refusals and messages without a JSON tree per feature.
     * Values other than text, booleans, ints, longs and doubles go through the JSON tree as before.
     */
    public Feature checkFeature(
            String id,
            Map<String, Object> props,
            Geometry geometry,
            LayerInfo info,
            String where,
            boolean checkValidity,
            List<String> problems) {
        for (Object v : props.values()) {
            if (!(v instanceof String
                    || v instanceof Boolean
                    || v instanceof Integer
                    || v instanceof Long
                    || v instanceof Double)) {
                JsonNode tree = json.valueToTree(props);
                return checkFeature(id, tree, geometry, info, where, checkValidity, problems);
            }
        }
        Map<String, Object> merged = new LinkedHashMap<>(props);
        Provenance layer = info.provenance();
        merged.putIfAbsent("method", layer.method().code());
        merged.putIfAbsent("source", layer.source());
        merged.putIfAbsent("licence", layer.licence());
        merged.putIfAbsent("accuracy", layer.accuracy());
        merged.putIfAbsent("authoritative", layer.authoritative());
        Provenance provenance = provenance(merged, where, problems);
        Object name = merged.get("nameZh"); // a number's or boolean's JSON text is never blank
        if (name == null || name instanceof String text && text.isBlank()) {
            LOG.warn("{}: nameZh missing, the id is shown instead", where);
            merged.put("nameZh", id);
        }
        if (!geometryAccepted(geometry, info, where, checkValidity, problems)) {
            return null;
        }
        if (!validity(props, where, problems)) {
            return null;
        }
        if (provenance == null) {
            return null;
        }
        Provenance shared = provenance.equals(info.provenance()) ? info.provenance() : provenance;
        return new Feature(
                info.id(), id, PackedGeometry.pack(geometry), java.util.Collections.unmodifiableMap(merged), shared);
    }

    /** The geometry's kind for the layer and, when asked, its validity (JTS); false after naming the problem. */
    private static boolean geometryAccepted(
            Geometry geometry, LayerInfo info, String where, boolean checkValidity, List<String> problems) {
        if (!info.geometry().accepts(geometry)) {
            problems.add(where + ": " + geometry.getGeometryType() + " in a "
                    + info.geometry().code() + " layer");
            return false;
        }
        TopologyValidationError invalid = checkValidity ? new IsValidOp(geometry).getValidationError() : null;
        if (invalid != null) {
            problems.add(where + ": invalid geometry: " + invalid.getMessage() + " at " + invalid.getCoordinate().x
                    + " " + invalid.getCoordinate().y);
            return false;
        }
        return true;
    }

    // the map forms of the checks below: values are text, booleans or numbers (a number's or boolean's text never
    // parses as a method or a date, and is never blank)
    private static Provenance provenance(Map<String, Object> props, String where, List<String> problems) {
        int before = problems.size();
        Method method = props.get("method") instanceof String m ? Method.parse(m) : null;
        if (method == null) {
            problems.add(where + ": provenance 'method' must be surveyed, derived, schematic or synthetic");
        }
        for (String field : new String[] {"source", "licence", "accuracy"}) {
            if (!(props.get(field) instanceof String text) || text.isBlank()) {
                problems.add(where + ": provenance '" + field + "' missing");
            }
        }
        if (!(props.get("authoritative") instanceof Boolean)) {
            problems.add(where + ": provenance 'authoritative' must be true or false");
        }
        if (problems.size() > before) {
            return null;
        }
        return new Provenance(
                method,
                (String) props.get("source"),
                (String) props.get("licence"),
                (String) props.get("accuracy"),
                (Boolean) props.get("authoritative"));
    }

    private static boolean validity(Map<String, Object> props, String where, List<String> problems) {
        LocalDate from = null;
        LocalDate to = null;
        boolean ok = true;
        for (String field : new String[] {"validFrom", "validTo"}) {
            if (!props.containsKey(field)) {
                continue;
            }
            try {
                if (!(props.get(field) instanceof String text)) {
                    throw new DateTimeParseException("not text", "", 0);
                }
                LocalDate d = LocalDate.parse(text);
                if (field.equals("validFrom")) {
                    from = d;
                } else {
                    to = d;
                }
            } catch (DateTimeParseException e) {
                problems.add(where + ": " + field + " must be an ISO date (YYYY-MM-DD)");
                ok = false;
            }
        }
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(where + ": validTo " + to + " is before validFrom " + from);
            ok = false;
        }
        if (props.containsKey("replacedBy") && (!(props.get("replacedBy") instanceof String) || to == null)) {
            problems.add(where + ": replacedBy names the id of the next version, and needs validTo");
            ok = false;
        }
        return ok;
    }

    /** A dated zone version: validFrom and validTo are ISO dates, validTo not before validFrom. */
    private static boolean validity(JsonNode props, String where, List<String> problems) {
        LocalDate from = null;
        LocalDate to = null;
        boolean ok = true;
        for (String field : new String[] {"validFrom", "validTo"}) {
            if (!props.has(field)) {
                continue;
            }
            try {
                LocalDate d = LocalDate.parse(props.path(field).asString(""));
                if (field.equals("validFrom")) {
                    from = d;
                } else {
                    to = d;
                }
            } catch (DateTimeParseException e) {
                problems.add(where + ": " + field + " must be an ISO date (YYYY-MM-DD)");
                ok = false;
            }
        }
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(where + ": validTo " + to + " is before validFrom " + from);
            ok = false;
        }
        if (props.has("replacedBy") && (!props.path("replacedBy").isString() || to == null)) {
            problems.add(where + ": replacedBy names the id of the next version, and needs validTo");
            ok = false;
        }
        return ok;
    }

    /**
     * A replaced version's successor is a feature of the same layer, in force from the day after the replaced one ends;
     * returns the ids of the replaced versions that fail this, one per problem added. The importer, which keeps only
     * its dated features while streaming, passes those.
     */
    public static List<String> replacements(List<Feature> features, String file, List<String> problems) {
        List<String> broken = new ArrayList<>();
        Map<String, Feature> byId = new LinkedHashMap<>();
        features.forEach(f -> byId.put(f.id(), f));
        for (Feature f : features) {
            if (f.replacedBy() == null) {
                continue;
            }
            Feature next = byId.get(f.replacedBy());
            if (next == null) {
                problems.add(file + ": feature '" + f.id() + "': replacedBy '" + f.replacedBy()
                        + "' is not a feature of this layer");
                broken.add(f.id());
            } else if (!f.validTo().plusDays(1).equals(next.validFrom())) {
                problems.add(file + ": feature '" + f.id() + "': its successor '" + next.id() + "' must have validFrom "
                        + f.validTo().plusDays(1));
                broken.add(f.id());
            }
        }
        return broken;
    }

    /**
     * A feature's properties with the layer's provenance filled in where the feature gives none: provenance
     * is stated once per layer in atlas.yaml, and a feature overrides only what differs.
     */
    private ObjectNode inherit(JsonNode props, Provenance layer) {
        ObjectNode merged = ((ObjectNode) props).deepCopy();
        if (!merged.has("method")) {
            merged.put("method", layer.method().code());
        }
        if (!merged.has("source")) {
            merged.put("source", layer.source());
        }
        if (!merged.has("licence")) {
            merged.put("licence", layer.licence());
        }
        if (!merged.has("accuracy")) {
            merged.put("accuracy", layer.accuracy());
        }
        if (!merged.has("authoritative")) {
            merged.put("authoritative", layer.authoritative());
        }
        return merged;
    }

    private static Provenance provenance(JsonNode node, String where, List<String> problems) {
        int before = problems.size();
        Method method = Method.parse(node.path("method").asString(""));
        if (method == null) {
            problems.add(where + ": provenance 'method' must be surveyed, derived, schematic or synthetic");
        }
        for (String field : new String[] {"source", "licence", "accuracy"}) {
            if (!node.path(field).isString() || node.path(field).asString().isBlank()) {
                problems.add(where + ": provenance '" + field + "' missing");
            }
        }
        if (!node.path("authoritative").isBoolean()) {
            problems.add(where + ": provenance 'authoritative' must be true or false");
        }
        if (problems.size() > before) {
            return null;
        }
        return new Provenance(
                method,
                node.path("source").asString(),
                node.path("licence").asString(),
                node.path("accuracy").asString(),
                node.path("authoritative").booleanValue());
    }

    private static String text(JsonNode node, String field, String where, List<String> problems) {
        JsonNode v = node.path(field);
        if (!v.isString() || v.asString().isBlank()) {
            problems.add(where + ": '" + field + "' missing");
            return null;
        }
        return v.asString();
    }

    private static void unknownFields(JsonNode node, Set<String> known, String where, List<String> problems) {
        for (String name : node.propertyNames()) {
            if (!known.contains(name)) {
                problems.add(where + ": unknown field '" + name + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A layer's version: the start of the SHA-256 of its file's bytes. */
    private static String version(MessageDigest sha) {
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    /** The version {@link #readLayer} gives the layer of this file, without reading its features; null if unreadable. */
    static String fileVersion(Path path) {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            return null;
        }
        return version(sha);
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
