package liuyu.atlas;

import java.math.BigDecimal;
import liuyu.geo.Decimals;

/**
 * "Property {@code name} equals {@code value}", with the value as typed in a URL: numbers compare
 * by value ({@code level=1} matches 1 and 1.0), booleans by {@code true}/{@code false}, strings exactly.
 */
public final class PropertyEquals {
    private final String name;
    private final String value;
    private final BigDecimal number;

    public PropertyEquals(String name, String value) {
        this.name = name;
        this.value = value;
        this.number = parse(value);
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    public boolean matches(Feature feature) {
        Object v = feature.properties().get(name);
        if (v instanceof String s) {
            return s.equals(value);
        }
        if (v instanceof Boolean b) {
            return b.toString().equals(value);
        }
        if (v instanceof Number n) {
            return number != null && number.compareTo(new BigDecimal(n.toString())) == 0;
        }
        return false;
    }

    private static BigDecimal parse(String text) {
        return Decimals.parse(text);
    }
}
