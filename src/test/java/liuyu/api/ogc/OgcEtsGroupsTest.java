package liuyu.api.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import liuyu.atlas.Feature;
import liuyu.atlas.GeometryKind;
import liuyu.atlas.Layer;
import liuyu.atlas.LayerInfo;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.atlas.Selection;
import liuyu.geo.GeoJson;
import liuyu.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The three groups the OGC conformance suite (ets-ogcapi-features10 1.9) failed: OpenAPI parameter
 * style of limit and datetime, a bbox across the antimeridian, datetime on collections without time;
 * and one geometry type per collection.
 */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/ogc-atlas"})
@Tag("integration")
class OgcEtsGroupsTest {
    private static final Provenance SYNTHETIC =
            new Provenance(Method.SYNTHETIC, "test", "CC0-1.0", "not a place", false);

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void everyItemsPathDeclaresLimitBboxAndDatetimeAsFormStyleNotExploded() {
        JsonNode api = http.json("/ogc/api?f=json");
        int checked = 0;
        for (var path : api.path("paths").properties()) {
            if (!path.getKey().endsWith("/items")) {
                continue;
            }
            for (JsonNode p : path.getValue().path("get").path("parameters")) {
                String name = p.path("name").asString();
                if (name.equals("limit") || name.equals("bbox") || name.equals("datetime")) {
                    assertThat(p.path("style").asString())
                            .as(path.getKey() + " " + name)
                            .isEqualTo("form");
                    assertThat(p.path("explode").isBoolean()
                                    && !p.path("explode").asBoolean())
                            .as(path.getKey() + " " + name)
                            .isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked)
                .as("3 parameters on the generic and the 3 per-collection items paths")
                .isEqualTo(12);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-01-01T00:00:00Z",
                "2024-01-01",
                "2018-02-12T00:00:00Z/2018-03-18T12:31:12Z",
                "../2024-01-01T00:00:00Z",
                "2024-01-01T00:00:00Z/..",
                "/2024-01-01",
                "2024-01-01T08:00:00+08:00"
            })
    void aWellFormedDatetimeOnACollectionWithoutTimeKeepsEveryFeature(String datetime) {
        HttpResponse<String> r =
                http.response("/ogc/collections/sections/items?limit=100&datetime=" + datetime.replace("+", "%2B"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Http.JSON.readTree(r.body()).path("numberMatched").asInt()).isEqualTo(23);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024-13-01", "2024-02-01T00:00:00Z/2024-01-01T00:00:00Z", "a/b/c", "..", ""})
    void aMalformedDatetimeIs400NamingIt(String datetime) {
        HttpResponse<String> r = http.response("/ogc/collections/sections/items?datetime=" + datetime);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Http.JSON.readTree(r.body()).path("parameter").asString()).isEqualTo("datetime");
    }

    @Test
    void theSuitesAntimeridianBoxIsAnsweredNotRefused() {
        HttpResponse<String> r = http.response("/ogc/collections/sections/items?bbox=177,65,-177,70");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Http.JSON.readTree(r.body()).path("numberMatched").asInt()).isZero();
        assertThat(OgcItemsController.bbox("177,65,-177,70", OgcCrs.CRS84))
                .containsExactly(new Envelope(177, 180, 65, 70), new Envelope(-180, -177, 65, 70));
        assertThat(OgcItemsController.bbox("65,177,70,-177", OgcCrs.parse("EPSG:4326")))
                .containsExactly(new Envelope(177, 180, 65, 70), new Envelope(-180, -177, 65, 70));
    }

    /** Random points either side of the antimeridian; the oracle reads the coordinates directly. */
    @Test
    void antimeridianBoxesSelectExactlyWhatABruteForceScanFinds() {
        Random random = new Random(180);
        List<Feature> points = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double lon = random.nextBoolean() ? 170 + random.nextDouble() * 10 : -180 + random.nextDouble() * 10;
            double lat = 60 + random.nextDouble() * 10;
            points.add(new Feature(
                    "p", "p" + i, GeoJson.FACTORY.createPoint(new Coordinate(lon, lat)), Map.of(), SYNTHETIC));
        }
        Layer layer = new Layer(
                new LayerInfo("p", "points", "点", "", GeometryKind.POINT, SYNTHETIC, "1", null, null, "t"), points);
        int hits = 0;
        for (int k = 0; k < 300; k++) {
            double west = 170 + random.nextDouble() * 10;
            double east = -180 + random.nextDouble() * 10;
            double south = 60 + random.nextDouble() * 5;
            double north = south + random.nextDouble() * 5;
            Selection s = layer.select(
                    OgcItemsController.bbox(west + "," + south + "," + east + "," + north, OgcCrs.CRS84), null);
            List<String> got = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                got.add(s.get(i).id());
            }
            List<String> expected = new ArrayList<>();
            for (Feature f : points) {
                Coordinate c = f.geometry().getCoordinate();
                if ((c.x >= west || c.x <= east) && c.y >= south && c.y <= north) {
                    expected.add(f.id());
                }
            }
            assertThat(got).containsExactlyElementsOf(expected);
            hits += expected.size();
        }
        assertThat(hits).isGreaterThan(1000);
    }

    @Test
    void aLayerMixingPolygonAndMultiPolygonIsServedAsMultiPolygonOnly() {
        // the fixture's zones are three Polygons and one MultiPolygon
        JsonNode fc = http.json("/ogc/collections/zones/items?limit=100");
        List<String> types = new ArrayList<>();
        fc.path("features")
                .forEach(f -> types.add(f.path("geometry").path("type").asString()));
        assertThat(types).hasSize(4).containsOnly("MultiPolygon");
        assertThat(http.json("/ogc/collections/zones/items/zone-1")
                        .path("geometry")
                        .path("type")
                        .asString())
                .isEqualTo("MultiPolygon");
        JsonNode rivers = http.json("/ogc/collections/rivers/items?limit=100");
        rivers.path("features")
                .forEach(f ->
                        assertThat(f.path("geometry").path("type").asString()).isEqualTo("MultiLineString"));
        // a layer of one kind only is left as it is
        JsonNode sections = http.json("/ogc/collections/sections/items?limit=100");
        sections.path("features")
                .forEach(f ->
                        assertThat(f.path("geometry").path("type").asString()).isEqualTo("Point"));
    }
}
