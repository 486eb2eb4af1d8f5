package liuyu.api.ogc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import liuyu.api.ApiProblem;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.atlas.Provenance;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** OGC API – Features metadata: landing page, conformance, API description, collections, feature schemas. */
@RestController
public class OgcController {
    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
            "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
            "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/property-property",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt");

    private static final Set<String> ONLY_F = Set.of("f");

    private final AtlasStore atlases;
    private final JsonMapper json;
    private final Freshness freshness;
    private final OgcProblems problems;

    public OgcController(AtlasStore atlases, JsonMapper json, Freshness freshness, OgcProblems problems) {
        this.atlases = atlases;
        this.json = json;
        this.freshness = freshness;
        this.problems = problems;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<?> problem(ApiProblem e, HttpServletRequest request) {
        return problems.answer(e, request);
    }

    record Landing(String title, String description, List<Link> links) {}

    record Conformance(List<String> conformsTo) {}

    record CollectionList(List<Link> links, List<String> crs, List<CollectionDocs.Collection> collections) {}

    @GetMapping({"/ogc", "/ogc/"})
    public void landing(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Query.check(request, ONLY_F);
        Format format = Format.of(request);
        Atlas atlas = atlases.current();
        if (freshness.notModified(request, response, atlas, format)) {
            return;
        }
        String base = CollectionDocs.base(request);
        List<Link> links = List.of(
                new Link(base, "self", CollectionDocs.JSON, "this document"),
                new Link(base + "?f=html", "alternate", CollectionDocs.HTML, "this document as HTML"),
                new Link(base + "/api", "service-desc", CollectionDocs.OPENAPI, "the API description (OpenAPI 3.0)"),
                new Link(base + "/api?f=html", "service-doc", CollectionDocs.HTML, "the API description as HTML"),
                new Link(base + "/conformance", "conformance", CollectionDocs.JSON, "conformance classes"),
                new Link(base + "/collections", "data", CollectionDocs.JSON, "collections"),
                new Link(
                        base + "/tileMatrixSets",
                        OgcTilesController.TILING_SCHEMES,
                        CollectionDocs.JSON,
                        "tile matrix sets (WebMercatorQuad)"));
        String title = "Liuyu 流域 — " + atlas.title();
        String description =
                "Every layer of atlas '" + atlas.id() + "' (version " + atlas.version() + ") as an OGC API – Features "
                        + "collection. Every feature carries its provenance (method, source, licence, accuracy, authoritative); layers that "
                        + "are not authoritative say so.";
        if (format == Format.HTML) {
            HtmlPage page = new HtmlPage(title, nav(base)).paragraph(description);
            List<List<Object>> rows = new ArrayList<>();
            for (Link l : links) {
                rows.add(List.of(l.rel(), new Link(l.href(), l.rel(), l.type(), l.title()), l.type()));
            }
            Respond.html(
                    response, page.table(List.of("rel", "link", "type"), rows).render());
            return;
        }
        Respond.json(response, json, CollectionDocs.JSON, new Landing(title, description, links));
    }

    @GetMapping("/ogc/conformance")
    public void conformance(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Query.check(request, ONLY_F);
        Format format = Format.of(request);
        if (freshness.notModified(request, response, atlases.current(), format)) {
            return;
        }
        if (format == Format.HTML) {
            List<List<Object>> rows = new ArrayList<>();
            CONFORMANCE.forEach(c -> rows.add(List.of(c)));
            Respond.html(
                    response,
                    new HtmlPage("Conformance", nav(CollectionDocs.base(request)))
                            .table(List.of("conformance class"), rows)
                            .render());
            return;
        }
        Respond.json(response, json, CollectionDocs.JSON, new Conformance(CONFORMANCE));
    }

    @GetMapping("/ogc/api")
    public void api(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Query.check(request, ONLY_F);
        Format format = Format.of(request);
        Atlas atlas = atlases.current();
        if (freshness.notModified(request, response, atlas, format)) {
            return;
        }
        String base = CollectionDocs.base(request);
        Map<String, Object> doc = OpenApiDocument.of(atlas, base);
        if (format == Format.HTML) {
            HtmlPage page = new HtmlPage("API description", nav(base))
                    .note("The same document as OpenAPI 3.0 JSON: " + base + "/api?f=json");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Map<String, Object>>> paths =
                    (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
            for (Map.Entry<String, Map<String, Map<String, Object>>> path : paths.entrySet()) {
                Map<String, Object> op = path.getValue().get("get");
                page.heading("GET " + path.getKey()).paragraph(op.get("summary") + ": " + op.get("description"));
                List<List<Object>> rows = new ArrayList<>();
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> params = (List<Map<String, Object>>) op.get("parameters");
                for (Map<String, Object> p : params) {
                    rows.add(
                            List.of(p.get("name"), p.get("in"), String.valueOf(p.get("schema")), p.get("description")));
                }
                page.table(List.of("parameter", "in", "schema", "description"), rows);
            }
            Respond.html(response, page.render());
            return;
        }
        Respond.json(response, json, CollectionDocs.OPENAPI, doc);
    }

    @GetMapping("/ogc/collections")
    public void collections(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Query.check(request, ONLY_F);
        Format format = Format.of(request);
        Atlas atlas = atlases.current();
        if (freshness.notModified(request, response, atlas, format)) {
            return;
        }
        String base = CollectionDocs.base(request);
        List<CollectionDocs.Collection> docs = new ArrayList<>();
        for (Layer layer : atlas.layers()) {
            docs.add(CollectionDocs.collection(layer, base));
        }
        if (format == Format.HTML) {
            List<List<Object>> rows = new ArrayList<>();
            for (CollectionDocs.Collection c : docs) {
                rows.add(List.of(
                        link(base + "/collections/" + c.id() + "?f=html", "collection", c.id()),
                        c.title() + (c.titleZh() == null ? "" : " " + c.titleZh()),
                        c.geometry(),
                        c.featureCount(),
                        c.provenance().method().code()
                                + (c.provenance().authoritative() ? ", authoritative" : ", not authoritative"),
                        link(base + "/collections/" + c.id() + "/items?f=html", "items", "features")));
            }
            Respond.html(
                    response,
                    new HtmlPage("Collections", nav(base))
                            .table(List.of("id", "title", "geometry", "features", "provenance", ""), rows)
                            .render());
            return;
        }
        List<Link> links = List.of(
                new Link(base + "/collections", "self", CollectionDocs.JSON, "this document"),
                new Link(base + "/collections?f=html", "alternate", CollectionDocs.HTML, "this document as HTML"));
        Respond.json(response, json, CollectionDocs.JSON, new CollectionList(links, CollectionDocs.crsUris(), docs));
    }

    @GetMapping("/ogc/collections/{collectionId}")
    public void collection(@PathVariable String collectionId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Atlas atlas = atlases.current();
        Layer layer = CollectionDocs.layer(atlas, collectionId);
        Query.check(request, ONLY_F);
        Format format = Format.of(request);
        if (freshness.notModified(request, response, atlas, format)) {
            return;
        }
        String base = CollectionDocs.base(request);
        CollectionDocs.Collection c = CollectionDocs.collection(layer, base);
        if (format == Format.HTML) {
            Provenance p = c.provenance();
            List<List<Object>> rows = new ArrayList<>();
            rows.add(List.of("title", c.title() + (c.titleZh() == null ? "" : " / " + c.titleZh())));
            rows.add(List.of("description", c.description()));
            rows.add(List.of("geometry", c.geometry()));
            rows.add(List.of("features", c.featureCount()));
            rows.add(List.of(
                    "bbox (CRS84)",
                    c.extent() == null
                            ? "empty"
                            : Arrays.toString(c.extent().spatial().bbox().get(0))));
            rows.add(List.of("temporal extent", "none: " + CollectionDocs.NO_TIME));
            rows.add(List.of("CRSs", String.join(", ", c.crs())));
            rows.add(List.of("storage CRS", c.storageCrs()));
            rows.add(List.of(
                    "filter by",
                    c.filterableProperties().isEmpty() ? "(none)" : String.join(", ", c.filterableProperties())));
            rows.add(List.of(
                    "provenance",
                    "method " + p.method().code() + "; source " + p.source() + "; licence " + p.licence()
                            + "; accuracy " + p.accuracy() + "; "
                            + (p.authoritative() ? "authoritative" : "not authoritative")));
            rows.add(List.of("valid from", c.validFrom() == null ? "" : c.validFrom()));
            rows.add(List.of("citation", c.citation() == null ? "" : c.citation()));
            rows.add(List.of("version", c.version()));
            HtmlPage page = new HtmlPage(c.title(), nav(base)).table(List.of("", ""), rows);
            for (Link l : c.links()) {
                // a browser following a JSON link would get this page again without f=json
                String href = l.type().equals(CollectionDocs.HTML) || l.href().contains("?")
                        ? l.href()
                        : l.href() + "?f=json";
                page.link(href, l.rel() + ": " + l.title() + " (" + l.type() + ")");
            }
            Respond.html(response, page.render());
            return;
        }
        Respond.json(response, json, CollectionDocs.JSON, c);
    }

    /** A JSON Schema of the features' properties, with the JSON types seen in the data. */
    @GetMapping("/ogc/collections/{collectionId}/schema")
    public void schema(@PathVariable String collectionId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Atlas atlas = atlases.current();
        Layer layer = CollectionDocs.layer(atlas, collectionId);
        Query.check(request, ONLY_F);
        Format format = Format.of(request);
        if (freshness.notModified(request, response, atlas, format)) {
            return;
        }
        Map<String, Set<String>> types = declaredTypes(layer);
        for (Feature f : layer.features()) {
            f.properties()
                    .forEach((name, value) ->
                            types.computeIfAbsent(name, k -> new TreeSet<>()).add(jsonType(value)));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        types.forEach((name, seen) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("type", seen.size() == 1 ? seen.iterator().next() : List.copyOf(seen));
            p.put("x-filterable", layer.filterableProperties().contains(name));
            properties.put(name, p);
        });
        if (format == Format.HTML) {
            List<List<Object>> rows = new ArrayList<>();
            properties.forEach((name, p) -> rows.add(List.of(
                    name,
                    String.valueOf(((Map<?, ?>) p).get("type")),
                    Boolean.TRUE.equals(((Map<?, ?>) p).get("x-filterable")) ? "yes, ?" + name + "=value" : "no")));
            Respond.html(
                    response,
                    new HtmlPage("Properties of " + layer.info().titleEn(), nav(CollectionDocs.base(request)))
                            .table(List.of("property", "JSON type", "equality filter"), rows)
                            .render());
            return;
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", CollectionDocs.base(request) + "/collections/" + layer.id() + "/schema");
        schema.put("title", layer.info().titleEn());
        schema.put("type", "object");
        schema.put("properties", properties);
        Respond.json(response, json, "application/schema+json", schema);
    }

    /** Part 3 queryables: what {@code filter}, {@code sortby} and the equality parameters may name, as JSON Schema. */
    @GetMapping("/ogc/collections/{collectionId}/queryables")
    public void queryables(@PathVariable String collectionId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Atlas atlas = atlases.current();
        Layer layer = CollectionDocs.layer(atlas, collectionId);
        Query.check(request, ONLY_F);
        Format format = Format.of(request);
        if (freshness.notModified(request, response, atlas, format)) {
            return;
        }
        Map<String, Set<String>> types = declaredTypes(layer);
        types.keySet().retainAll(layer.filterableProperties());
        for (Feature f : layer.features()) {
            f.properties().forEach((name, value) -> {
                if (layer.filterableProperties().contains(name)) {
                    types.computeIfAbsent(name, k -> new TreeSet<>()).add(jsonType(value));
                }
            });
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        Map<String, Object> geometry = new LinkedHashMap<>();
        geometry.put("title", "the feature geometry (" + layer.info().geometry().code() + ")");
        geometry.put(
                "format",
                "geometry-"
                        + switch (layer.info().geometry()) {
                            case POLYGON -> "polygon-or-multipolygon";
                            case LINE -> "linestring-or-multilinestring";
                            case POINT -> "point-or-multipoint";
                        });
        geometry.put("x-ogc-role", "primary-geometry");
        properties.put(liuyu.cql.FeatureFilter.GEOMETRY, geometry);
        types.forEach((name, seen) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("title", name);
            p.put("type", seen.size() == 1 ? seen.iterator().next() : List.copyOf(seen));
            properties.put(name, p);
        });
        if (format == Format.HTML) {
            List<List<Object>> rows = new ArrayList<>();
            properties.forEach((name, p) -> {
                Map<?, ?> schema = (Map<?, ?>) p;
                rows.add(List.of(
                        name, String.valueOf(schema.containsKey("type") ? schema.get("type") : schema.get("format"))));
            });
            Respond.html(
                    response,
                    new HtmlPage("Queryables of " + layer.info().titleEn(), nav(CollectionDocs.base(request)))
                            .note("Use them in filter (CQL2 Text or JSON), sortby, and as ?name=value.")
                            .table(List.of("queryable", "type"), rows)
                            .render());
            return;
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", CollectionDocs.base(request) + "/collections/" + layer.id() + "/queryables");
        schema.put("title", "Queryables of " + layer.info().titleEn());
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        Respond.json(response, json, "application/schema+json", schema);
    }

    /** The types the layer declares (the ledger's fields), to which the types seen in the features are added. */
    private static Map<String, Set<String>> declaredTypes(Layer layer) {
        Map<String, Set<String>> types = new TreeMap<>();
        layer.declaredTypes().forEach((name, type) -> types.put(name, new TreeSet<>(Set.of(type))));
        return types;
    }

    private static String jsonType(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return "integer";
        }
        if (value instanceof Number) {
            return "number";
        }
        return value instanceof Map ? "object" : "array";
    }

    static List<Link> nav(String base) {
        return List.of(
                link(base + "?f=html", "home", "Liuyu OGC API"),
                link(base + "/collections?f=html", "data", "Collections"),
                link(base + "/conformance?f=html", "conformance", "Conformance"),
                link(base + "/api?f=html", "service-doc", "API"));
    }

    private static Link link(String href, String rel, String title) {
        return new Link(href, rel, CollectionDocs.HTML, title);
    }
}
