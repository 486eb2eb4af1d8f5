package liuyu.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liuyu.geo.GeoJson;
import liuyu.geo.GeoJsonException;
import liuyu.geo.Texts;
import liuyu.rules.InvalidProject.Kind;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import tools.jackson.databind.JsonNode;

/**
 * Reads projects from a GeoJSON Feature or FeatureCollection, refusing what cannot be checked:
 * bad or invalid geometry, too many vertices or features, an unknown activity, or an attribute the
 * activity does not take or of the wrong type (a typo must not silently change a verdict).
 */
public final class ProjectReader {
    public static final int MAX_VERTICES = 10_000;
    public static final int MAX_FEATURES = 1_000;
    private static final Set<String> DESCRIPTIVE = Set.of("activity", "id", "name", "nameZh", "nameEn", "applicant");
    /** Longest project id or name: they are labels, and recorded reports store them. */
    public static final int MAX_NAME = 200;

    private final RuleCatalogue rules;

    public ProjectReader(RuleCatalogue rules) {
        this.rules = rules;
    }

    /** A single Feature gives one project, a FeatureCollection one per feature; {@code single} says which it was. */
    public record Batch(boolean single, List<Project> projects) {}

    public Batch read(JsonNode root) {
        String type = root.path("type").asString("");
        if (type.equals("Feature")) {
            return new Batch(true, List.of(project(root, "", "project")));
        }
        if (!type.equals("FeatureCollection")) {
            throw new InvalidProject(
                    Kind.BAD_REQUEST,
                    "type",
                    "the body must be a GeoJSON Feature or FeatureCollection, got type '" + type + "'");
        }
        JsonNode features = root.path("features");
        if (!features.isArray() || features.isEmpty()) {
            throw new InvalidProject(
                    Kind.BAD_REQUEST, "features", "a FeatureCollection needs a non-empty 'features' array");
        }
        if (features.size() > MAX_FEATURES) {
            throw new InvalidProject(
                    Kind.TOO_LARGE,
                    "features",
                    "a batch holds at most " + MAX_FEATURES + " features, got " + features.size());
        }
        List<Project> out = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            out.add(project(features.get(i), "features[" + i + "].", "features[" + i + "]"));
        }
        return new Batch(false, out);
    }

    private Project project(JsonNode f, String path, String fallbackId) {
        if (!"Feature".equals(f.path("type").asString(""))) {
            throw new InvalidProject(Kind.BAD_REQUEST, path + "type", "each project is a GeoJSON Feature");
        }
        Geometry g;
        try {
            g = GeoJson.read(f.path("geometry"), path + "geometry");
        } catch (GeoJsonException e) {
            throw new InvalidProject(Kind.BAD_REQUEST, e.path(), e.getMessage());
        }
        if (g.getClass() == org.locationtech.jts.geom.GeometryCollection.class) {
            throw new InvalidProject(
                    Kind.BAD_REQUEST,
                    path + "geometry",
                    "a project is a Point, LineString or Polygon (or Multi-): send the parts of a GeometryCollection as separate features");
        }
        if (g.isEmpty()) {
            throw new InvalidProject(Kind.BAD_REQUEST, path + "geometry", "the geometry is empty");
        }
        if (g.getNumPoints() > MAX_VERTICES) {
            throw new InvalidProject(
                    Kind.TOO_LARGE,
                    path + "geometry",
                    "a project geometry has at most " + MAX_VERTICES + " vertices, got " + g.getNumPoints());
        }
        TopologyValidationError invalid = new IsValidOp(g).getValidationError();
        if (invalid != null) {
            throw new InvalidProject(
                    Kind.UNPROCESSABLE,
                    path + "geometry",
                    "invalid geometry: " + invalid.getMessage() + " at " + invalid.getCoordinate().x + " "
                            + invalid.getCoordinate().y);
        }
        JsonNode props = f.path("properties");
        String activity = props.path("activity").asString(null);
        if (activity == null || !rules.activities().containsKey(activity)) {
            throw new InvalidProject(
                    Kind.BAD_REQUEST,
                    path + "properties.activity",
                    (activity == null ? "activity is required" : "unknown activity '" + activity + "'") + "; one of "
                            + rules.activities().keySet());
        }
        List<String> takes = rules.activities().get(activity).attributes();
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String name : props.propertyNames()) {
            if (DESCRIPTIVE.contains(name)) {
                label(props.get(name), path + "properties." + name);
                continue;
            }
            String field = path + "properties." + name;
            if (!takes.contains(name)) {
                throw new InvalidProject(
                        Kind.BAD_REQUEST,
                        field,
                        "activity '" + activity + "' takes no attribute '" + name + "'; it takes " + takes);
            }
            attributes.put(name, value(name, props.get(name), field));
        }
        label(f.get("id"), path + "id");
        String id = f.path("id").isString() || f.path("id").isNumber()
                ? f.path("id").asString()
                : fallbackId;
        return new Project(id, g, activity, attributes);
    }

    /** An id or name: a number, or a string of at most {@value #MAX_NAME} printable characters. */
    private static void label(JsonNode v, String field) {
        if (v == null || v.isNull() || v.isNumber()) {
            return;
        }
        String problem = v.isString() ? Texts.problem(v.asString(), MAX_NAME, false) : "must be a string or a number";
        if (problem != null) {
            throw new InvalidProject(Kind.BAD_REQUEST, field, field + " " + problem);
        }
    }

    private Object value(String name, JsonNode v, String field) {
        RuleFiles.AttributeDef def = rules.attributes().get(name);
        switch (def.type()) {
            case "boolean" -> {
                if (!v.isBoolean()) {
                    throw new InvalidProject(Kind.BAD_REQUEST, field, "'" + name + "' must be true or false");
                }
                return v.booleanValue();
            }
            case "number" -> {
                if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                    throw new InvalidProject(Kind.BAD_REQUEST, field, "'" + name + "' must be a finite number");
                }
                return v.doubleValue();
            }
            default -> {
                if (!v.isString() || !def.values().contains(v.asString())) {
                    throw new InvalidProject(Kind.BAD_REQUEST, field, "'" + name + "' must be one of " + def.values());
                }
                return v.asString();
            }
        }
    }
}
