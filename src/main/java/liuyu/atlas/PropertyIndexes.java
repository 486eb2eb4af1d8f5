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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Expression indexes on the plain properties of a stored layer, so that a CQL2 filter pushed down to PostGIS
 * ({@code liuyu.cql.SqlFilter}) on a property finds its rows through a btree instead of reading every row's jsonb.
 * One partial index per layer, property and JSON type (number or string; booleans select too much to be worth
 * one), on exactly the expression the filter SQL writes ({@link #value}): PostgreSQL uses an expression index
 * only for the same expression. At the end of a layer's load, in its transaction, the importer builds the indexes
 * its new rows need and drops those they no longer need ({@link #update}, {@link #dropAll}); indexes that stay are
 * kept through the load, never dropped first: DROP INDEX locks the whole table against readers until the load
 * commits, and a re-import of one layer would then hold every query on every layer of that kind. Even at the end a
 * drop waits for the table a moment at most ({@link #DROP_WAIT}).
 */
public final class PropertyIndexes {
    private static final Logger LOG = LoggerFactory.getLogger(PropertyIndexes.class);

    /**
     * How long a load's end waits for the table to drop an index it no longer needs. DROP INDEX needs the table to
     * itself, so it waits for every transaction reading it (a replica's reload of a large layer, a long query), and
     * while it waits every new reader of the table queues behind it: the whole service's queries on that kind of
     * layer would stall for as long as the longest reader. So the drop gives up after this moment and the index
     * stays, costing only its upkeep, until a later load of the layer drops it.
     */
    static final String DROP_WAIT = "100ms";

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
     * Makes the property indexes of {@code layer} on {@code table}, the table its rows are in, those of (property,
     * number or string) the rows hold: the missing ones built, then ANALYZE, then the others dropped. {@code keys}:
     * those pairs as the importer sent them ({@link Keys}), or null to ask the stored rows (a pass over the layer's
     * jsonb on the server, half a second for 100,000 rows). The drops come last: each locks the table against readers
     * until the transaction ends, and waits for the table {@link #DROP_WAIT} at most.
     */
    static void update(JdbcTemplate jdbc, String table, String layer, List<String[]> keys) {
        List<String> existing = existing(jdbc, table, layer);
        if (keys == null) {
            keys = jdbc.query(
                    "SELECT DISTINCT e.key, jsonb_typeof(e.value) FROM " + table + " t, jsonb_each(t.properties) e"
                            + " WHERE t.layer_id = ? AND jsonb_typeof(e.value) IN ('number', 'string') ORDER BY 1, 2",
                    (rs, i) -> new String[] {rs.getString(1), rs.getString(2)},
                    layer);
        }
        List<String> wanted = new ArrayList<>();
        for (String[] key : keys) {
            String name = prefix(table, layer) + hash(key[0] + "\u0000" + key[1]);
            wanted.add(name);
            if (!existing.contains(name)) {
                jdbc.execute("CREATE INDEX " + name + " ON " + table + " (" + value("properties", key[0], key[1])
                        + ") WHERE layer_id = " + literal(layer));
            }
        }
        // the planner knows an expression's values only from ANALYZE
        jdbc.execute("ANALYZE " + table);
        existing.removeAll(wanted);
        drop(jdbc, existing);
    }

    /** Drops every property index of {@code layer} on {@code table} (one that no longer holds the layer's rows). */
    static void dropAll(JdbcTemplate jdbc, String table, String layer) {
        drop(jdbc, existing(jdbc, table, layer));
    }

    private static List<String> existing(JdbcTemplate jdbc, String table, String layer) {
        return new ArrayList<>(jdbc.queryForList(
                "SELECT indexname FROM pg_indexes WHERE tablename = ? AND indexname LIKE ?",
                String.class,
                table,
                prefix(table, layer).replace("_", "\\_") + "%"));
    }

    // in the load's transaction, each drop under a savepoint: one that cannot have the table in time is undone alone
    private static void drop(JdbcTemplate jdbc, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        String before = jdbc.queryForObject("SELECT current_setting('lock_timeout')", String.class);
        jdbc.queryForObject("SELECT set_config('lock_timeout', ?, true)", String.class, DROP_WAIT);
        try {
            for (String name : names) {
                jdbc.execute("SAVEPOINT liuyu_drop_index");
                try {
                    jdbc.execute("DROP INDEX " + name);
                } catch (DataAccessException e) {
                    jdbc.execute("ROLLBACK TO SAVEPOINT liuyu_drop_index");
                    if (!lockNotAvailable(e)) {
                        throw e;
                    }
                    LOG.warn(
                            "property index {} is no longer needed but kept: the table was in use for more than {};"
                                    + " the next load of the layer drops it",
                            name,
                            DROP_WAIT);
                }
                jdbc.execute("RELEASE SAVEPOINT liuyu_drop_index");
            }
        } finally {
            jdbc.queryForObject("SELECT set_config('lock_timeout', ?, true)", String.class, before);
        }
    }

    // SQLSTATE 55P03 lock_not_available: what lock_timeout raises
    private static boolean lockNotAvailable(DataAccessException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
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

    /** {@code <table initial>p_<layer hash>_}: names stay under PostgreSQL's 63 bytes whatever the layer id. */
    private static String prefix(String table, String layer) {
        return table.charAt(0) + "p_" + hash(layer) + "_";
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
