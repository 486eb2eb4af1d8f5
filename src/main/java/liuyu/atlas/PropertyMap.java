package liuyu.atlas;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A feature's properties as an immutable map in their order: the names in one array shared by every feature of a
 * load with the same names (a layer's features mostly have the same), the values in another. A hundred thousand
 * features otherwise keep a hundred thousand hash maps of the same few names (about 400 bytes a feature).
 * Equality and hash code are those of every {@link Map}.
 */
final class PropertyMap extends AbstractMap<String, Object> {
    private final String[] names;
    private final Object[] values;

    private PropertyMap(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /** One name array per distinct list of names, for the features of one load (safe for parallel layers). */
    static final class Names {
        private final Map<List<String>, String[]> shared = new ConcurrentHashMap<>();

        /** The properties in their iteration order, names shared with earlier maps of the same names. */
        Map<String, Object> compact(Map<String, Object> properties) {
            return of(
                    shared(properties.keySet().toArray(new String[0])),
                    properties.values().toArray());
        }

        /** The one array of these names, in this order, for the features of a load: {@code names} the first time. */
        String[] shared(String[] names) {
            return shared.computeIfAbsent(List.of(names), k -> names);
        }

        /** The map of names {@link #shared} gave and these values, index by index; the values array becomes its. */
        Map<String, Object> of(String[] sharedNames, Object[] values) {
            return new PropertyMap(sharedNames, values);
        }
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public Object get(Object key) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        for (String name : names) {
            if (name.equals(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return names.length;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }
        };
    }
}
