package liuyu.atlas;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Expression indexes on the plain properties of a stored layer, so that a CQL2 filter pushed down to PostGIS
 * ({@code liuyu.cql.SqlFilter}) on a property finds its rows through a btree instead of reading every row's jsonb.
 * One index per property and JSON type (number or string; booleans select too much to be worth one) on the layer's
 * own partition, on exactly the expression the filter SQL writes ({@link #value}): PostgreSQL uses an expression
 * index only for the same expression, and reaches the partition's indexes once the filter's {@code layer_id = …}
 * has pruned the others. The importer builds them on the table it loaded before swapping it in ({@link #build}).
 */
public final class PropertyIndexes {
    private PropertyIndexes() {}

    /**
     * The property {@code name} of the jsonb {@code properties} as an SQL value of JSON type {@code jsonType}
     * ({@code number}: numeric, {@code string}: text in the "C" collation, {@code boolean}), NULL when the
     * feature lacks it or holds another type: a comparison with it is then unknown, as in memory.
     */
    public static String value(String properties, String name, String jsonType) {
        String key = literal(name);
        String cast = switch (jsonType) {
            case "number" -> "::numeric";
            case "string" -> " COLLATE \"C\"";
            case "boolean" -> "::boolean";
            default -> throw new IllegalArgumentException("JSON type " + jsonType);
        };
        return "(CASE WHEN jsonb_typeof(" + properties + " -> " + key + ") = '" + jsonType + "' THEN (" + properties
                + " ->> " + key + ")" + cast + " END)";
    }

    /** {@code s} as an SQL string literal (standard_conforming_strings: only the quote is doubled). */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * Builds the property indexes of a layer's rows on {@code partition}, the table the importer loaded them into
     * before swapping it in as the layer's partition: one per (property, number or string) pair the rows hold, then
     * ANALYZE. {@code keys}: those pairs as the importer sent them ({@link Keys}), or null to ask the rows (a pass
     * over their jsonb on the server, half a second for 100,000 rows). Indexes of the rows replaced go with their
     * partition: nothing is ever dropped here, so nothing waits for readers.
     */
    static void build(JdbcTemplate jdbc, String partition, List<String[]> keys) {
        if (keys == null) {
            keys = jdbc.query(
                    "SELECT DISTINCT e.key, jsonb_typeof(e.value) FROM " + partition + " t, jsonb_each(t.properties) e"
                            + " WHERE jsonb_typeof(e.value) IN ('number', 'string') ORDER BY 1, 2",
                    (rs, i) -> new String[] {rs.getString(1), rs.getString(2)});
        }
        for (String[] key : keys) {
            // <partition>_<hash of the pair>, as migration V36_1 names the ones it moved: short whatever the names
            jdbc.execute("CREATE INDEX " + partition + "_" + hash(key[0] + "\u0000" + key[1]) + " ON " + partition
                    + " (" + value("properties", key[0], key[1]) + ")");
        }
        // the planner knows an expression's values only from ANALYZE
        jdbc.execute("ANALYZE " + partition);
    }

    /**
     * The (property, JSON type) pairs of a layer's rows, collected as the importer writes them, so that the indexes
     * need no pass over the stored jsonb: each value's type is the one {@code jsonb_typeof} gives the JSON the
     * importer writes for it. A value whose JSON type is not certain from its Java type (a real number that may be
     * NaN, anything Jackson writes by its own rules) makes {@link #pairs} null: the stored rows are asked instead.
     */
    static final class Keys {
        private static final int STRING = 1;
        private static final int NUMBER = 2;
        private final Map<String, Integer> types = new HashMap<>();
        private boolean uncertain;

        void add(Map<String, Object> properties) {
            if (uncertain) {
                return;
            }
            for (Map.Entry<String, Object> e : properties.entrySet()) {
                Object v = e.getValue();
                int type;
                if (v instanceof String) {
                    type = STRING;
                } else if (v instanceof Integer
                        || v instanceof Long
                        || v instanceof Short
                        || v instanceof Byte
                        || v instanceof BigInteger
                        || v instanceof BigDecimal) {
                    type = NUMBER;
                } else if (v instanceof Double d && Double.isFinite(d) || v instanceof Float f && Float.isFinite(f)) {
                    type = NUMBER;
                } else if (v == null || v instanceof Boolean || v instanceof Map || v instanceof List) {
                    continue; // null, boolean, object, array: no index
                } else {
                    uncertain = true;
                    return;
                }
                types.merge(e.getKey(), type, (a, b) -> a | b);
            }
        }

        /** The pairs, ordered as the query on the stored rows orders them; null when not certain. */
        List<String[]> pairs() {
            if (uncertain) {
                return null;
            }
            List<String[]> pairs = new ArrayList<>();
            new TreeMap<>(types).forEach((key, mask) -> {
                if ((mask & NUMBER) != 0) {
                    pairs.add(new String[] {key, "number"});
                }
                if ((mask & STRING) != 0) {
                    pairs.add(new String[] {key, "string"});
                }
            });
            return pairs;
        }
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
