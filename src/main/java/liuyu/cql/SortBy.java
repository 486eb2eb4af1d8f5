package liuyu.cql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import liuyu.atlas.Feature;

/**
 * The {@code sortby} parameter: properties separated by commas, each optionally prefixed {@code +}
 * (ascending, the default) or {@code -} (descending). Missing values sort last either way; numbers
 * before strings before booleans when a property mixes them; strings in code-point order.
 */
public final class SortBy {
    private SortBy() {}

    /** {@code null} when {@code text} is null; a {@link CqlException} for a name that is not one of {@code properties}. */
    public static Comparator<Feature> parse(String text, Set<String> properties) {
        if (text == null) {
            return null;
        }
        Comparator<Feature> order = null;
        for (String raw : text.split(",", -1)) {
            // a '+' typed unencoded in a URL arrives as a space
            String item = raw.startsWith(" ") ? "+" + raw.strip() : raw.strip();
            boolean descending = item.startsWith("-");
            String name = item.startsWith("-") || item.startsWith("+") ? item.substring(1) : item;
            if (!properties.contains(name)) {
                throw new CqlException(
                        "sortby",
                        "cannot sort by '" + name + "'; sortable: "
                                + String.join(", ", properties.stream().sorted().toList()));
            }
            Comparator<Feature> one =
                    (a, b) -> compare(a.properties().get(name), b.properties().get(name), descending);
            order = order == null ? one : order.thenComparing(one);
        }
        return order;
    }

    private static int compare(Object a, Object b, boolean descending) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int ra = rank(a);
        int rb = rank(b);
        int c = ra != rb
                ? Integer.compare(ra, rb)
                : a instanceof Number x
                        ? new BigDecimal(x.toString()).compareTo(new BigDecimal(b.toString()))
                        : a instanceof String x
                                ? Like.compareCodePoints(x, (String) b)
                                : Boolean.compare((Boolean) a, (Boolean) b);
        return descending ? -c : c;
    }

    private static int rank(Object v) {
        return v instanceof Number ? 0 : v instanceof String ? 1 : 2;
    }

    /** Names listed in {@code properties=}; {@code null} when absent. */
    public static List<String> names(String text, Set<String> known) {
        if (text == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!known.contains(name)) {
                throw new CqlException(
                        "properties",
                        "no property '" + name + "'; properties: "
                                + String.join(", ", known.stream().sorted().toList()));
            }
            out.add(name);
        }
        return out;
    }
}
