package liuyu.api.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import liuyu.testing.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * An empty outfall ledger — what the postgis profile serves for the demo atlas, whose synthetic outfalls it never
 * seeds, and what a new deployment has — is an empty collection that still offers the ledger's fields: the
 * documented {@code ?state=violation} answers no features instead of 400. The oracle is the field table of
 * docs/outfalls.md, written out here.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.quality.demo-observations=false", "liuyu.outfalls.seed-from-atlas=false"})
@Tag("integration")
class OgcEmptyLedgerTest {
    /** The ledger's plain fields as the OGC collection names them, with their JSON types (docs/outfalls.md). */
    static final Map<String, String> LEDGER_FIELDS = new TreeMap<>(Map.ofEntries(
            Map.entry("nameZh", "string"),
            Map.entry("nameEn", "string"),
            Map.entry("type", "string"),
            Map.entry("state", "string"),
            Map.entry("normallyFlowing", "boolean"),
            Map.entry("district", "string"),
            Map.entry("reach", "string"),
            Map.entry("river", "string"),
            Map.entry("dischargingUnit", "string"),
            Map.entry("responsibleParty", "string"),
            Map.entry("permitNumber", "string"),
            Map.entry("signboard", "boolean"),
            Map.entry("ledgerVersion", "integer"),
            Map.entry("method", "string"),
            Map.entry("source", "string"),
            Map.entry("licence", "string"),
            Map.entry("accuracy", "string"),
            Map.entry("authoritative", "boolean"),
            Map.entry("citation", "string")));

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void theEmptyLedgerIsAnEmptyCollectionWithoutExtent() {
        JsonNode c = http.json("/ogc/collections/outfalls");
        assertThat(c.path("featureCount").asInt()).isZero();
        assertThat(c.has("extent"))
                .as("extent is optional; an empty collection has none to give")
                .isFalse();
        List<String> filterable = new ArrayList<>();
        c.path("filterableProperties").forEach(p -> filterable.add(p.asString()));
        assertThat(filterable).containsExactlyElementsOf(LEDGER_FIELDS.keySet());
        // nothing recorded, nothing claimed: not "as recorded by inspectors", not authoritative
        assertThat(c.path("provenance").path("accuracy").asString()).isEqualTo("No records yet: the ledger is empty.");
        assertThat(c.path("provenance").path("authoritative").asBoolean()).isFalse();

        JsonNode fc = http.json("/ogc/collections/outfalls/items");
        assertThat(fc.path("type").asString()).isEqualTo("FeatureCollection");
        assertThat(fc.path("numberMatched").asInt()).isZero();
        assertThat(fc.path("numberReturned").asInt()).isZero();
        assertThat(fc.path("features").isArray() && fc.path("features").isEmpty())
                .isTrue();
        assertThat(Http.link(fc, "next")).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "state=violation",
                "type=overflow",
                "normallyFlowing=true",
                "permitNumber=91110000",
                "filter=state%20%3D%20%27violation%27",
                "sortby=-state",
                "properties=state,type",
                "bbox=116,39,117,41&state=violation"
            })
    void theLedgersFieldsAreAcceptedOnAnEmptyLedgerAndMatchNothing(String query) {
        HttpResponse<String> r = http.response("/ogc/collections/outfalls/items?" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode fc = Http.JSON.readTree(r.body());
        assertThat(fc.path("numberMatched").asInt()).isZero();
        assertThat(fc.path("features").isEmpty()).isTrue();
    }

    @Test
    void anUnknownFieldIsStillRefusedByName() {
        HttpResponse<String> r = http.response("/ogc/collections/outfalls/items?colour=blue");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.JSON.readTree(r.body()).path("parameter").asString()).isEqualTo("colour");
    }

    @Test
    void schemaAndQueryablesDescribeTheLedgersFieldsWithTheirTypes() {
        JsonNode schema = http.json("/ogc/collections/outfalls/schema").path("properties");
        JsonNode queryables = http.json("/ogc/collections/outfalls/queryables").path("properties");
        Map<String, String> inSchema = new TreeMap<>();
        schema.properties()
                .forEach(e -> inSchema.put(e.getKey(), e.getValue().path("type").asString()));
        assertThat(inSchema).isEqualTo(LEDGER_FIELDS);
        schema.properties()
                .forEach(e -> assertThat(e.getValue().path("x-filterable").asBoolean())
                        .as(e.getKey())
                        .isTrue());
        Map<String, String> inQueryables = new TreeMap<>();
        queryables.properties().forEach(e -> {
            if (!e.getKey().equals("geometry")) {
                inQueryables.put(e.getKey(), e.getValue().path("type").asString());
            }
        });
        assertThat(inQueryables).isEqualTo(LEDGER_FIELDS);
        assertThat(queryables.has("geometry")).isTrue();
    }

    @Test
    void theOpenApiDocumentOffersTheLedgersEqualityFilters() {
        JsonNode params = http.json("/ogc/api?f=json")
                .path("paths")
                .path("/collections/outfalls/items")
                .path("get")
                .path("parameters");
        List<String> names = new ArrayList<>();
        params.forEach(p -> names.add(p.path("name").asString()));
        assertThat(names).containsAll(LEDGER_FIELDS.keySet());
    }

    @Test
    void aFeatureOfTheEmptyLedgerIs404NamingTheFeatureId() {
        HttpResponse<String> r = http.response("/ogc/collections/outfalls/items/syn-of-01");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Http.JSON.readTree(r.body()).path("parameter").asString()).isEqualTo("featureId");
    }
}
