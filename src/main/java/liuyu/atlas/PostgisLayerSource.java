package liuyu.atlas;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Layers kept in PostGIS (tables {@code atlas_layer}, {@code zone_feature}, {@code line_feature},
 * {@code point_feature}; migration db/postgis/V7_1). Each layer is read back as GeoJSON built by the
 * database and goes through {@link AtlasLoader#readFeatures}, so a PostGIS atlas is checked exactly
 * like a gis/ directory and yields the same snapshot.
 */
public final class PostgisLayerSource {
    private final JdbcTemplate jdbc;
    private final AtlasLoader loader;

    public PostgisLayerSource(DataSource dataSource) {
        this(dataSource, false);
    }

    /** {@code skipInvalidFeatures}: as {@link AtlasLoader#AtlasLoader(boolean)}. */
    public PostgisLayerSource(DataSource dataSource, boolean skipInvalidFeatures) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.loader = new AtlasLoader(skipInvalidFeatures);
    }

    /** The features the last load left out (skip option). */
    public List<AtlasLoader.SkippedFeature> skipped() {
        return loader.skipped();
    }

    public static String table(GeometryKind kind) {
        return switch (kind) {
            case POLYGON -> "zone_feature";
            case LINE -> "line_feature";
            case POINT -> "point_feature";
        };
    }

    /** Layer id → version, cheap enough to poll. */
    public Map<String, String> versions() {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.query("SELECT id, version FROM atlas_layer ORDER BY position, id", rs -> {
            out.put(rs.getString(1), "v" + rs.getLong(2));
        });
        return out;
    }

    public Atlas load() {
        List<String> problems = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        List<LayerInfo> infos = jdbc.query("""
            SELECT id, geometry_kind, title_en, title_zh, description, method, source, licence, accuracy,
                   authoritative, valid_from, citation, version, network_form
              FROM atlas_layer ORDER BY position, id""", (rs, i) -> {
            Date validFrom = rs.getDate("valid_from");
            return new LayerInfo(
                    rs.getString("id"),
                    rs.getString("title_en"),
                    rs.getString("title_zh"),
                    rs.getString("description"),
                    GeometryKind.parse(rs.getString("geometry_kind")),
                    new Provenance(
                            Method.parse(rs.getString("method")),
                            rs.getString("source"),
                            rs.getString("licence"),
                            rs.getString("accuracy"),
                            rs.getBoolean("authoritative")),
                    "v" + rs.getLong("version"),
                    validFrom == null ? null : validFrom.toLocalDate(),
                    rs.getString("citation"),
                    "postgis:" + rs.getString("id"),
                    rs.getString("network_form"));
        });
        if (infos.isEmpty()) {
            throw new AtlasLoadException(
                    List.of("postgis: table atlas_layer holds no layers; load some with the import command"));
        }
        for (LayerInfo info : infos) {
            String geojson = jdbc.queryForObject("""
                SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object(
                         'type', 'Feature', 'id', id, 'geometry', ST_AsGeoJSON(geom, 15)::json,
                         'properties', properties || jsonb_build_object('method', method, 'source', source,
                             'licence', licence, 'accuracy', accuracy, 'authoritative', authoritative))
                         ORDER BY position, id), '[]'::json))::text
                  FROM %s WHERE layer_id = ?""".formatted(table(info.geometry())), String.class, info.id());
            List<Feature> features = loader.readFeatures(
                    geojson.getBytes(StandardCharsets.UTF_8),
                    info,
                    "postgis:" + table(info.geometry()) + "[" + info.id() + "]",
                    true,
                    problems);
            layers.add(new Layer(info, features));
        }
        if (!problems.isEmpty()) {
            throw new AtlasLoadException(problems);
        }
        StringBuilder versions = new StringBuilder();
        layers.forEach(l ->
                versions.append(l.id()).append('=').append(l.info().version()).append(';'));
        return new Atlas(
                "postgis",
                "Liuyu atlas in PostGIS",
                AtlasLoader.digest(versions.toString().getBytes(StandardCharsets.UTF_8)),
                layers);
    }
}
