package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A feature row must name a layer of {@code atlas_layer}: each layer has its partition of the feature tables
 * (migration V36_1), where foreign keys checked every row before (V35_1: triggers). The oracle is what PostgreSQL's own
 * foreign key did: a refusal (now tuple routing's, SQLSTATE 23514, as no partition takes the row), the cascade, the
 * refused rename, and a layer kept alive while rows naming it are uncommitted.
 */
@Tag("integration")
class PostgisLayerKeysTest {
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String NO_PARTITION = "23514";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private String url;
    private JdbcTemplate jdbc;

    @BeforeEach
    void aDatabaseWithTwoLayers() {
        PostgisCluster cluster = PostgisCluster.shared();
        url = cluster.newDatabase();
        DataSource db = new SingleConnectionDataSource(url, cluster.user(), "", true);
        jdbc = new JdbcTemplate(db);
        Migrations.postgis(db).migrate();
        for (String id : new String[] {"lakes", "rivers"}) {
            jdbc.update("""
                INSERT INTO atlas_layer (id, geometry_kind, position, title_en, method, source, licence, accuracy,
                                         authoritative)
                VALUES (?, 'polygon', 1, ?, 'synthetic', 'test', 'CC0-1.0', 'none', false)""", id, id);
        }
    }

    private static String insert(String table, String layer, String id, String wkt) {
        return "INSERT INTO " + table + " VALUES ('" + layer + "', '" + id
                + "', 1, 'synthetic', 'test', 'CC0-1.0', 'none', false, '{}', 'SRID=4326;" + wkt + "')";
    }

    private static String zone(String layer, String id) {
        return insert("zone_feature", layer, id, "POLYGON((116 40,116.1 40,116.1 40.1,116 40))");
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s.getSQLState();
            }
        }
        return null;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, PostgisCluster.shared().user(), "");
    }

    @Test
    void aFeatureNamingNoLayerIsRefused() {
        assertThatThrownBy(() -> jdbc.execute(zone("wells", "w1")))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(NO_PARTITION))
                .hasMessageContaining("no partition of relation \"zone_feature\" found for row")
                .hasMessageContaining("(layer_id) = (wells)");
        assertThatThrownBy(() -> jdbc.execute(insert("point_feature", "wells", "w1", "POINT(116 40)")))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(NO_PARTITION));
        jdbc.execute(zone("lakes", "l1"));
        assertThatThrownBy(() -> jdbc.update("UPDATE zone_feature SET layer_id = 'wells' WHERE id = 'l1'"))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(NO_PARTITION));
        assertThat(jdbc.queryForList("SELECT layer_id FROM zone_feature", String.class))
                .containsExactly("lakes");
    }

    @Test
    void aBulkLoadIsCheckedToo() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL liuyu.bulk_load = 'on'"); // the importer's setting: no version bump per statement
            s.execute(zone("lakes", "l1"));
            assertThatThrownBy(() -> s.execute(zone("wells", "w1")))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo(NO_PARTITION));
            c.rollback();
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM zone_feature", Integer.class))
                .isZero();
    }

    @Test
    void deletingALayerDeletesItsFeaturesInEveryTableAndNoOtherLayers() {
        jdbc.execute(zone("lakes", "l1"));
        jdbc.execute(zone("lakes", "l2"));
        jdbc.execute(insert("line_feature", "lakes", "shore", "LINESTRING(116 40,116.1 40)"));
        jdbc.execute(insert("point_feature", "lakes", "gauge", "POINT(116 40)"));
        jdbc.execute(zone("rivers", "r1"));

        jdbc.update("DELETE FROM atlas_layer WHERE id = 'lakes'");

        assertThat(jdbc.queryForList(
                        "SELECT layer_id || '/' || id FROM zone_feature UNION ALL SELECT layer_id || '/' || id FROM"
                                + " line_feature UNION ALL SELECT layer_id || '/' || id FROM point_feature",
                        String.class))
                .containsExactly("rivers/r1");
        assertThat(partitions()).as("the lakes' partitions dropped").containsOnly("rivers");
    }

    // the layer of each partition of the three feature tables, from PostgreSQL's catalogue
    private java.util.List<String> partitions() {
        return jdbc.queryForList("""
            SELECT substring(pg_get_expr(c.relpartbound, c.oid) FROM '^FOR VALUES IN \\(''(.*)''\\)$')
              FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent IN ('zone_feature'::regclass, 'line_feature'::regclass, 'point_feature'::regclass)""", String.class);
    }

    @Test
    void aLayerWithFeaturesKeepsItsIdAndOneWithoutMayChangeIt() {
        jdbc.execute(zone("lakes", "l1"));
        assertThatThrownBy(() -> jdbc.update("UPDATE atlas_layer SET id = 'ponds' WHERE id = 'lakes'"))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(FOREIGN_KEY_VIOLATION))
                .hasMessageContaining("layer 'lakes' has features");
        jdbc.update("UPDATE atlas_layer SET id = 'streams' WHERE id = 'rivers'");
        jdbc.update("UPDATE atlas_layer SET title_en = 'Lakes and ponds' WHERE id = 'lakes'");
        assertThat(jdbc.queryForList("SELECT id FROM atlas_layer ORDER BY id", String.class))
                .containsExactly("lakes", "streams");
        assertThat(partitions())
                .as("a partition in each table")
                .containsOnly("lakes", "streams")
                .hasSize(6);
        jdbc.execute(zone("streams", "s1"));
        assertThatThrownBy(() -> jdbc.execute(zone("rivers", "r1")))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo(NO_PARTITION));
    }

    @Test
    void aLayerCannotBeDeletedWhileRowsNamingItAreUncommittedAndItsFeaturesGoWithItAfterwards() throws SQLException {
        try (Connection loader = connect();
                Connection other = connect();
                Statement load = loader.createStatement();
                Statement delete = other.createStatement()) {
            loader.setAutoCommit(false);
            load.execute(zone("lakes", "l1"));
            delete.execute("SET lock_timeout = '1s'");
            assertThatThrownBy(() -> delete.executeUpdate("DELETE FROM atlas_layer WHERE id = 'lakes'"))
                    .satisfies(e -> assertThat(sqlState(e)).isEqualTo(LOCK_NOT_AVAILABLE));
            loader.commit();
            assertThat(delete.executeUpdate("DELETE FROM atlas_layer WHERE id = 'lakes'"))
                    .isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM zone_feature", Integer.class))
                .isZero();
    }
}
