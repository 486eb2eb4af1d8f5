package liuyu.api.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import liuyu.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** Part 3 over HTTP: queryables, filter in CQL2 Text and JSON with filter-lang and filter-crs, sortby, properties. */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/ogc-atlas"})
@Tag("integration")
class OgcFilterApiTest {
    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private List<String> ids(String path) {
        List<String> out = new ArrayList<>();
        http.json(path).path("features").forEach(f -> out.add(f.path("id").asString()));
        return out;
    }

    @Test
    void queryablesAreAJsonSchemaOfTheScalarPropertiesAndTheGeometry() {
        HttpResponse<String> r = http.response("/ogc/collections/rivers/queryables");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/schema+json");
        JsonNode q = Http.JSON.readTree(r.body());
        assertThat(q.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(q.path("$id").asString()).isEqualTo(http.root() + "/ogc/collections/rivers/queryables");
        assertThat(q.path("type").asString()).isEqualTo("object");
        List<String> names = new ArrayList<>();
        q.path("properties").propertyNames().forEach(names::add);
        assertThat(names)
                .contains("geometry", "kind", "nameZh", "downstream", "method", "authoritative")
                .doesNotContain("diversions");
        assertThat(q.path("properties").path("geometry").path("x-ogc-role").asString())
                .isEqualTo("primary-geometry");
        assertThat(q.path("properties").path("kind").path("type").asString()).isEqualTo("string");
        assertThat(q.path("properties").path("authoritative").path("type").asString())
                .isEqualTo("boolean");
        JsonNode collection = http.json("/ogc/collections/rivers");
        assertThat(Http.link(collection, "http://www.opengis.net/def/rel/ogc/1.0/queryables"))
                .isEqualTo(http.root() + "/ogc/collections/rivers/queryables");
        List<String> conformance = new ArrayList<>();
        http.json("/ogc/conformance").path("conformsTo").forEach(c -> conformance.add(c.asString()));
        assertThat(conformance)
                .contains(
                        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
                        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
                        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
                        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json");
    }

    @Test
    void aCql2TextFilterSelectsAndPagingKeepsIt() {
        assertThat(ids("/ogc/collections/zones/items?filter=" + Http.enc("level IN (1, 3) OR nameEn LIKE 'L-%'")))
                .containsExactly("zone-1", "zone-l", "zone-m");
        JsonNode page = http.json("/ogc/collections/sections/items?limit=5&filter=" + Http.enc("active = true"));
        assertThat(page.path("numberMatched").asInt()).isEqualTo(12);
        assertThat(Http.link(page, "next")).contains("filter=active");
        assertThat(ids("/ogc/collections/zones/items?filter=" + Http.enc("S_INTERSECTS(geometry, POINT(116.1 40.1))")))
                .containsExactly("zone-l");
    }

    @Test
    void aCql2JsonFilterGivesWhatTheSameTextGives() {
        String json = "{\"op\":\"and\",\"args\":[{\"op\":\">=\",\"args\":[{\"property\":\"level\"},2]},"
                + "{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},{\"bbox\":[115,39,118,42]}]}]}";
        assertThat(ids("/ogc/collections/zones/items?filter-lang=cql2-json&filter=" + Http.enc(json)))
                .containsExactlyElementsOf(ids("/ogc/collections/zones/items?filter="
                        + Http.enc("level >= 2 AND S_INTERSECTS(geometry, BBOX(115, 39, 118, 42))")))
                .containsExactly("zone-2", "zone-l", "zone-m");
    }

    @Test
    void filterCrsReadsTheLiteralsInThatCrsAxisOrder() {
        // the same point, latitude first in EPSG:4326
        assertThat(ids("/ogc/collections/zones/items?filter-crs=EPSG:4326&filter="
                        + Http.enc("S_INTERSECTS(geometry, POINT(40.1 116.1))")))
                .containsExactly("zone-l");
        assertThat(ids("/ogc/collections/zones/items?filter-crs=http://www.opengis.net/def/crs/OGC/1.3/CRS84&filter="
                        + Http.enc("S_INTERSECTS(geometry, POINT(116.1 40.1))")))
                .containsExactly("zone-l");
    }

    @Test
    void sortbyOrdersByPropertiesAndPropertiesKeepsOnlyThoseAndTheProvenance() {
        assertThat(ids("/ogc/collections/zones/items?sortby=-level"))
                .containsExactly("zone-m", "zone-2", "zone-l", "zone-1");
        assertThat(ids("/ogc/collections/zones/items?sortby=waterSource,-nameEn"))
                .containsExactly("zone-m", "zone-l", "zone-2", "zone-1");
        assertThat(ids("/ogc/collections/zones/items?sortby=%2Blevel"))
                .containsExactly("zone-1", "zone-2", "zone-l", "zone-m");
        JsonNode f = http.json("/ogc/collections/zones/items?properties=nameZh,level&limit=1")
                .path("features")
                .get(0);
        List<String> names = new ArrayList<>();
        f.path("properties").propertyNames().forEach(names::add);
        assertThat(names)
                .containsExactly("nameZh", "level", "method", "source", "licence", "accuracy", "authoritative");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "filter=level%20%3D                       | filter",
                "filter=colour%20%3D%201                  | filter",
                "filter=level%20%3D%201&filter-lang=cql   | filter-lang",
                "filter=%7B%22op%22%3A1%7D&filter-lang=cql2-json | filter",
                "filter=level%20%3D%201&filter-crs=EPSG:9 | filter-crs",
                "sortby=colour                            | sortby",
                "sortby=diversions                        | sortby",
                "properties=colour                        | properties",
            })
    void badFilterSortbyAndPropertiesAre400NamingTheParameter(String query, String parameter) {
        HttpResponse<String> r = http.response("/ogc/collections/zones/items?" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(Http.JSON.readTree(r.body()).path("parameter").asString()).isEqualTo(parameter);
    }
}
