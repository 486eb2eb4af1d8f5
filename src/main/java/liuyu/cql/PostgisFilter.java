package liuyu.cql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liuyu.atlas.Layer;
import liuyu.atlas.PostgisLayerSource;
import liuyu.atlas.PropertyIndexes;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A CQL2 filter run as SQL in PostGIS, on the feature tables the postgis profile loads the atlas
 * from: the ids of the matching features of one layer, in layer order. The properties the filter
 * sees are the feature's jsonb properties plus its provenance columns, as the loaded features have.
 */
public final class PostgisFilter {
    /** The provenance properties are columns of the feature tables (db/postgis V7_1), not keys of {@code properties}. */
    static final Map<String, String> PROVENANCE_COLUMNS = Map.of(
            "method", "text", "source", "text", "licence", "text", "accuracy", "text", "authoritative", "boolean");

    private final JdbcTemplate jdbc;

    public PostgisFilter(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Whether {@code layer} was loaded from PostGIS (the outfall ledger, say, lives elsewhere). */
    public static boolean holds(Layer layer) {
        return layer.info().origin() != null && layer.info().origin().startsWith("postgis:");
    }

    /**
     * One page of the matches: the ids from {@code offset} (at most {@code limit}), in layer order, how many
     * match in all, and the stored layer's version, read in the same statement (so the three agree).
     */
    public record Page(List<String> ids, int matched, String version) {}

    /**
     * The page {@code [offset, offset + limit)} of the matches of {@code cql} in {@code layer}, in layer order,
     * in one statement: only the page's ids and the count leave the database, however many match.
     */
    public Page page(Layer layer, Cql cql, int offset, int limit) {
        SqlFilter.Where query = pageQuery(layer, cql, offset, limit);
        List<String> ids = new ArrayList<>();
        long[] matched = {-1};
        String[] version = {null};
        jdbc.query(
                query.sql(),
                rs -> {
                    String id = rs.getString(1);
                    if (id == null) {
                        matched[0] = rs.getLong(2);
                        long v = rs.getLong(3);
                        version[0] = rs.wasNull() ? null : "v" + v;
                    } else {
                        ids.add(id);
                    }
                },
                query.parameters().toArray());
        if (matched[0] < 0) {
            throw new IllegalStateException("the page query of layer '" + layer.id() + "' returned no count row");
        }
        return new Page(List.copyOf(ids), Math.toIntExact(matched[0]), version[0]);
    }

    /**
     * The query {@link #page} runs. The matches are gathered first, in a MATERIALIZED common table expression, so
     * the planner plans the condition alone, as in {@link #query}: the GiST index answers a spatial literal. Were
     * the condition planned together with {@code ORDER BY position, id LIMIT}, PostgreSQL could walk the rows in
     * that order and test each one's geometry instead (measured: a bbox filter became slower). Counting the
     * gathered (id, position) pairs then costs little, and the page is a top-N sort of them. The first row (id
     * NULL, no id is) carries the count and the layer's version; the page's rows follow in order.
     */
    static SqlFilter.Where pageQuery(Layer layer, Cql cql, int offset, int limit) {
        SqlFilter.Where where = SqlFilter.of(cql, "properties", "geom", PROVENANCE_COLUMNS);
        String sql = """
                WITH m AS MATERIALIZED (SELECT id, position FROM %s WHERE layer_id = %s AND %s)
                SELECT NULL::text, count(*), (SELECT version FROM atlas_layer WHERE id = ?) FROM m
                UNION ALL
                (SELECT id, NULL::bigint, NULL::bigint FROM m ORDER BY position, id LIMIT ? OFFSET ?)""".formatted(
                PostgisLayerSource.table(layer.info().geometry()), PropertyIndexes.literal(layer.id()), where.sql());
        List<Object> parameters = new ArrayList<>(where.parameters());
        parameters.add(layer.id());
        parameters.add(limit);
        parameters.add(offset);
        return new SqlFilter.Where(sql, List.copyOf(parameters));
    }

    public List<String> ids(Layer layer, Cql cql) {
        SqlFilter.Where query = query(layer, cql);
        return jdbc.queryForList(query.sql(), String.class, query.parameters().toArray());
    }

    /** The query {@link #ids} runs: one table, the layer's rows, the filter's condition as is (for EXPLAIN in tests). */
    static SqlFilter.Where query(Layer layer, Cql cql) {
        SqlFilter.Where where = SqlFilter.of(cql, "properties", "geom", PROVENANCE_COLUMNS);
        // the layer as a literal: the property indexes are partial, per layer, and a generic plan must see which
        String sql = "SELECT id FROM %s WHERE layer_id = %s AND %s ORDER BY position, id"
                .formatted(
                        PostgisLayerSource.table(layer.info().geometry()),
                        PropertyIndexes.literal(layer.id()),
                        where.sql());
        return new SqlFilter.Where(sql, where.parameters());
    }
}
