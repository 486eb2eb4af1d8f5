package liuyu.atlas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liuyu.geo.GeoJson;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The importer's map form of the start-up checks answers exactly as the JSON-tree form does (the oracle). */
class CheckFeatureMapTest {
    private static final LayerInfo LAYER = new LayerInfo(
            "l",
            "L",
            "",
            "",
            GeometryKind.POLYGON,
            new Provenance(Method.SYNTHETIC, "bench", "CC0-1.0", "synthetic", false),
            "",
            null,
            null,
            "f",
            null);
    private static final Geometry SQUARE = GeoJson.FACTORY.createPolygon(new Coordinate[] {
        new Coordinate(116, 39), new Coordinate(116.1, 39), new Coordinate(116.1, 39.1), new Coordinate(116, 39)
    });
    private final AtlasLoader loader = new AtlasLoader();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void acceptedAndRefusedFeaturesMatchTheTreeForm() {
        List<Map<String, Object>> cases = List.of(
                props("nameZh", "区块1", "level", 1, "big", 5_000_000_000L, "area", 1.5, "ok", true),
                props("level", 2),
                props("nameZh", " "),
                props("nameZh", 7),
                props("nameZh", "甲", "method", "surveyed", "source", "局", "authoritative", true),
                props("nameZh", "甲", "method", 3),
                props("nameZh", "甲", "method", "guess", "source", " ", "licence", 4, "authoritative", "yes"),
                props("nameZh", "甲", "validFrom", "2020-01-01", "validTo", "2021-12-31"),
                props("nameZh", "甲", "validFrom", 20200101),
                props("nameZh", "甲", "validFrom", "2021-01-01", "validTo", "2020-01-01"),
                props("nameZh", "甲", "validTo", "2020-01-01", "replacedBy", "b"),
                props("nameZh", "甲", "replacedBy", "b"),
                props("nameZh", "甲", "validTo", "2020-01-01", "replacedBy", 9));
        for (Map<String, Object> p : cases) {
            List<String> treeProblems = new ArrayList<>();
            List<String> mapProblems = new ArrayList<>();
            JsonNode tree = json.valueToTree(p);
            Feature expected = loader.checkFeature("a", tree, SQUARE, LAYER, "f: feature 'a'", true, treeProblems);
            Feature actual = loader.checkFeature("a", p, SQUARE, LAYER, "f: feature 'a'", true, mapProblems);
            assertEquals(treeProblems, mapProblems, p.toString());
            if (expected == null) {
                assertNull(actual, p.toString());
                continue;
            }
            assertNotNull(actual, p.toString());
            assertEquals(expected.provenance(), actual.provenance(), p.toString());
            assertEquals(
                    List.copyOf(expected.properties().entrySet()),
                    List.copyOf(actual.properties().entrySet()));
            assertEquals(json.writeValueAsString(expected.properties()), json.writeValueAsString(actual.properties()));
            assertEquals(expected.geometry().toText(), actual.geometry().toText());
        }
    }

    private static Map<String, Object> props(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
