package liuyu.api.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Layer;
import liuyu.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** Landing page, conformance, OpenAPI document, collections and the HTML pages, on the fixture atlas. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/ogc-atlas"})
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@Tag("integration")
class OgcMetadataApiTest {
    private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    @LocalServerPort
    int port;

    @Autowired
    AtlasStore atlases;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private static Set<String> rels(JsonNode doc) {
        Set<String> rels = new HashSet<>();
        doc.path("links").forEach(l -> rels.add(l.path("rel").asString()));
        return rels;
    }

    @Test
    void theLandingPageLinksTheApiDescriptionConformanceAndData() {
        JsonNode landing = http.json("/ogc");
        assertThat(rels(landing)).contains("self", "alternate", "service-desc", "service-doc", "conformance", "data");
        for (JsonNode l : landing.path("links")) {
            if (l.path("rel").asString().equals("service-desc")) {
                assertThat(l.path("type").asString()).isEqualTo("application/vnd.oai.openapi+json;version=3.0");
            }
            assertThat(http.response(l.path("href").asString()).statusCode())
                    .as(l.toString())
                    .isEqualTo(200);
        }
    }

    @Test
    void conformanceDeclaresPart1CoreGeoJsonOpenApiHtmlPart2CrsPart3FilteringCql2AndTiles() {
        List<String> classes = new ArrayList<>();
        http.json("/ogc/conformance").path("conformsTo").forEach(c -> classes.add(c.asString()));
        assertThat(classes)
                .containsExactlyInAnyOrder(
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
    }

    @Test
    void theOpenApiDocumentDescribesEveryPathAndTheLimitRange() {
        HttpResponse<String> r = http.response("/ogc/api");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.oai.openapi+json");
        JsonNode api = Http.JSON.readTree(r.body());
        assertThat(api.path("openapi").asString()).startsWith("3.0.");
        JsonNode paths = api.path("paths");
        assertThat(paths.propertyNames())
                .contains(
                        "/",
                        "/conformance",
                        "/api",
                        "/collections",
                        "/collections/{collectionId}",
                        "/collections/{collectionId}/items",
                        "/collections/{collectionId}/items/{featureId}",
                        "/collections/zones/items");
        JsonNode limit = null;
        List<String> names = new ArrayList<>();
        for (JsonNode p :
                paths.path("/collections/{collectionId}/items").path("get").path("parameters")) {
            names.add(p.path("name").asString());
            if (p.path("name").asString().equals("limit")) {
                limit = p.path("schema");
            }
        }
        assertThat(names).contains("collectionId", "limit", "offset", "bbox", "bbox-crs", "crs", "datetime", "f");
        assertThat(limit.path("minimum").asInt()).isEqualTo(1);
        assertThat(limit.path("maximum").asInt()).isEqualTo(10_000);
        assertThat(limit.path("default").asInt()).isEqualTo(10);
        List<String> zoneFilters = new ArrayList<>();
        paths.path("/collections/zones/items")
                .path("get")
                .path("parameters")
                .forEach(p -> zoneFilters.add(p.path("name").asString()));
        assertThat(zoneFilters).contains("level", "waterSource", "limit").doesNotContain("collectionId");
        List<String> riverFilters = new ArrayList<>();
        paths.path("/collections/rivers/items")
                .path("get")
                .path("parameters")
                .forEach(p -> riverFilters.add(p.path("name").asString()));
        assertThat(riverFilters).contains("kind").doesNotContain("diversions");
        List<String> ids = new ArrayList<>();
        paths.path("/collections/{collectionId}")
                .path("get")
                .path("parameters")
                .get(0)
                .path("schema")
                .path("enum")
                .forEach(i -> ids.add(i.asString()));
        assertThat(ids).containsExactly("zones", "rivers", "sections");
    }

    /** The bbox of a fixture layer read straight from its GeoJSON file: min and max over every coordinate pair. */
    static List<Double> rawBbox(String layer) {
        double[] box = {
            Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY
        };
        JsonNode doc;
        try {
            doc = Http.JSON.readTree(java.nio.file.Files.readString(
                    java.nio.file.Path.of("src/test/resources/ogc-atlas/layers", layer + ".geojson")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (JsonNode f : doc.path("features")) {
            widen(box, f.path("geometry").path("coordinates"));
        }
        return List.of(box[0], box[1], box[2], box[3]);
    }

    private static void widen(double[] box, JsonNode coordinates) {
        if (coordinates.isArray()
                && coordinates.size() >= 2
                && coordinates.get(0).isNumber()) {
            box[0] = Math.min(box[0], coordinates.get(0).asDouble());
            box[1] = Math.min(box[1], coordinates.get(1).asDouble());
            box[2] = Math.max(box[2], coordinates.get(0).asDouble());
            box[3] = Math.max(box[3], coordinates.get(1).asDouble());
            return;
        }
        for (JsonNode inner : coordinates) {
            widen(box, inner);
        }
    }

    @Test
    void everyLayerIsACollectionWithItsExtentCrsListAndLinks() {
        JsonNode list = http.json("/ogc/collections");
        List<String> ids = new ArrayList<>();
        for (JsonNode c : list.path("collections")) {
            ids.add(c.path("id").asString());
            Layer layer = atlases.current().layer(c.path("id").asString());
            JsonNode single = http.json("/ogc/collections/" + layer.id());
            assertThat(single).isEqualTo(c);
            assertThat(c.path("title").asString()).isEqualTo(layer.info().titleEn());
            JsonNode bbox = c.path("extent").path("spatial").path("bbox").get(0);
            assertThat(List.of(
                            bbox.get(0).asDouble(),
                            bbox.get(1).asDouble(),
                            bbox.get(2).asDouble(),
                            bbox.get(3).asDouble()))
                    .as("bbox of " + layer.id() + " from its GeoJSON file")
                    .containsExactlyElementsOf(rawBbox(layer.id()));
            assertThat(c.path("extent").path("spatial").path("crs").asString()).isEqualTo(CRS84);
            assertThat(c.path("extent").has("temporal")).as("no layer has time").isFalse();
            assertThat(c.path("description").asString()).contains("no temporal extent");
            List<String> crs = new ArrayList<>();
            c.path("crs").forEach(x -> crs.add(x.asString()));
            assertThat(crs)
                    .hasSize(3 + 1 + 64)
                    .startsWith(
                            CRS84,
                            "http://www.opengis.net/def/crs/EPSG/0/4326",
                            "http://www.opengis.net/def/crs/EPSG/0/4490",
                            "http://www.opengis.net/def/crs/EPSG/0/3857")
                    .contains(
                            "http://www.opengis.net/def/crs/EPSG/0/4491", "http://www.opengis.net/def/crs/EPSG/0/4554");
            assertThat(c.path("storageCrs").asString()).isEqualTo(CRS84);
            assertThat(rels(c)).contains("self", "alternate", "items", "describedby");
            assertThat(c.path("provenance").path("method").asString()).isEqualTo("synthetic");
            for (JsonNode l : c.path("links")) {
                assertThat(http.response(l.path("href").asString()).statusCode())
                        .as(l.toString())
                        .isEqualTo(200);
            }
        }
        assertThat(ids).containsExactly("zones", "rivers", "sections");
    }

    @Test
    void theSchemaListsEachPropertyWithItsJsonTypeAndWhetherItCanBeFiltered() {
        JsonNode schema = http.json("/ogc/collections/rivers/schema");
        assertThat(schema.path("properties").path("kind").path("type").asString())
                .isEqualTo("string");
        assertThat(schema.path("properties").path("kind").path("x-filterable").asBoolean())
                .isTrue();
        assertThat(schema.path("properties").path("diversions").path("type").asString())
                .isEqualTo("array");
        assertThat(schema.path("properties")
                        .path("diversions")
                        .path("x-filterable")
                        .asBoolean())
                .isFalse();
        List<String> downstream = new ArrayList<>();
        schema.path("properties").path("downstream").path("type").forEach(t -> downstream.add(t.asString()));
        assertThat(downstream).containsExactly("null", "string");
    }

    @Test
    void everyResourceHasAReadableHtmlPageThatFetchesNothingFromElsewhere() {
        Pattern url = Pattern.compile("(?:href|src)=\"([^\"]*)\"");
        String[] paths = {
            "/ogc",
            "/ogc/conformance",
            "/ogc/api",
            "/ogc/collections",
            "/ogc/collections/zones",
            "/ogc/collections/zones/schema",
            "/ogc/collections/zones/items",
            "/ogc/collections/zones/items/zone-l",
            "/ogc/collections/sections/items?limit=5&offset=5",
            "/ogc/collections/rivers/items/river-two"
        };
        for (String path : paths) {
            for (HttpResponse<String> r : List.of(
                    http.response(path + (path.contains("?") ? "&" : "?") + "f=html"),
                    http.response(path, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8"))) {
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type").orElse(""))
                        .as(path)
                        .startsWith("text/html");
                String page = r.body();
                assertThat(page)
                        .as(path)
                        .startsWith("<!DOCTYPE html>")
                        .contains("<h1>")
                        .doesNotContain("<script", "@import", "url(");
                Matcher m = url.matcher(page);
                while (m.find()) {
                    assertThat(m.group(1))
                            .as(path + " links only to this server")
                            .startsWith(http.root());
                }
            }
        }
        String item =
                http.response("/ogc/collections/zones/items/zone-l?f=html").body();
        assertThat(item).contains("L形区", "<svg", "not authoritative");
        String items = http.response("/ogc/collections/sections/items?f=html&limit=5&offset=5")
                .body();
        assertThat(items).contains("Features 6–10 of 23", "next: next page", "prev: previous page");
    }

    @Test
    void textIsEscapedInHtmlPages() {
        String page = http.response("/ogc/collections/zones/items?f=html&waterSource=%3Cb%3E")
                .body();
        assertThat(page).contains("0 matching").doesNotContain("<b>").contains("waterSource=%3Cb%3E");
    }

    @Test
    void jsonIsTheDefaultAndAcceptChoosesBetweenGeoJsonAndHtml() {
        assertThat(http.response("/ogc/collections/zones/items")
                        .headers()
                        .firstValue("Content-Type")
                        .orElse(""))
                .startsWith("application/geo+json");
        assertThat(http.response("/ogc/collections/zones/items", "Accept", "application/geo+json, application/json")
                        .headers()
                        .firstValue("Content-Type")
                        .orElse(""))
                .startsWith("application/geo+json");
        assertThat(http.response("/ogc/collections/zones/items", "Accept", "application/json;q=0.9, text/html;q=0.5")
                        .headers()
                        .firstValue("Content-Type")
                        .orElse(""))
                .startsWith("application/geo+json");
        assertThat(http.response("/ogc/collections", "Accept", "text/html")
                        .headers()
                        .firstValue("Content-Type")
                        .orElse(""))
                .startsWith("text/html");
        assertThat(http.response("/ogc/collections?f=json", "Accept", "text/html")
                        .headers()
                        .firstValue("Content-Type")
                        .orElse(""))
                .startsWith("application/json");
    }
}
