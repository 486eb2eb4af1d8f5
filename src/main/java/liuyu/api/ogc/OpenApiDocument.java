package liuyu.api.ogc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import liuyu.atlas.Atlas;
import liuyu.atlas.Layer;

/**
 * The OpenAPI 3.0 description of {@code /ogc}, written from the atlas it serves: every path and
 * parameter, with the collection ids and, per collection, the properties it can be filtered by.
 * Parameters are inlined (no {@code $ref}) so simple clients such as GDAL read them directly.
 */
final class OpenApiDocument {
    static final int LIMIT_DEFAULT = 10;
    static final int LIMIT_MAX = 10_000;

    private OpenApiDocument() {}

    static Map<String, Object> of(Atlas atlas, String base) {
        List<String> ids = new ArrayList<>();
        atlas.layers().forEach(l -> ids.add(l.id()));
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put(
                "/",
                get(
                        "Landing page",
                        "landing page with links to the API description, conformance and collections",
                        List.of(f()),
                        json("landing page")));
        paths.put(
                "/conformance",
                get(
                        "Conformance declaration",
                        "the conformance classes implemented",
                        List.of(f()),
                        json("conformance classes")));
        paths.put(
                "/api",
                get(
                        "This API description",
                        "OpenAPI 3.0 (JSON) or a page for people (f=html)",
                        List.of(f()),
                        responses(
                                "the API description",
                                Map.of(
                                        CollectionDocs.OPENAPI,
                                        Map.of("schema", Map.of("type", "object")),
                                        CollectionDocs.HTML,
                                        html()))));
        paths.put(
                "/collections",
                get("Collections", "every atlas layer as a feature collection", List.of(f()), json("collections")));
        paths.put(
                "/collections/{collectionId}",
                get(
                        "One collection",
                        "title, description, extent, CRSs and links",
                        List.of(collectionId(ids), f()),
                        json("collection")));
        paths.put(
                "/collections/{collectionId}/schema",
                get(
                        "Feature schema",
                        "JSON Schema of the features' properties",
                        List.of(collectionId(ids), f()),
                        json("JSON Schema")));
        paths.put(
                "/collections/{collectionId}/queryables",
                get(
                        "Queryables",
                        "JSON Schema of what filter, sortby and the " + "equality parameters may name",
                        List.of(collectionId(ids), f()),
                        json("JSON Schema")));
        paths.put(
                "/collections/{collectionId}/items",
                get(
                        "Features",
                        "features of a collection, paged; see the per-collection "
                                + "paths for the property filters each collection accepts",
                        itemsParameters(collectionId(ids), List.of()),
                        features()));
        for (Layer layer : atlas.layers()) {
            List<Map<String, Object>> filters = new ArrayList<>();
            for (String property : new TreeSet<>(layer.filterableProperties())) {
                filters.add(param(
                        property,
                        "query",
                        "features whose property '" + property
                                + "' equals this value (numbers compare by value, booleans as true/false)",
                        Map.of("type", "string")));
            }
            paths.put(
                    "/collections/" + layer.id() + "/items",
                    get(
                            "Features of " + layer.info().titleEn(),
                            layer.info().description(),
                            itemsParameters(null, filters),
                            features()));
        }
        paths.put(
                "/collections/{collectionId}/items/{featureId}",
                get(
                        "One feature",
                        "one feature by id",
                        List.of(
                                collectionId(ids),
                                param("featureId", "path", "feature id", Map.of("type", "string")),
                                crs(
                                        "crs",
                                        "output CRS; EPSG:4326 and EPSG:4490 are written latitude first, Gauss-Krüger (EPSG:4491–4554) northing first"),
                                f()),
                        features()));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put(
                "info",
                Map.of(
                        "title",
                        "Liuyu 流域 — OGC API Features",
                        "version",
                        atlas.version().isBlank() ? "0" : atlas.version(),
                        "description",
                        "Every layer of atlas '" + atlas.id()
                                + "' as an OGC API – Features collection. Errors are RFC 9457 "
                                + "problem+json naming the parameter."));
        doc.put("servers", List.of(Map.of("url", base)));
        doc.put("paths", paths);
        return doc;
    }

    private static List<Map<String, Object>> itemsParameters(
            Map<String, Object> collectionId, List<Map<String, Object>> filters) {
        List<Map<String, Object>> ps = new ArrayList<>();
        if (collectionId != null) {
            ps.add(collectionId);
        }
        Map<String, Object> limit = new LinkedHashMap<>();
        limit.put("type", "integer");
        limit.put("minimum", 1);
        limit.put("maximum", LIMIT_MAX);
        limit.put("default", LIMIT_DEFAULT);
        ps.add(form(param(
                "limit",
                "query",
                "the most features in one response; a larger limit is served at the maximum",
                limit)));
        ps.add(param(
                "offset",
                "query",
                "how many matching features to skip (the next and prev links set it)",
                Map.of("type", "integer", "minimum", 0, "default", 0)));
        Map<String, Object> bbox = param(
                "bbox",
                "query",
                "minimum and maximum coordinates (4 or 6 numbers) in the axis order of "
                        + "bbox-crs; features that really intersect the box are returned",
                Map.of("type", "array", "minItems", 4, "maxItems", 6, "items", Map.of("type", "number")));
        ps.add(form(bbox));
        ps.add(
                crs(
                        "bbox-crs",
                        "CRS of bbox; EPSG:4326 and EPSG:4490 boxes are latitude first, Gauss-Krüger (EPSG:4491–4554) northing first"));
        ps.add(
                crs(
                        "crs",
                        "output CRS; EPSG:4326 and EPSG:4490 are written latitude first, Gauss-Krüger (EPSG:4491–4554) northing first"));
        ps.add(form(param(
                "datetime",
                "query",
                "an RFC 3339 date-time or interval (start/end, '..' open); no layer of this atlas "
                        + "carries time, so a well-formed value keeps every feature",
                Map.of("type", "string"))));
        ps.add(param(
                "filter",
                "query",
                "a CQL2 filter (Part 3) on the collection's queryables: comparisons, LIKE, BETWEEN, IN, "
                        + "IS NULL, AND/OR/NOT, S_INTERSECTS and the other spatial functions on WKT or BBOX literals",
                Map.of("type", "string")));
        ps.add(param(
                "filter-lang",
                "query",
                "language of filter",
                Map.of("type", "string", "enum", List.of("cql2-text", "cql2-json"), "default", "cql2-text")));
        ps.add(crs("filter-crs", "CRS of the geometry literals in filter"));
        ps.add(form(param(
                "sortby",
                "query",
                "properties to sort by, comma-separated, each prefixed + (ascending, default) or -",
                Map.of("type", "array", "items", Map.of("type", "string")))));
        ps.add(form(param(
                "properties",
                "query",
                "only these properties in each feature (provenance is always kept)",
                Map.of("type", "array", "items", Map.of("type", "string")))));
        ps.add(f());
        ps.addAll(filters);
        return ps;
    }

    /** Query parameters as Part 1 declares them: form style, not exploded. */
    private static Map<String, Object> form(Map<String, Object> p) {
        p.put("style", "form");
        p.put("explode", false);
        return p;
    }

    private static Map<String, Object> crs(String name, String description) {
        return param(
                name,
                "query",
                description,
                Map.of(
                        "type",
                        "string",
                        "format",
                        "uri",
                        "enum",
                        CollectionDocs.crsUris(),
                        "default",
                        OgcCrs.CRS84.uri()));
    }

    private static Map<String, Object> collectionId(List<String> ids) {
        return param("collectionId", "path", "collection (layer) id", Map.of("type", "string", "enum", ids));
    }

    private static Map<String, Object> f() {
        return param(
                "f",
                "query",
                "json or html (otherwise chosen from the Accept header)",
                Map.of("type", "string", "enum", List.of("json", "html")));
    }

    private static Map<String, Object> param(String name, String in, String description, Map<String, Object> schema) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", in);
        p.put("required", in.equals("path"));
        p.put("description", description);
        p.put("schema", schema);
        return p;
    }

    private static Map<String, Object> get(
            String summary, String description, List<Map<String, Object>> parameters, Map<String, Object> responses) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", summary);
        op.put("description", description);
        op.put("parameters", parameters);
        op.put("responses", responses);
        return Map.of("get", op);
    }

    private static Map<String, Object> html() {
        return Map.of("schema", Map.of("type", "string"));
    }

    private static Map<String, Object> json(String what) {
        return responses(
                what,
                Map.of(CollectionDocs.JSON, Map.of("schema", Map.of("type", "object")), CollectionDocs.HTML, html()));
    }

    private static Map<String, Object> features() {
        return responses(
                "GeoJSON features (FeatureCollection with numberMatched, numberReturned and next/prev links)",
                Map.of(
                        CollectionDocs.GEOJSON,
                        Map.of("schema", Map.of("type", "object")),
                        CollectionDocs.HTML,
                        html()));
    }

    private static Map<String, Object> responses(String what, Map<String, Object> content) {
        Map<String, Object> problem = Map.of("application/problem+json", Map.of("schema", Map.of("type", "object")));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("200", Map.of("description", what, "content", content));
        r.put(
                "400",
                Map.of(
                        "description",
                        "a parameter is malformed, out of range or unknown; the problem names it",
                        "content",
                        problem));
        r.put("404", Map.of("description", "no such collection or feature", "content", problem));
        return r;
    }
}
