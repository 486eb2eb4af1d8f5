package liuyu.atlas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import liuyu.geo.GeoJson;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads layers into PostGIS, one transaction per layer: the layer row is upserted, its old features
 * deleted and the new ones inserted (so re-running is safe), then PostGIS itself judges every geometry
 * ({@code ST_IsValidReason}); one invalid feature rolls the whole layer back.
 */
public final class PostgisImporter {
    public record Imported(String layer, int features, String version) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    // features are read one by one from the middle of a stream: what follows one is not "trailing"
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

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
                .map(l -> importLayer(
                        l, jdbc.queryForObject("SELECT position FROM atlas_layer WHERE id = ?", Integer.class, l.id())))
                .toList());
    }

    private int nextPosition() {
        Integer max = jdbc.queryForObject("SELECT max(position) FROM atlas_layer", Integer.class);
        return max == null ? 0 : max + 1;
    }

    /**
     * Imports one layer from a GeoJSON file whose features were checked as they were written (the importer's
     * output), read back feature by feature and inserted in batches, so memory stays flat for any size.
     */
    public Imported importFile(LayerInfo info, Path geojson) {
        return importLayer(
                info,
                each -> {
                    AtlasLoader loader = new AtlasLoader();
                    List<String> problems = new ArrayList<>();
                    try (JsonParser p = json.createParser(Files.newInputStream(geojson))) {
                        p.nextToken();
                        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                            String member = p.currentName();
                            if (p.nextToken() == JsonToken.START_ARRAY && member.equals("features")) {
                                while (p.nextToken() == JsonToken.START_OBJECT) {
                                    JsonNode f = json.readTree(p);
                                    String id = f.path("id").asString();
                                    Feature feature = loader.checkFeature(
                                            id,
                                            f.path("properties"),
                                            GeoJson.read(f.path("geometry"), "geometry"),
                                            info,
                                            geojson + ": feature '" + id + "'",
                                            false,
                                            problems);
                                    if (feature == null) {
                                        throw new AtlasLoadException(problems);
                                    }
                                    each.accept(feature);
                                }
                            } else {
                                p.skipChildren();
                            }
                        }
                    } catch (IOException e) {
                        throw new AtlasLoadException(List.of(geojson + ": cannot be read: " + e.getMessage()));
                    }
                },
                nextPosition());
    }

    private Imported importLayer(Layer layer, int position) {
        return importLayer(layer.info(), each -> layer.features().forEach(each), position);
    }

    private static final int BATCH = 2000;

    private Imported importLayer(LayerInfo i, Consumer<Consumer<Feature>> features, int position) {
        String table = PostgisLayerSource.table(i.geometry());
        return transactions.execute(status -> {
            jdbc.execute("SET LOCAL liuyu.bulk_load = 'on'"); // one version bump for the whole layer, below
            Provenance p = i.provenance();
            jdbc.update(
                    """
                INSERT INTO atlas_layer (id, geometry_kind, position, title_en, title_zh, description, method, source,
                                         licence, accuracy, authoritative, valid_from, citation, network_form)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET geometry_kind = excluded.geometry_kind, position = excluded.position,
                    title_en = excluded.title_en, title_zh = excluded.title_zh, description = excluded.description,
                    method = excluded.method, source = excluded.source, licence = excluded.licence,
                    accuracy = excluded.accuracy, authoritative = excluded.authoritative,
                    valid_from = excluded.valid_from, citation = excluded.citation, network_form = excluded.network_form""",
                    i.id(),
                    i.geometry().code(),
                    position,
                    i.titleEn(),
                    i.titleZh(),
                    i.description(),
                    p.method().code(),
                    p.source(),
                    p.licence(),
                    p.accuracy(),
                    p.authoritative(),
                    i.validFrom() == null ? null : java.sql.Date.valueOf(i.validFrom()),
                    i.citation(),
                    i.networkForm());
            for (GeometryKind kind : GeometryKind.values()) {
                jdbc.update("DELETE FROM " + PostgisLayerSource.table(kind) + " WHERE layer_id = ?", i.id());
            }
            WKBWriter wkb = new WKBWriter(2);
            String insert = "INSERT INTO " + table
                    + " (layer_id, id, position, method, source, licence, accuracy, authoritative,"
                    + " properties, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ST_GeomFromWKB(?, 4326))";
            List<Object[]> rows = new ArrayList<>(BATCH);
            int[] n = {0};
            features.accept(f -> {
                Map<String, Object> props = new LinkedHashMap<>(f.properties());
                for (String field : Provenance.FIELDS) {
                    props.remove(field);
                }
                Provenance fp = f.provenance();
                rows.add(new Object[] {
                    i.id(),
                    f.id(),
                    n[0]++,
                    fp.method().code(),
                    fp.source(),
                    fp.licence(),
                    fp.accuracy(),
                    fp.authoritative(),
                    json.writeValueAsString(props),
                    wkb.write(f.geometry())
                });
                if (rows.size() == BATCH) {
                    jdbc.batchUpdate(insert, rows);
                    rows.clear();
                }
            });
            jdbc.batchUpdate(insert, rows);
            List<String> invalid = jdbc.query(
                    "SELECT id, ST_IsValidReason(geom) FROM " + table
                            + " WHERE layer_id = ? AND NOT ST_IsValid(geom) ORDER BY position",
                    (rs, k) -> "postgis: layer '" + i.id() + "': feature '" + rs.getString(1) + "': " + rs.getString(2),
                    i.id());
            if (!invalid.isEmpty()) {
                throw new AtlasLoadException(invalid);
            }
            jdbc.update("UPDATE atlas_layer SET version = version + 1, changed_at = now() WHERE id = ?", i.id());
            Long version = jdbc.queryForObject("SELECT version FROM atlas_layer WHERE id = ?", Long.class, i.id());
            return new Imported(i.id(), n[0], "v" + version);
        });
    }
}
