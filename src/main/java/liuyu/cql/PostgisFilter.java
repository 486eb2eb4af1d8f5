package liuyu.cql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liuyu.atlas.Layer;
import liuyu.atlas.PostgisLayerSource;
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

    public List<String> ids(Layer layer, Cql cql) {
        SqlFilter.Where query = query(layer, cql);
        return jdbc.queryForList(query.sql(), String.class, query.parameters().toArray());
    }

    /** The query {@link #ids} runs: one table, the layer's rows, the filter's condition as is (for EXPLAIN in tests). */
    static SqlFilter.Where query(Layer layer, Cql cql) {
        SqlFilter.Where where = SqlFilter.of(cql, "properties", "geom", PROVENANCE_COLUMNS);
        String sql = "SELECT id FROM %s WHERE layer_id = ? AND %s ORDER BY position, id"
                .formatted(PostgisLayerSource.table(layer.info().geometry()), where.sql());
        List<Object> parameters = new ArrayList<>();
        parameters.add(layer.id());
        parameters.addAll(where.parameters());
        return new SqlFilter.Where(sql, List.copyOf(parameters));
    }
}
