package liuyu.api.ogc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;
import liuyu.api.ApiProblem;
import liuyu.api.Params;
import liuyu.api.StreamedJson;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasProperties;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.atlas.PropertyEquals;
import liuyu.atlas.Selection;
import liuyu.cql.Axes;
import liuyu.cql.Cql;
import liuyu.cql.Cql2Json;
import liuyu.cql.Cql2Text;
import liuyu.cql.FeatureFilter;
import liuyu.cql.PostgisFilter;
import liuyu.cql.SortBy;
import liuyu.geo.GeoJson;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * OGC API – Features items: a page of a layer's features, filtered by bbox and property equality,
 * streamed straight from the atlas snapshot to the response (only the page is ever written, and
 * nothing but match positions is held per request).
 */
@RestController
public class OgcItemsController {
    private static final Set<String> ITEMS_PARAMETERS = Set.of(
            "f",
            "bbox",
            "bbox-crs",
            "limit",
            "offset",
            "crs",
            "datetime",
            "filter",
            "filter-lang",
            "filter-crs",
            "sortby",
            "properties");
    /** Kept in every feature whatever {@code properties=} asks: a feature never travels without its provenance. */
    private static final List<String> PROVENANCE = List.of("method", "source", "licence", "accuracy", "authoritative");

    private static final Set<String> ITEM_PARAMETERS = Set.of("f", "crs");

    private final AtlasStore atlases;
    private final JsonMapper json;
    private final Freshness freshness;
    private final OgcProblems problems;
    private final PostgisFilter postgis;

    public OgcItemsController(
            AtlasStore atlases,
            JsonMapper json,
            Freshness freshness,
            OgcProblems problems,
            AtlasProperties properties,
            ObjectProvider<DataSource> dataSource,
            @Value("${liuyu.ogc.filter-in-database:true}") boolean filterInDatabase) {
        this.atlases = atlases;
        this.json = json;
        this.freshness = freshness;
        this.problems = problems;
        // in the postgis profile a CQL2 filter runs as SQL where the layers are stored (unless told to use the
        // snapshot)
        this.postgis = properties.source() == AtlasProperties.Source.POSTGIS && filterInDatabase
                ? new PostgisFilter(dataSource.getObject())
                : null;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<?> problem(ApiProblem e, HttpServletRequest request) {
        return problems.answer(e, request);
    }

    @GetMapping("/ogc/collections/{collectionId}/items")
    public void items(@PathVariable String collectionId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Atlas atlas = atlases.current();
        Layer layer = CollectionDocs.layer(atlas, collectionId);
        Set<String> filterable = layer.filterableProperties();
        Query.check(
                request,
                ITEMS_PARAMETERS,
                filterable::contains,
                String.join(", ", ITEMS_PARAMETERS.stream().sorted().toList())
                        + (filterable.isEmpty()
                                ? ""
                                : ", and equality filters on "
                                        + String.join(
                                                ", ",
                                                filterable.stream().sorted().toList())));
        Format format = Format.of(request);
        int limit = limit(request.getParameter("limit"));
        int offset = Params.integer("offset", request.getParameter("offset"), 0, Integer.MAX_VALUE, 0);
        OgcCrs crs = CollectionDocs.crs("crs", request.getParameter("crs"));
        OgcCrs bboxCrs = CollectionDocs.crs("bbox-crs", request.getParameter("bbox-crs"));
        List<Envelope> bbox = bbox(request.getParameter("bbox"), bboxCrs);
        // no layer carries time, so a well-formed datetime selects nothing away (Part 1: servers SHALL support it)
        Datetime.check(request.getParameter("datetime"));
        List<PropertyEquals> filters = new ArrayList<>();
        for (String name : request.getParameterMap().keySet()) {
            if (!ITEMS_PARAMETERS.contains(name)) {
                filters.add(new PropertyEquals(name, request.getParameter(name)));
            }
        }

        Cql cql = cql(request, layer);
        FeatureFilter cqlFilter = cql == null ? null : FeatureFilter.of(cql, filterable);
        Comparator<Feature> order = SortBy.parse(request.getParameter("sortby"), filterable);
        List<String> only = SortBy.names(request.getParameter("properties"), layer.propertyNames());

        if (freshness.notModified(request, response, atlas, format + crs.uri())) {
            return;
        }
        Predicate<Feature> equalities =
                filters.isEmpty() ? null : f -> filters.stream().allMatch(e -> e.matches(f));
        Page page = null;
        boolean inDatabase = cqlFilter != null && postgis != null && PostgisFilter.holds(layer);
        if (inDatabase && filters.isEmpty() && order == null) {
            // the page itself is cut in SQL: only its ids and the count leave the database
            page = pagedInDatabase(layer, bbox == null ? cql : withBoxes(cql, bbox), offset, limit);
        } else if (inDatabase) {
            // equalities and sortby are applied to the snapshot's features, so every matching id is needed
            Selection selection = layer.select(postgis.ids(layer, cql), bbox, equalities);
            page = Page.of(order == null ? selection : selection.sorted(order), offset, limit);
        }
        if (page == null) {
            Predicate<Feature> filter =
                    cqlFilter == null ? equalities : equalities == null ? cqlFilter : equalities.and(cqlFilter);
            List<Envelope> boxes = bbox != null || cqlFilter == null || cqlFilter.footprint() == null
                    ? bbox
                    : List.of(cqlFilter.footprint());
            Selection selection = layer.select(boxes, filter);
            page = Page.of(order == null ? selection : selection.sorted(order), offset, limit);
        }
        int from = page.from();
        int to = from + page.features().size();
        int matched = page.matched();
        String base = CollectionDocs.base(request);
        String items = base + "/collections/" + layer.id() + "/items";
        String kept = keptParameters(request);
        List<Link> links = new ArrayList<>();
        String type = format == Format.HTML ? CollectionDocs.HTML : CollectionDocs.GEOJSON;
        String f = format == Format.HTML ? "&f=html" : "";
        links.add(new Link(page(items, kept, limit, offset) + f, "self", type, "this page"));
        links.add(new Link(
                page(items, kept, limit, offset) + (format == Format.HTML ? "&f=json" : "&f=html"),
                "alternate",
                format == Format.HTML ? CollectionDocs.GEOJSON : CollectionDocs.HTML,
                "this page as " + (format == Format.HTML ? "GeoJSON" : "HTML")));
        if (to < matched) {
            links.add(new Link(page(items, kept, limit, to) + f, "next", type, "next page"));
        }
        if (from > 0) {
            links.add(new Link(
                    page(items, kept, limit, Math.max(0, offset - limit)) + f, "prev", type, "previous page"));
        }
        links.add(new Link(base + "/collections/" + layer.id(), "collection", CollectionDocs.JSON, "the collection"));

        if (format == Format.HTML) {
            List<List<Object>> rows = new ArrayList<>();
            List<Geometry> sketch = new ArrayList<>();
            for (Feature feature : page.features()) {
                rows.add(List.of(
                        new Link(
                                items + "/" + UriUtils.encodePathSegment(feature.id(), StandardCharsets.UTF_8)
                                        + "?f=html",
                                "item",
                                CollectionDocs.HTML,
                                feature.id()),
                        String.valueOf(feature.nameZh()),
                        String.valueOf(feature.nameEn()),
                        layer.served(feature).getGeometryType(),
                        otherProperties(feature)));
                sketch.add(feature.geometry());
            }
            HtmlPage html = new HtmlPage(layer.info().titleEn() + ": features", OgcController.nav(base))
                    .paragraph("Features " + (to == from ? "none" : (from + 1) + "–" + to) + " of " + matched
                            + " matching.")
                    .sketch(sketch)
                    .table(List.of("id", "nameZh", "nameEn", "geometry", "properties"), rows);
            for (Link l : links) {
                html.link(l.href(), l.rel() + ": " + l.title());
            }
            Respond.html(response, html.render());
            return;
        }

        response.setHeader("Content-Crs", "<" + crs.uri() + ">");
        GeoJson.Style style = crs.style();
        List<Feature> features = page.features();
        StreamedJson.write(json, response, CollectionDocs.GEOJSON, out -> {
            out.writeStartObject();
            out.writeStringProperty("type", "FeatureCollection");
            out.writeNumberProperty("numberMatched", matched);
            out.writeNumberProperty("numberReturned", to - from);
            out.writeStringProperty(
                    "timeStamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            out.writePOJOProperty("links", links);
            out.writeName("features");
            out.writeStartArray();
            for (Feature feature : features) {
                GeoJson.writeFeature(
                        feature.id(),
                        only == null ? feature.properties() : only(feature, only),
                        crs.fromLonLat(layer.served(feature)),
                        out,
                        style);
            }
            out.writeEndArray();
            out.writeEndObject();
        });
    }

    /** The features of one page, the index of its first among all matches, and how many match. */
    record Page(List<Feature> features, int from, int matched) {
        /** The page {@code [offset, offset + limit)} of {@code selection} (empty when the offset lies past the end). */
        static Page of(Selection selection, int offset, int limit) {
            int from = Math.min(offset, selection.size());
            int to = (int) Math.min((long) from + limit, selection.size());
            List<Feature> features = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                features.add(selection.get(i));
            }
            return new Page(features, from, selection.size());
        }
    }

    /**
     * The page cut by PostgreSQL ({@link PostgisFilter#page}), its features taken from the snapshot; {@code null}
     * when the stored layer is no longer the snapshot's (an edit not reloaded yet), so that the request is answered
     * from the snapshot alone, as the in-memory path answers it.
     */
    private Page pagedInDatabase(Layer layer, Cql cql, int offset, int limit) {
        PostgisFilter.Page rows = postgis.page(layer, cql, offset, limit);
        if (!layer.info().version().equals(rows.version())) {
            return null;
        }
        List<Feature> features = new ArrayList<>(rows.ids().size());
        for (String id : rows.ids()) {
            Feature feature = layer.feature(id);
            if (feature == null) {
                return null;
            }
            features.add(feature);
        }
        return new Page(features, Math.min(offset, rows.matched()), rows.matched());
    }

    /** {@code cql} AND the feature really meets one of the {@code bbox} rectangles, as {@link Layer#select} tests it. */
    private static Cql withBoxes(Cql cql, List<Envelope> boxes) {
        List<Cql> any = new ArrayList<>();
        for (Envelope box : boxes) {
            any.add(new Cql.Spatial(
                    "s_intersects",
                    new Cql.Property(FeatureFilter.GEOMETRY),
                    new Cql.GeometryLiteral(GeoJson.FACTORY.toGeometry(box))));
        }
        return new Cql.And(List.of(cql, any.size() == 1 ? any.get(0) : new Cql.Or(any)));
    }

    @GetMapping("/ogc/collections/{collectionId}/items/{featureId}")
    public void item(
            @PathVariable String collectionId,
            @PathVariable String featureId,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        Atlas atlas = atlases.current();
        Layer layer = CollectionDocs.layer(atlas, collectionId);
        Feature feature = layer.feature(featureId);
        if (feature == null) {
            throw ApiProblem.notFound(
                    "featureId", "collection '" + layer.id() + "' has no feature '" + featureId + "'");
        }
        Query.check(request, ITEM_PARAMETERS);
        Format format = Format.of(request);
        OgcCrs crs = CollectionDocs.crs("crs", request.getParameter("crs"));
        if (freshness.notModified(request, response, atlas, format + crs.uri())) {
            return;
        }
        String base = CollectionDocs.base(request);
        String self = base + "/collections/" + layer.id() + "/items/"
                + UriUtils.encodePathSegment(feature.id(), StandardCharsets.UTF_8);
        String crsParameter =
                request.getParameter("crs") == null ? "" : "&crs=" + Query.encode(request.getParameter("crs"));
        List<Link> links = List.of(
                new Link(
                        self + "?f=" + (format == Format.HTML ? "html" : "json") + crsParameter,
                        "self",
                        format == Format.HTML ? CollectionDocs.HTML : CollectionDocs.GEOJSON,
                        "this feature"),
                new Link(
                        self + "?f=" + (format == Format.HTML ? "json" : "html") + crsParameter,
                        "alternate",
                        format == Format.HTML ? CollectionDocs.GEOJSON : CollectionDocs.HTML,
                        "this feature as " + (format == Format.HTML ? "GeoJSON" : "HTML")),
                new Link(base + "/collections/" + layer.id(), "collection", CollectionDocs.JSON, "the collection"));
        if (format == Format.HTML) {
            List<List<Object>> rows = new ArrayList<>();
            feature.properties().forEach((k, v) -> rows.add(List.of(k, String.valueOf(v))));
            rows.add(List.of(
                    "geometry",
                    layer.served(feature).getGeometryType() + ", "
                            + feature.geometry().getNumPoints() + " vertices"));
            HtmlPage html = new HtmlPage(
                            feature.nameZh() + (feature.nameEn() == null ? "" : " — " + feature.nameEn()),
                            OgcController.nav(base))
                    .note("Feature '" + feature.id() + "' of " + layer.info().titleEn() + ". Sketch in CRS84; "
                            + (feature.provenance().authoritative()
                                    ? "authoritative."
                                    : "not authoritative: "
                                            + feature.provenance().accuracy()))
                    .sketch(List.of(feature.geometry()))
                    .table(List.of("property", "value"), rows);
            for (Link l : links) {
                html.link(l.href(), l.rel() + ": " + l.title());
            }
            Respond.html(response, html.render());
            return;
        }
        response.setHeader("Content-Crs", "<" + crs.uri() + ">");
        StreamedJson.write(json, response, CollectionDocs.GEOJSON, out -> {
            GeoJson.writeFeature(
                    feature.id(),
                    feature.properties(),
                    crs.fromLonLat(layer.served(feature)),
                    out,
                    crs.style(),
                    g -> g.writePOJOProperty("links", links));
        });
    }

    /**
     * {@code bbox} as lon/lat boxes: 4 or 6 numbers in the axis order of {@code crs} (EPSG:4326 and
     * EPSG:4490 boxes are latitude first, Gauss-Krüger ones northing first). A lon/lat box whose west
     * edge lies east of its east edge crosses the antimeridian (Part 1 allows it) and becomes two
     * boxes, one each side; a projected box becomes the lon/lat envelope of its edges.
     */
    static List<Envelope> bbox(String text, OgcCrs crs) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw ApiProblem.badRequest(
                    "bbox",
                    "bbox must be 4 or 6 comma-separated numbers, got " + parts.length + " values in '" + text + "'");
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("bbox", "bbox value " + (i + 1) + " '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw ApiProblem.badRequest(
                        "bbox", "bbox value " + (i + 1) + " '" + parts[i] + "' is not a finite number");
            }
        }
        int upper = parts.length / 2;
        if (crs.projected() != null) {
            return List.of(projectedBox(v, upper, crs));
        }
        boolean latFirst = crs.swapped();
        double minLon = latFirst ? v[1] : v[0];
        double minLat = latFirst ? v[0] : v[1];
        double maxLon = latFirst ? v[upper + 1] : v[upper];
        double maxLat = latFirst ? v[upper] : v[upper + 1];
        String order = latFirst
                ? " (" + crs.label() + " boxes are latitude first: minLat,minLon,maxLat,maxLon)"
                : " (minLon,minLat,maxLon,maxLat)";
        for (double lon : new double[] {minLon, maxLon}) {
            if (lon < -180 || lon > 180) {
                throw ApiProblem.badRequest("bbox", "bbox longitude " + lon + " is outside [-180, 180]" + order);
            }
        }
        for (double lat : new double[] {minLat, maxLat}) {
            if (lat < -90 || lat > 90) {
                throw ApiProblem.badRequest("bbox", "bbox latitude " + lat + " is outside [-90, 90]" + order);
            }
        }
        if (minLat > maxLat) {
            throw ApiProblem.badRequest(
                    "bbox", "bbox minimum latitude " + minLat + " is greater than the maximum " + maxLat + order);
        }
        if (parts.length == 6 && v[2] > v[5]) {
            throw ApiProblem.badRequest("bbox", "bbox minimum height " + v[2] + " is greater than the maximum " + v[5]);
        }
        if (minLon > maxLon) {
            return List.of(new Envelope(minLon, 180, minLat, maxLat), new Envelope(-180, maxLon, minLat, maxLat));
        }
        return List.of(new Envelope(minLon, maxLon, minLat, maxLat));
    }

    private static Envelope projectedBox(double[] v, int upper, OgcCrs crs) {
        boolean northFirst = crs.swapped();
        double minE = northFirst ? v[1] : v[0];
        double minN = northFirst ? v[0] : v[1];
        double maxE = northFirst ? v[upper + 1] : v[upper];
        double maxN = northFirst ? v[upper] : v[upper + 1];
        String order = northFirst
                ? " (" + crs.label() + " boxes are northing first: minN,minE,maxN,maxE)"
                : " (minE,minN,maxE,maxN)";
        if (minE > maxE || minN > maxN) {
            throw ApiProblem.badRequest("bbox", "bbox minimum is greater than the maximum" + order);
        }
        // beyond ±85.06° Web Mercator has no points, and a Gauss-Krüger zone is meant for its few degrees
        double limit = crs.projected().epsg() == 3857 ? 20_037_508.35 : 40_000_000;
        for (double m : new double[] {minE, minN, maxE, maxN}) {
            if (Math.abs(m) > limit) {
                throw ApiProblem.badRequest("bbox", "bbox value " + m + " m lies outside " + crs.label() + order);
            }
        }
        return crs.projected().toLonLat(new Envelope(minE, maxE, minN, maxN));
    }

    /** The {@code filter} parameter read in its {@code filter-lang}, with literals in {@code filter-crs}; {@code null} when absent. */
    private static Cql cql(HttpServletRequest request, Layer layer) {
        String text = request.getParameter("filter");
        String lang = request.getParameter("filter-lang");
        if (lang != null && !lang.equals("cql2-text") && !lang.equals("cql2-json")) {
            throw ApiProblem.badRequest(
                    "filter-lang", "unknown filter-lang '" + lang + "'; accepted: cql2-text (default), cql2-json");
        }
        OgcCrs filterCrs = CollectionDocs.crs("filter-crs", request.getParameter("filter-crs"));
        if (text == null) {
            return null;
        }
        Axes axes = filterCrs.axes();
        return "cql2-json".equals(lang) ? Cql2Json.parse(text, axes) : Cql2Text.parse(text, axes);
    }

    private static Map<String, Object> only(Feature feature, List<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names) {
            if (feature.properties().containsKey(name)) {
                out.put(name, feature.properties().get(name));
            }
        }
        for (String name : PROVENANCE) {
            if (feature.properties().containsKey(name)) {
                out.put(name, feature.properties().get(name));
            }
        }
        return out;
    }

    /** {@code limit}: a whole number from 1; above the maximum, however large, it is served at the maximum (as Part 1's own example does). */
    static int limit(String value) {
        if (value != null && value.trim().matches("0*[1-9]\\d{9,}")) {
            return OpenApiDocument.LIMIT_MAX;
        }
        return Math.min(
                OpenApiDocument.LIMIT_MAX,
                Params.integer("limit", value, 1, Integer.MAX_VALUE, OpenApiDocument.LIMIT_DEFAULT));
    }

    /** The request's parameters that every paging link repeats (all but limit, offset and f), encoded. */
    private static String keptParameters(HttpServletRequest request) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            String name = e.getKey();
            if (!name.equals("limit") && !name.equals("offset") && !name.equals("f")) {
                b.append(Query.encode(name))
                        .append('=')
                        .append(Query.encode(e.getValue()[0]))
                        .append('&');
            }
        }
        return b.toString();
    }

    private static String page(String items, String kept, int limit, int offset) {
        return items + "?" + kept + "limit=" + limit + "&offset=" + offset;
    }

    private static String otherProperties(Feature feature) {
        Map<String, Object> rest = new LinkedHashMap<>(feature.properties());
        rest.remove("nameZh");
        rest.remove("nameEn");
        StringBuilder b = new StringBuilder();
        rest.forEach((k, v) ->
                b.append(b.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return b.toString();
    }
}
