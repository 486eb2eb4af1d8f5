package liuyu.api.ogc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liuyu.api.ApiProblem;
import liuyu.api.Params;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.atlas.PropertyEquals;
import liuyu.atlas.Selection;
import liuyu.geo.Crs;
import liuyu.geo.GeoJson;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * OGC API – Features items: a page of a layer's features, filtered by bbox and property equality,
 * streamed straight from the atlas snapshot to the response (only the page is ever written, and
 * nothing but match positions is held per request).
 */
@RestController
public class OgcItemsController {
    private static final Set<String> ITEMS_PARAMETERS = Set.of("f", "bbox", "bbox-crs", "limit", "offset", "crs", "datetime");
    private static final Set<String> ITEM_PARAMETERS = Set.of("f", "crs");

    private final AtlasStore atlases;
    private final JsonMapper json;

    public OgcItemsController(AtlasStore atlases, JsonMapper json) {
        this.atlases = atlases;
        this.json = json;
    }

    @GetMapping("/ogc/collections/{collectionId}/items")
    public void items(@PathVariable String collectionId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Layer layer = CollectionDocs.layer(atlases.current(), collectionId);
        Set<String> filterable = layer.filterableProperties();
        Query.check(request, ITEMS_PARAMETERS, filterable::contains, String.join(", ", ITEMS_PARAMETERS.stream().sorted().toList())
            + (filterable.isEmpty() ? "" : ", and equality filters on " + String.join(", ", filterable.stream().sorted().toList())));
        Format format = Format.of(request);
        int limit = Params.integer("limit", request.getParameter("limit"), 1, OpenApiDocument.LIMIT_MAX, OpenApiDocument.LIMIT_DEFAULT);
        int offset = Params.integer("offset", request.getParameter("offset"), 0, Integer.MAX_VALUE, 0);
        Crs crs = CollectionDocs.crs("crs", request.getParameter("crs"));
        Crs bboxCrs = CollectionDocs.crs("bbox-crs", request.getParameter("bbox-crs"));
        Envelope bbox = bbox(request.getParameter("bbox"), bboxCrs);
        if (request.getParameter("datetime") != null) {
            throw ApiProblem.badRequest("datetime", "collection '" + layer.id() + "' has no temporal property: " + CollectionDocs.NO_TIME);
        }
        List<PropertyEquals> filters = new ArrayList<>();
        for (String name : request.getParameterMap().keySet()) {
            if (!ITEMS_PARAMETERS.contains(name)) {
                filters.add(new PropertyEquals(name, request.getParameter(name)));
            }
        }

        Selection selection = layer.select(bbox, filters);
        int from = Math.min(offset, selection.size());
        int to = (int) Math.min((long) from + limit, selection.size());
        String base = CollectionDocs.base(request);
        String items = base + "/collections/" + layer.id() + "/items";
        String kept = keptParameters(request);
        List<Link> links = new ArrayList<>();
        String type = format == Format.HTML ? CollectionDocs.HTML : CollectionDocs.GEOJSON;
        String f = format == Format.HTML ? "&f=html" : "";
        links.add(new Link(page(items, kept, limit, offset) + f, "self", type, "this page"));
        links.add(new Link(page(items, kept, limit, offset) + (format == Format.HTML ? "&f=json" : "&f=html"), "alternate",
            format == Format.HTML ? CollectionDocs.GEOJSON : CollectionDocs.HTML, "this page as " + (format == Format.HTML ? "GeoJSON" : "HTML")));
        if (to < selection.size()) {
            links.add(new Link(page(items, kept, limit, to) + f, "next", type, "next page"));
        }
        if (from > 0) {
            links.add(new Link(page(items, kept, limit, Math.max(0, offset - limit)) + f, "prev", type, "previous page"));
        }
        links.add(new Link(base + "/collections/" + layer.id(), "collection", CollectionDocs.JSON, "the collection"));

        if (format == Format.HTML) {
            List<List<Object>> rows = new ArrayList<>();
            List<Geometry> sketch = new ArrayList<>();
            for (int i = from; i < to; i++) {
                Feature feature = selection.get(i);
                rows.add(List.of(new Link(items + "/" + UriUtils.encodePathSegment(feature.id(), StandardCharsets.UTF_8) + "?f=html", "item", CollectionDocs.HTML, feature.id()),
                    String.valueOf(feature.nameZh()), String.valueOf(feature.nameEn()), feature.geometry().getGeometryType(),
                    otherProperties(feature)));
                sketch.add(feature.geometry());
            }
            HtmlPage html = new HtmlPage(layer.info().titleEn() + ": features", OgcController.nav(base))
                .paragraph("Features " + (to == from ? "none" : (from + 1) + "–" + to) + " of " + selection.size() + " matching.")
                .sketch(sketch)
                .table(List.of("id", "nameZh", "nameEn", "geometry", "properties"), rows);
            for (Link l : links) {
                html.link(l.href(), l.rel() + ": " + l.title());
            }
            Respond.html(response, html.render());
            return;
        }

        response.setContentType(CollectionDocs.GEOJSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Crs", "<" + crs.uri() + ">");
        GeoJson.Style style = GeoJson.Style.of(crs);
        try (JsonGenerator out = json.createGenerator(response.getOutputStream())) {
            out.writeStartObject();
            out.writeStringProperty("type", "FeatureCollection");
            out.writeNumberProperty("numberMatched", selection.size());
            out.writeNumberProperty("numberReturned", to - from);
            out.writeStringProperty("timeStamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            out.writePOJOProperty("links", links);
            out.writeName("features");
            out.writeStartArray();
            for (int i = from; i < to; i++) {
                Feature feature = selection.get(i);
                GeoJson.writeFeature(feature.id(), feature.properties(), feature.geometry(), out, style);
            }
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    @GetMapping("/ogc/collections/{collectionId}/items/{featureId}")
    public void item(@PathVariable String collectionId, @PathVariable String featureId, HttpServletRequest request,
                     HttpServletResponse response) throws IOException {
        Layer layer = CollectionDocs.layer(atlases.current(), collectionId);
        Feature feature = layer.feature(featureId);
        if (feature == null) {
            throw ApiProblem.notFound("featureId", "collection '" + layer.id() + "' has no feature '" + featureId + "'");
        }
        Query.check(request, ITEM_PARAMETERS);
        Format format = Format.of(request);
        Crs crs = CollectionDocs.crs("crs", request.getParameter("crs"));
        String base = CollectionDocs.base(request);
        String self = base + "/collections/" + layer.id() + "/items/" + UriUtils.encodePathSegment(feature.id(), StandardCharsets.UTF_8);
        String crsParameter = request.getParameter("crs") == null ? "" : "&crs=" + Query.encode(request.getParameter("crs"));
        List<Link> links = List.of(
            new Link(self + "?f=" + (format == Format.HTML ? "html" : "json") + crsParameter, "self",
                format == Format.HTML ? CollectionDocs.HTML : CollectionDocs.GEOJSON, "this feature"),
            new Link(self + "?f=" + (format == Format.HTML ? "json" : "html") + crsParameter, "alternate",
                format == Format.HTML ? CollectionDocs.GEOJSON : CollectionDocs.HTML, "this feature as " + (format == Format.HTML ? "GeoJSON" : "HTML")),
            new Link(base + "/collections/" + layer.id(), "collection", CollectionDocs.JSON, "the collection"));
        if (format == Format.HTML) {
            List<List<Object>> rows = new ArrayList<>();
            feature.properties().forEach((k, v) -> rows.add(List.of(k, String.valueOf(v))));
            rows.add(List.of("geometry", feature.geometry().getGeometryType() + ", " + feature.geometry().getNumPoints() + " vertices"));
            HtmlPage html = new HtmlPage(feature.nameZh() + (feature.nameEn() == null ? "" : " — " + feature.nameEn()), OgcController.nav(base))
                .note("Feature '" + feature.id() + "' of " + layer.info().titleEn() + ". Sketch in CRS84; "
                    + (feature.provenance().authoritative() ? "authoritative." : "not authoritative: " + feature.provenance().accuracy()))
                .sketch(List.of(feature.geometry()))
                .table(List.of("property", "value"), rows);
            for (Link l : links) {
                html.link(l.href(), l.rel() + ": " + l.title());
            }
            Respond.html(response, html.render());
            return;
        }
        response.setContentType(CollectionDocs.GEOJSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Crs", "<" + crs.uri() + ">");
        try (JsonGenerator out = json.createGenerator(response.getOutputStream())) {
            GeoJson.writeFeature(feature.id(), feature.properties(), feature.geometry(), out, GeoJson.Style.of(crs),
                g -> g.writePOJOProperty("links", links));
        }
    }

    /**
     * {@code bbox} as lon/lat: 4 or 6 numbers in the axis order of {@code crs} (EPSG:4326 and
     * EPSG:4490 boxes are latitude first). A box across the antimeridian is refused, not guessed at.
     */
    static Envelope bbox(String text, Crs crs) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw ApiProblem.badRequest("bbox", "bbox must be 4 or 6 comma-separated numbers, got " + parts.length + " values in '" + text + "'");
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("bbox", "bbox value " + (i + 1) + " '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw ApiProblem.badRequest("bbox", "bbox value " + (i + 1) + " '" + parts[i] + "' is not a finite number");
            }
        }
        int upper = parts.length / 2;
        boolean latFirst = crs.latitudeFirst();
        double minLon = latFirst ? v[1] : v[0];
        double minLat = latFirst ? v[0] : v[1];
        double maxLon = latFirst ? v[upper + 1] : v[upper];
        double maxLat = latFirst ? v[upper] : v[upper + 1];
        String order = latFirst ? " (" + crs.label() + " boxes are latitude first: minLat,minLon,maxLat,maxLon)" : " (minLon,minLat,maxLon,maxLat)";
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
            throw ApiProblem.badRequest("bbox", "bbox minimum latitude " + minLat + " is greater than the maximum " + maxLat + order);
        }
        if (minLon > maxLon) {
            throw ApiProblem.badRequest("bbox", "bbox minimum longitude " + minLon + " is greater than the maximum " + maxLon
                + "; boxes across the antimeridian are not supported" + order);
        }
        if (parts.length == 6 && v[2] > v[5]) {
            throw ApiProblem.badRequest("bbox", "bbox minimum height " + v[2] + " is greater than the maximum " + v[5]);
        }
        return new Envelope(minLon, maxLon, minLat, maxLat);
    }

    /** The request's parameters that every paging link repeats (all but limit, offset and f), encoded. */
    private static String keptParameters(HttpServletRequest request) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            String name = e.getKey();
            if (!name.equals("limit") && !name.equals("offset") && !name.equals("f")) {
                b.append(Query.encode(name)).append('=').append(Query.encode(e.getValue()[0])).append('&');
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
        rest.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        return b.toString();
    }
}
