package liuyu.cql;

import java.util.ArrayList;
import java.util.List;
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
    private final JdbcTemplate jdbc;

    public PostgisFilter(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Whether {@code layer} was loaded from PostGIS (the outfall ledger, say, lives elsewhere). */
    public static boolean holds(Layer layer) {
        return layer.info().origin() != null && layer.info().origin().startsWith("postgis:");
    }

    public List<String> ids(Layer layer, Cql cql) {
        SqlFilter.Where where = SqlFilter.of(cql, "p", "geom");
        String sql = """
            SELECT id FROM (
              SELECT id, position, geom, properties || jsonb_build_object('method', method, 'source', source,
                       'licence', licence, 'accuracy', accuracy, 'authoritative', authoritative) AS p
                FROM %s WHERE layer_id = ?) f
             WHERE %s ORDER BY position, id""".formatted(PostgisLayerSource.table(layer.info().geometry()), where.sql());
        List<Object> parameters = new ArrayList<>();
        parameters.add(layer.id());
        parameters.addAll(where.parameters());
        return jdbc.queryForList(sql, String.class, parameters.toArray());
    }
}
