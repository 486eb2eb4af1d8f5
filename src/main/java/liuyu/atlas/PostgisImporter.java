package liuyu.atlas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads layers into PostGIS, one transaction per layer: the layer row is upserted, its old features
 * deleted and the new ones inserted (so re-running is safe), then PostGIS itself judges every geometry
 * ({@code ST_IsValidReason}); one invalid feature rolls the whole layer back.
 */
public final class PostgisImporter {
    public record Imported(String layer, int features, String version) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json = JsonMapper.builder().build();

    public PostgisImporter(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * Imports every layer in order, telling {@code imported} as each one commits; the first layer PostGIS
     * refuses stops the run with its reasons, and the layers committed before it stay.
     */
    public void importLayers(List<Layer> layers, boolean keepOrder, Consumer<Imported> imported) {
        int position = keepOrder ? 0 : nextPosition();
        for (Layer layer : layers) {
            imported.accept(importLayer(layer, position++));
        }
    }

    /**
     * Replaces the features of layers already in the database, keeping their place in the layer order; one
     * transaction for all of them, so a refused layer leaves every one as it was.
     */
    public List<Imported> replaceFeatures(List<Layer> layers) {
        return transactions.execute(status -> layers.stream()
            .map(l -> importLayer(l, jdbc.queryForObject("SELECT position FROM atlas_layer WHERE id = ?", Integer.class, l.id())))
            .toList());
    }

    private int nextPosition() {
        Integer max = jdbc.queryForObject("SELECT max(position) FROM atlas_layer", Integer.class);
        return max == null ? 0 : max + 1;
    }

    private Imported importLayer(Layer layer, int position) {
        LayerInfo i = layer.info();
        String table = PostgisLayerSource.table(i.geometry());
        return transactions.execute(status -> {
            jdbc.execute("SET LOCAL liuyu.bulk_load = 'on'"); // one version bump for the whole layer, below
            Provenance p = i.provenance();
            jdbc.update("""
                INSERT INTO atlas_layer (id, geometry_kind, position, title_en, title_zh, description, method, source,
                                         licence, accuracy, authoritative, valid_from, citation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET geometry_kind = excluded.geometry_kind, position = excluded.position,
                    title_en = excluded.title_en, title_zh = excluded.title_zh, description = excluded.description,
                    method = excluded.method, source = excluded.source, licence = excluded.licence,
                    accuracy = excluded.accuracy, authoritative = excluded.authoritative,
                    valid_from = excluded.valid_from, citation = excluded.citation""",
                i.id(), i.geometry().code(), position, i.titleEn(), i.titleZh(), i.description(), p.method().code(),
                p.source(), p.licence(), p.accuracy(), p.authoritative(),
                i.validFrom() == null ? null : java.sql.Date.valueOf(i.validFrom()), i.citation());
            for (GeometryKind kind : GeometryKind.values()) {
                jdbc.update("DELETE FROM " + PostgisLayerSource.table(kind) + " WHERE layer_id = ?", i.id());
            }
            WKBWriter wkb = new WKBWriter(2);
            List<Object[]> rows = new ArrayList<>(layer.features().size());
            int n = 0;
            for (Feature f : layer.features()) {
                Map<String, Object> props = new LinkedHashMap<>(f.properties());
                for (String field : Provenance.FIELDS) {
                    props.remove(field);
                }
                Provenance fp = f.provenance();
                rows.add(new Object[] {i.id(), f.id(), n++, fp.method().code(), fp.source(), fp.licence(), fp.accuracy(),
                    fp.authoritative(), json.writeValueAsString(props), wkb.write(f.geometry())});
            }
            jdbc.batchUpdate("INSERT INTO " + table + " (layer_id, id, position, method, source, licence, accuracy, authoritative,"
                + " properties, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ST_GeomFromWKB(?, 4326))", rows);
            List<String> invalid = jdbc.query("SELECT id, ST_IsValidReason(geom) FROM " + table
                    + " WHERE layer_id = ? AND NOT ST_IsValid(geom) ORDER BY position",
                (rs, k) -> "postgis: layer '" + i.id() + "': feature '" + rs.getString(1) + "': " + rs.getString(2), i.id());
            if (!invalid.isEmpty()) {
                throw new AtlasLoadException(invalid);
            }
            jdbc.update("UPDATE atlas_layer SET version = version + 1, changed_at = now() WHERE id = ?", i.id());
            Long version = jdbc.queryForObject("SELECT version FROM atlas_layer WHERE id = ?", Long.class, i.id());
            return new Imported(i.id(), layer.features().size(), "v" + version);
        });
    }
}
