package liuyu.api.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.geo.GeoJson;
import liuyu.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** /ogc/collections/{id}/items on the hand-made fixture atlas: paging, bbox, CRS axis order, filters, errors. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/ogc-atlas"})
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@Tag("integration")
class OgcItemsApiTest {
    @LocalServerPort
    int port;

    @Autowired
    AtlasStore atlases;

    Http http;
    Atlas atlas;

    @BeforeEach
    void client() {
        http = new Http(port);
        atlas = atlases.current();
    }

    private static List<String> ids(JsonNode fc) {
        List<String> out = new ArrayList<>();
        fc.path("features").forEach(f -> out.add(f.path("id").asString()));
        return out;
    }

    private List<String> walk(String first) {
        List<String> seen = new ArrayList<>();
        String url = first;
        int pages = 0;
        while (url != null) {
            JsonNode page = http.json(url);
            assertThat(page.path("numberReturned").asInt())
                    .isEqualTo(page.path("features").size());
            seen.addAll(ids(page));
            url = Http.link(page, "next");
            assertThat(++pages).as("paging terminates").isLessThan(1000);
        }
        return seen;
    }

    @Test
    void walkingNextReturnsEveryFeatureExactlyOnceInLayerOrder() {
        for (Layer layer : atlas.layers()) {
            List<String> expected = layer.features().stream().map(Feature::id).toList();
            for (int limit : new int[] {1, 3, 10, 10_000}) {
                assertThat(walk("/ogc/collections/" + layer.id() + "/items?limit=" + limit))
                        .as(layer.id() + " limit " + limit)
                        .containsExactlyElementsOf(expected);
            }
            assertThat(walk("/ogc/collections/" + layer.id() + "/items"))
                    .as("default limit")
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void theDefaultPageIsTenFeaturesAndCountsEveryMatch() {
        JsonNode page = http.json("/ogc/collections/sections/items");
        assertThat(page.path("type").asString()).isEqualTo("FeatureCollection");
        assertThat(page.path("numberReturned").asInt()).isEqualTo(10);
        assertThat(page.path("numberMatched").asInt()).isEqualTo(23);
        assertThat(Http.link(page, "next")).contains("offset=10").contains("limit=10");
        assertThat(Http.link(page, "prev")).isNull();
    }

    @Test
    void walkingPrevFromTheLastPageComesBackToTheFirst() {
        JsonNode last = http.json("/ogc/collections/sections/items?limit=10&offset=20");
        assertThat(ids(last)).hasSize(3);
        assertThat(Http.link(last, "next")).isNull();
        JsonNode middle = http.json(Http.link(last, "prev"));
        JsonNode first = http.json(Http.link(middle, "prev"));
        assertThat(ids(first))
                .containsExactlyElementsOf(atlas.layer("sections").features().subList(0, 10).stream()
                        .map(Feature::id)
                        .toList());
        assertThat(Http.link(first, "prev")).isNull();
    }

    @Test
    void anOffsetPastTheEndIsAnEmptyPageNotAnError() {
        JsonNode page = http.json("/ogc/collections/sections/items?offset=500");
        assertThat(page.path("numberReturned").asInt()).isZero();
        assertThat(page.path("numberMatched").asInt()).isEqualTo(23);
        assertThat(Http.link(page, "next")).isNull();
    }

    @Test
    void bboxReturnsExactlyTheFeaturesThatReallyIntersectTheBoxAndPagingKeepsTheBox() {
        Random random = new Random(21);
        int hits = 0;
        for (int i = 0; i < 60; i++) {
            double x = 115.5 + random.nextDouble() * 1.7;
            double y = 39.5 + random.nextDouble() * 1.4;
            double w = 0.02 + random.nextDouble() * 0.6;
            double h = 0.02 + random.nextDouble() * 0.6;
            Envelope box = new Envelope(x, x + w, y, y + h);
            Geometry boxGeometry = GeoJson.FACTORY.toGeometry(box);
            String bbox = x + "," + y + "," + (x + w) + "," + (y + h);
            for (Layer layer : atlas.layers()) {
                List<String> bruteForce = layer.features().stream()
                        .filter(f -> boxGeometry.intersects(f.geometry()))
                        .map(Feature::id)
                        .toList();
                JsonNode all = http.json("/ogc/collections/" + layer.id() + "/items?limit=10000&bbox=" + bbox);
                assertThat(ids(all)).as(layer.id() + " " + bbox).containsExactlyElementsOf(bruteForce);
                assertThat(all.path("numberMatched").asInt()).isEqualTo(bruteForce.size());
                for (JsonNode f : all.path("features")) {
                    assertThat(boxGeometry.intersects(GeoJson.read(f.path("geometry"), "geometry")))
                            .as(f.path("id").asString())
                            .isTrue();
                }
                assertThat(walk("/ogc/collections/" + layer.id() + "/items?limit=2&bbox=" + bbox))
                        .containsExactlyElementsOf(bruteForce);
                hits += bruteForce.size();
            }
        }
        assertThat(hits).as("the boxes hit features").isGreaterThan(60);
    }

    @Test
    void aFeatureIsNotReturnedWhenOnlyItsEnvelopeMeetsTheBox() {
        // the empty north-east corner of the L-shaped zone
        assertThat(ids(http.json("/ogc/collections/zones/items?bbox=116.25,40.05,116.35,40.15")))
                .isEmpty();
        assertThat(ids(http.json("/ogc/collections/zones/items?bbox=116.05,40.05,116.15,40.15")))
                .containsExactly("zone-l");
    }

    @Test
    void anEpsg4326BboxIsLatitudeFirst() {
        List<String> lonLat = ids(http.json("/ogc/collections/sections/items?limit=100&bbox=116.0,39.9,116.8,40.4"));
        List<String> latLon = ids(
                http.json("/ogc/collections/sections/items?limit=100&bbox=39.9,116.0,40.4,116.8&bbox-crs=EPSG:4326"));
        List<String> uri =
                ids(http.json("/ogc/collections/sections/items?limit=100&bbox=39.9,116.0,40.4,116.8&bbox-crs="
                        + "http://www.opengis.net/def/crs/EPSG/0/4490"));
        assertThat(lonLat).isNotEmpty().containsExactlyElementsOf(latLon).containsExactlyElementsOf(uri);
    }

    @Test
    void epsg4326AndEpsg4490OutputSwapsAxesAndSaysSoInContentCrs() {
        Feature zone = atlas.layer("zones").feature("zone-1");
        double lon = zone.geometry().getCoordinates()[0].x;
        double lat = zone.geometry().getCoordinates()[0].y;
        HttpResponse<String> crs84 = http.response("/ogc/collections/zones/items?level=1");
        assertThat(crs84.headers().firstValue("Content-Crs"))
                .hasValue("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
        // zones mix Polygon and MultiPolygon, so every zone is served as a MultiPolygon
        JsonNode first = Http.JSON
                .readTree(crs84.body())
                .path("features")
                .get(0)
                .path("geometry")
                .path("coordinates")
                .get(0)
                .get(0)
                .get(0);
        assertThat(first.get(0).asDouble()).isEqualTo(lon);
        assertThat(first.get(1).asDouble()).isEqualTo(lat);
        for (String[] crs : new String[][] {
            {"EPSG:4326", "http://www.opengis.net/def/crs/EPSG/0/4326"},
            {"http://www.opengis.net/def/crs/EPSG/0/4490", "http://www.opengis.net/def/crs/EPSG/0/4490"}
        }) {
            HttpResponse<String> r = http.response("/ogc/collections/zones/items?level=1&crs=" + crs[0]);
            assertThat(r.headers().firstValue("Content-Crs")).hasValue("<" + crs[1] + ">");
            JsonNode swapped = Http.JSON
                    .readTree(r.body())
                    .path("features")
                    .get(0)
                    .path("geometry")
                    .path("coordinates")
                    .get(0)
                    .get(0)
                    .get(0);
            assertThat(swapped.get(0).asDouble()).as("latitude first").isEqualTo(lat);
            assertThat(swapped.get(1).asDouble()).isEqualTo(lon);
        }
        JsonNode item = Http.JSON.readTree(http.response("/ogc/collections/sections/items/s-00?crs=EPSG:4326")
                .body());
        Feature s0 = atlas.layer("sections").feature("s-00");
        assertThat(item.path("geometry").path("coordinates").get(0).asDouble())
                .isEqualTo(s0.geometry().getCoordinate().y);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // a hang guard: comparing against 1e10000000 would expand ten million digits
    void aPropertyFilterWithAHugeExponentMatchesNothingAtOnce() {
        HttpResponse<String> r = http.response("/ogc/collections/zones/items?level=1e10000000");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(ids(Http.JSON.readTree(r.body()))).isEmpty();
    }

    @Test
    void propertyEqualityFiltersCombineWithEachOtherAndWithBbox() {
        assertThat(ids(http.json("/ogc/collections/zones/items?level=1"))).containsExactly("zone-1");
        assertThat(ids(http.json("/ogc/collections/zones/items?level=2"))).containsExactly("zone-2", "zone-l");
        assertThat(ids(http.json(
                        "/ogc/collections/zones/items?level=2&waterSource=%E6%B5%8B%E8%AF%95%E6%B0%B4%E5%BA%93")))
                .containsExactly("zone-2");
        assertThat(ids(http.json("/ogc/collections/zones/items?level=2&bbox=115.9,39.7,116.5,40.3")))
                .containsExactly("zone-l");
        assertThat(ids(http.json("/ogc/collections/rivers/items?kind=canal"))).containsExactly("river-bend");
        JsonNode active = http.json("/ogc/collections/sections/items?active=true&limit=5");
        assertThat(active.path("numberMatched").asInt()).isEqualTo(12);
        assertThat(Http.link(active, "next")).contains("active=true");
        assertThat(walk("/ogc/collections/sections/items?active=true&limit=5")).hasSize(12);
    }

    @Test
    void everyFeatureKeepsItsProvenanceProperties() {
        for (Layer layer : atlas.layers()) {
            for (JsonNode f : http.json("/ogc/collections/" + layer.id() + "/items?limit=10000")
                    .path("features")) {
                JsonNode p = f.path("properties");
                assertThat(p.path("method").asString()).isEqualTo("synthetic");
                assertThat(p.path("source").asString()).isNotBlank();
                assertThat(p.path("licence").asString()).isNotBlank();
                assertThat(p.path("accuracy").asString()).isNotBlank();
                assertThat(p.path("authoritative").isBoolean()).isTrue();
            }
        }
    }

    @Test
    void oneFeatureByIdIsAGeoJsonFeatureWithLinks() {
        HttpResponse<String> r = http.response("/ogc/collections/rivers/items/river-bend");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        JsonNode f = Http.JSON.readTree(r.body());
        assertThat(f.path("type").asString()).isEqualTo("Feature");
        assertThat(f.path("id").asString()).isEqualTo("river-bend");
        assertThat(f.path("properties").path("diversions").get(0).asString()).isEqualTo("river-diag");
        assertThat(GeoJson.read(f.path("geometry"), "geometry")
                        .equalsExact(atlas.layer("rivers")
                                .served(atlas.layer("rivers").feature("river-bend"))))
                .isTrue();
        Set<String> rels = new HashSet<>();
        f.path("links").forEach(l -> rels.add(l.path("rel").asString()));
        assertThat(rels).contains("self", "alternate", "collection");
    }

    @ParameterizedTest(name = "{0} → {1} naming {2}: {3}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "/ogc/collections/zones/items?bbox=1,2,3                    | 400 | bbox | bbox must be 4 or 6 comma-separated numbers, got 3 values in '1,2,3'",
                "/ogc/collections/zones/items?bbox=a,b,c,d                  | 400 | bbox | bbox value 1 'a' is not a number",
                "/ogc/collections/zones/items?bbox=116,40,NaN,41            | 400 | bbox | bbox value 3 'NaN' is not a",
                "/ogc/collections/zones/items?bbox=116,40,117               | 400 | bbox | got 3 values in '116,40,117'",
                "/ogc/collections/zones/items?bbox=116,95,117,96            | 400 | bbox | is outside [-90, 90]",
                "/ogc/collections/zones/items?bbox=116,41,117,40            | 400 | bbox | is greater than the maximum",
                "/ogc/collections/zones/items?bbox=116,40,117,41&bbox-crs=EPSG:4326 | 400 | bbox | latitude first",
                "/ogc/collections/zones/items?bbox=                         | 400 | bbox | 4 or 6 comma-separated numbers",
                "/ogc/collections/zones/items?limit=0                       | 400 | limit | 'limit' must be",
                "/ogc/collections/zones/items?limit=ten                     | 400 | limit | 'limit' must be a whole number",
                "/ogc/collections/zones/items?limit=                        | 400 | limit | 'limit' must be",
                "/ogc/collections/zones/items?offset=-1                     | 400 | offset | 'offset' must be",
                "/ogc/collections/zones/items?crs=EPSG:3395                 | 400 | crs | 'EPSG:3395'",
                "/ogc/collections/zones/items?crs=GCJ-02                    | 400 | crs | 'GCJ-02'",
                "/ogc/collections/zones/items?bbox=116,40,117,41&bbox-crs=EPSG:9999 | 400 | bbox-crs | 'EPSG:9999'",
                "/ogc/collections/zones/items?datetime=2024-01-01T25:00:00Z | 400 | datetime | '2024-01-01T25:00:00Z'",
                "/ogc/collections/zones/items?colour=blue                   | 400 | colour | unknown query parameter 'colour'; accepted here: ",
                "/ogc/collections/rivers/items?diversions=river-diag        | 400 | diversions | 'diversions'",
                "/ogc/collections/zones/items?limit=5&limit=6               | 400 | limit | query parameter 'limit' is given 2 times; give it once",
                "/ogc/collections/zones/items?f=xml                         | 400 | f | unknown format f='xml'; accepted: json, html",
                "/ogc/collections/lakes/items                               | 404 | collectionId | no collection 'lakes'; collections: ",
                "/ogc/collections/lakes                                     | 404 | collectionId | no collection 'lakes'; collections: ",
                "/ogc/collections/zones/items/zone-9                        | 404 | featureId | collection 'zones' has no feature 'zone-9'",
                "/ogc/collections/zones/items/zone-1?crs=EPSG:4555          | 400 | crs | 'EPSG:4555'",
                "/ogc/collections/zones/items/zone-1?limit=5                | 400 | limit | unknown query parameter 'limit'",
                "/ogc/collections?limit=5                                   | 400 | limit | unknown query parameter 'limit'",
                "/ogc?bbox=1,2,3,4                                          | 400 | bbox | unknown query parameter 'bbox'",
            })
    void badRequestsAreProblemJsonNamingTheParameter(String path, int status, String parameter, String detail) {
        HttpResponse<String> r = http.response(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = Http.JSON.readTree(r.body());
        assertThat(problem.path("parameter").asString()).isEqualTo(parameter);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).contains(detail);
    }

    @Test
    void limitErrorsStateTheRangeAndBboxErrorsTheAxisOrder() {
        assertThat(Http.JSON
                        .readTree(http.response("/ogc/collections/zones/items?limit=0")
                                .body())
                        .path("detail")
                        .asString())
                .contains("[1, ");
        assertThat(Http.JSON
                        .readTree(http.response("/ogc/collections/zones/items?bbox=116,40,117,41&bbox-crs=EPSG:4326")
                                .body())
                        .path("detail")
                        .asString())
                .contains("latitude first");
    }
}
