package liuyu.atlas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Expression indexes on the plain properties of a stored layer, so that a CQL2 filter pushed down to PostGIS
 * ({@code liuyu.cql.SqlFilter}) on a property finds its rows through a btree instead of reading every row's jsonb.
 * One partial index per layer, property and JSON type (number or string; booleans select too much to be worth
 * one), on exactly the expression the filter SQL writes ({@link #value}): PostgreSQL uses an expression index
 * only for the same expression. The importer drops a layer's indexes before its rows are replaced and builds them
 * again afterwards, in the layer's transaction.
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

    /** Drops the property indexes of {@code layer} on {@code table} (before its rows are replaced). */
    static void drop(JdbcTemplate jdbc, String table, String layer) {
        List<String> names = jdbc.queryForList(
                "SELECT indexname FROM pg_indexes WHERE tablename = ? AND indexname LIKE ?",
                String.class,
                table,
                prefix(table, layer).replace("_", "\\_") + "%");
        for (String name : names) {
            jdbc.execute("DROP INDEX " + name);
        }
    }

    /** Builds an index for every (property, number or string) the stored rows of {@code layer} hold, then ANALYZE. */
    static void create(JdbcTemplate jdbc, String table, String layer) {
        List<String[]> keys = jdbc.query(
                "SELECT DISTINCT e.key, jsonb_typeof(e.value) FROM " + table + " t, jsonb_each(t.properties) e"
                        + " WHERE t.layer_id = ? AND jsonb_typeof(e.value) IN ('number', 'string') ORDER BY 1, 2",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)},
                layer);
        for (String[] key : keys) {
            jdbc.execute("CREATE INDEX " + prefix(table, layer) + hash(key[0] + "\u0000" + key[1]) + " ON " + table
                    + " (" + value("properties", key[0], key[1]) + ") WHERE layer_id = " + literal(layer));
        }
        // the planner knows an expression's values only from ANALYZE
        jdbc.execute("ANALYZE " + table);
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
