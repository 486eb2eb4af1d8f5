package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compact property map behaves as the ordered hash map it replaces (the oracle), null values included. */
class PropertyMapTest {
    @Test
    void itIsEqualToTheOrderedMapItWasMadeFromAndKeepsItsOrder() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("nameZh", "密云水库");
        source.put("rank", 3);
        source.put("note", null);
        source.put("tags", List.of("a", "b"));
        Map<String, Object> compact = new PropertyMap.Names().compact(source);
        assertThat(compact).isEqualTo(source).hasSameHashCodeAs(source);
        assertThat(source).isEqualTo(compact);
        assertThat(new ArrayList<>(compact.keySet())).containsExactly("nameZh", "rank", "note", "tags");
        assertThat(compact.get("rank")).isEqualTo(3);
        assertThat(compact.get("missing")).isNull();
        assertThat(compact.containsKey("note")).isTrue();
        assertThat(compact.get("note")).isNull();
        assertThat(compact.containsKey("missing")).isFalse();
        assertThat(compact.toString()).isEqualTo(source.toString());
        assertThatThrownBy(() -> compact.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> compact.entrySet().iterator().next().setValue(1))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void featuresWithTheSameNamesShareOneNameArray() throws Exception {
        PropertyMap.Names names = new PropertyMap.Names();
        Map<String, Object> a = names.compact(new LinkedHashMap<>(Map.of("nameZh", "甲")));
        Map<String, Object> b = names.compact(new LinkedHashMap<>(Map.of("nameZh", "乙")));
        var field = PropertyMap.class.getDeclaredField("names");
        field.setAccessible(true);
        assertThat(field.get(a)).isSameAs(field.get(b));
        assertThat(a).isNotEqualTo(b);
    }
}
