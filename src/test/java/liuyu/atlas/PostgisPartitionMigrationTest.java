package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Migration V36_1 on a database that already holds layers (their tables as V35_1 left them, with the importer's
 * property indexes of then): every row moves to its layer's partition unchanged, each property index is rebuilt on
 * the partition with the expression the filter SQL writes, and the tables behave as before (a version bump per
 * statement, the refusal of a row naming no layer).
 */
@Tag("integration")
class PostgisPartitionMigrationTest {

    @Test
    void layersStoredBeforeMoveToTheirPartitionsWithTheirRowsAndPropertyIndexes() {
        PostgisCluster cluster = PostgisCluster.shared();
        SingleConnectionDataSource db = new SingleConnectionDataSource(cluster.newDatabase(), cluster.user(), "", true);
        JdbcTemplate jdbc = new JdbcTemplate(db);
        before(db).migrate();
        for (String[] layer : List.of(new String[] {"lakes", "polygon"}, new String[] {"gauges", "point"})) {
            jdbc.update("""
                INSERT INTO atlas_layer (id, geometry_kind, position, title_en, method, source, licence, accuracy,
                                         authoritative)
                VALUES (?, ?, 1, ?, 'synthetic', 'test', 'CC0-1.0', 'none', false)""", layer[0], layer[1], layer[0]);
        }
        jdbc.execute("""
            INSERT INTO zone_feature
            SELECT 'lakes', 'l' || i, i, 'synthetic', 'test', 'CC0-1.0', 'none', false,
                   jsonb_build_object('nameZh', '湖' || i, 'depth', i),
                   ST_MakeEnvelope(116 + i * 0.01, 40, 116.005 + i * 0.01, 40.005, 4326)
              FROM generate_series(1, 50) i""");
        jdbc.execute("INSERT INTO point_feature VALUES ('gauges', 'g1', 0, 'synthetic', 'test', 'CC0-1.0', 'none',"
                + " false, '{\"nameZh\": \"站\"}', 'SRID=4326;POINT(116 40)')");
        // an index as the importer built them until V35_1: zp_<layer hash>_<property hash>, partial on the layer
        jdbc.execute("CREATE INDEX zp_0_1 ON zone_feature (" + PropertyIndexes.value("properties", "depth", "number")
                + ") WHERE layer_id = 'lakes'");
        String rows = "SELECT string_agg(layer_id || '/' || id || '/' || properties::text || '/' || ST_AsText(geom),"
                + " ',' ORDER BY layer_id, id) FROM (SELECT * FROM zone_feature UNION ALL SELECT * FROM point_feature) f";
        String stored = jdbc.queryForObject(rows, String.class);
        Long lakesVersion = jdbc.queryForObject("SELECT version FROM atlas_layer WHERE id = 'lakes'", Long.class);

        Migrations.postgis(db).migrate();

        assertThat(jdbc.queryForObject(rows, String.class)).isEqualTo(stored);
        assertThat(jdbc.queryForObject("SELECT relkind FROM pg_class WHERE relname = 'zone_feature'", String.class))
                .as("partitioned")
                .isEqualTo("p");
        assertThat(jdbc.queryForList("""
                SELECT p.relname || ' ' || pg_get_expr(c.relpartbound, c.oid)
                  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                 WHERE p.relname IN ('zone_feature', 'line_feature', 'point_feature')""", String.class))
                .as("a partition for each layer in each table")
                .containsExactlyInAnyOrder(
                        "zone_feature FOR VALUES IN ('gauges')",
                        "zone_feature FOR VALUES IN ('lakes')",
                        "line_feature FOR VALUES IN ('gauges')",
                        "line_feature FOR VALUES IN ('lakes')",
                        "point_feature FOR VALUES IN ('gauges')",
                        "point_feature FOR VALUES IN ('lakes')");
        // the stored properties' indexes, on the partitions: nameZh and depth of the lakes, nameZh of the gauges
        List<String> indexes = jdbc.queryForList(
                "SELECT tablename || ' ' || indexdef FROM pg_indexes WHERE indexdef LIKE '%jsonb_typeof%'",
                String.class);
        assertThat(indexes).hasSize(3).noneMatch(d -> d.contains("zp_0_1"));
        assertThat(indexes)
                .filteredOn(d -> d.startsWith("zone_feature_") && d.contains("'depth'::text)) = 'number'"))
                .hasSize(1);
        jdbc.execute("SET enable_seqscan = off"); // 50 rows: the planner would read them all, index or not
        String plan = String.join(
                "\n",
                jdbc.queryForList(
                        "EXPLAIN SELECT id FROM zone_feature WHERE layer_id = 'lakes' AND "
                                + PropertyIndexes.value("properties", "depth", "number") + " = 7",
                        String.class));
        assertThat(plan).as(plan).containsPattern("Index Scan using zone_feature_\\d+_[0-9a-f]{12} ");

        jdbc.execute("INSERT INTO zone_feature SELECT 'lakes', 'l99', 99, method, source, licence, accuracy,"
                + " authoritative, properties, geom FROM zone_feature WHERE id = 'l1'");
        assertThat(jdbc.queryForObject("SELECT version FROM atlas_layer WHERE id = 'lakes'", Long.class))
                .as("a statement's change bumps the layer's version, as before")
                .isEqualTo(lakesVersion + 1);
        db.destroy();
    }

    private static Flyway before(DataSource db) {
        return Flyway.configure()
                .dataSource(db)
                .locations(Migrations.RECORDS, Migrations.LAYERS)
                .target("35.1")
                .load();
    }
}
