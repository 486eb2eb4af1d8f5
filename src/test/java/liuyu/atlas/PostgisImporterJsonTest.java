package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The jsonb text of a row's properties, written without Jackson for plain maps, read back by Jackson's parser. */
class PostgisImporterJsonTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void parsesToWhatJacksonWritesForEveryKindOfValue() {
        List<Map<String, Object>> cases = List.of(
                map(),
                map("nameZh", "区块1"),
                map("名称", "密云水库 一级保护区", "level", 1, "big", 9_000_000_000L, "ok", true, "gone", null),
                map("quote\"key", "a \"quoted\" \\ back\\slash", "tab", "x\ty\nz\r\u0001\u001f end"),
                map("emoji", "水😀", "plain", "x"), // a surrogate pair: left to Jackson
                map("area", 2.5, "n", 1), // a real number: left to Jackson
                map("nested", Map.of("a", 1)));
        for (Map<String, Object> props : cases) {
            byte[] ours = PostgisImporter.jsonText(props, JSON);
            JsonNode read = JSON.readTree(new String(ours, StandardCharsets.UTF_8));
            assertThat(read).as(props.toString()).isEqualTo(JSON.readTree(JSON.writeValueAsString(props)));
            assertThat(read.propertyNames()).as("keys in the map's order").containsExactlyElementsOf(props.keySet());
        }
        assertThat(new String(
                        PostgisImporter.jsonText(map("nameZh", "区块1", "n", 7, "t", "a\"b\u0002"), JSON),
                        StandardCharsets.UTF_8))
                .as("the exact text: control characters as \\u00XX, quotes escaped")
                .isEqualTo("{\"nameZh\":\"区块1\",\"n\":7,\"t\":\"a\\\"b\\u0002\"}");
    }
}
