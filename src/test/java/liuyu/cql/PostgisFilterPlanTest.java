package liuyu.cql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import liuyu.atlas.GeneratedAtlas;
import liuyu.atlas.Layer;
import liuyu.atlas.PostgisImporter;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The SQL a pushed-down filter becomes, as PostgreSQL plans and runs it ({@code EXPLAIN (ANALYZE)}) over a
 * generated layer of 40,000 polygons: a spatial predicate on a small literal, alone or ANDed with property
 * tests, is answered through the GiST index on {@code geom}; a property test through the layer's expression
 * index on that property; a predicate no index can answer (S_DISJOINT, or a spatial test ORed with a test of a
 * provenance column) scans the table. The rows the plan returns are the ids the filter gives, counted in memory.
 */
@Tag("integration")
class PostgisFilterPlanTest {
    static Layer layer;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void importALayer() {
        layer = GeneratedAtlas.tiled(40_000, 1, 4, 3).layers().iterator().next();
        PostgisCluster cluster = PostgisCluster.shared();
        DataSource db = new SingleConnectionDataSource(cluster.newDatabase(), cluster.user(), "", true);
        Migrations.postgis(db).migrate();
        new PostgisImporter(db).importLayers(List.of(layer), true, i -> {});
        jdbc = new JdbcTemplate(db);
        jdbc.execute("ANALYZE zone_feature");
    }

    @ParameterizedTest(name = "{0} → index {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "S_INTERSECTS(geometry, BBOX(116.0, 39.8, 116.05, 39.85))                              | true",
                "S_WITHIN(geometry, POLYGON((116.0 39.8, 116.1 39.8, 116.05 39.9, 116.0 39.8)))       | true",
                "S_CONTAINS(geometry, POINT(116.3 40.0))                                             | true",
                "nameZh LIKE '网格%' AND S_INTERSECTS(geometry, BBOX(116.0, 39.8, 116.05, 39.85))     | true",
                "method = 'synthetic' AND NOT (nameZh = 'x') AND S_INTERSECTS(geometry, BBOX(116.0, 39.8, 116.05, 39.85)) | true",
                "S_DISJOINT(geometry, BBOX(116.0, 39.8, 116.05, 39.85))                               | false",
                "method = 'derived' OR S_INTERSECTS(geometry, BBOX(116.0, 39.8, 116.05, 39.85))      | false",
            })
    void theGistIndexAnswersSpatialLiteralsAndTheRowsAreTheFilters(String text, boolean indexed) {
        Cql cql = Cql2Text.parse(text, Axes.CRS84);
        FeatureFilter filter = FeatureFilter.of(cql, layer.filterableProperties());
        long expected = layer.features().stream().filter(filter).count();
        SqlFilter.Where query = PostgisFilter.query(layer, cql);
        String plan = String.join(
                "\n",
                jdbc.queryForList(
                        "EXPLAIN (ANALYZE, FORMAT TEXT) " + query.sql(),
                        String.class,
                        query.parameters().toArray()));
        assertThat(plan).as(plan).contains(indexed ? "Index Cond: (geom " : "Seq Scan on zone_feature");
        if (indexed) {
            // the layer's partition's GiST index, as the importer builds it
            assertThat(plan)
                    .as(plan)
                    .containsPattern("zone_feature_\\d+_geom_idx")
                    .doesNotContain("Seq Scan");
        }
        // the plan's top node returns the filter's rows
        assertThat(plan.lines().findFirst().orElseThrow()).as(plan).contains("rows=" + expected + " loops=1");
        assertThat(expected)
                .as("the filter selects some but not all")
                .isBetween(1L, layer.features().size() - 1L);
    }

    /**
     * The page query ({@link PostgisFilter#pageQuery}) gathers the matches before it sorts and cuts them, so a
     * spatial literal is still answered through the GiST index however small the page (planned together with
     * {@code ORDER BY position, id LIMIT}, PostgreSQL may walk the rows in that order and test each one), and it
     * returns the page's rows plus one count row with the filter's count.
     */
    @ParameterizedTest(name = "{0}, limit {1} offset {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "S_INTERSECTS(geometry, BBOX(116.0, 39.8, 116.5, 40.2))                        | 1   | 0",
                "S_INTERSECTS(geometry, BBOX(116.0, 39.8, 116.5, 40.2))                        | 100 | 1000",
                "nameZh LIKE '网格%' AND S_INTERSECTS(geometry, BBOX(116.0, 39.8, 116.3, 40.0)) | 10  | 0",
            })
    void thePageQueryKeepsTheGistIndex(String text, int limit, int offset) {
        Cql cql = Cql2Text.parse(text, Axes.CRS84);
        FeatureFilter filter = FeatureFilter.of(cql, layer.filterableProperties());
        long expected = layer.features().stream().filter(filter).count();
        SqlFilter.Where query = PostgisFilter.pageQuery(layer, cql, offset, limit);
        String plan = String.join(
                "\n",
                jdbc.queryForList(
                        "EXPLAIN (ANALYZE, FORMAT TEXT) " + query.sql(),
                        String.class,
                        query.parameters().toArray()));
        assertThat(plan)
                .as(plan)
                .contains("Index Cond: (geom ")
                .containsPattern("zone_feature_\\d+_geom_idx")
                .doesNotContain("Seq Scan");
        long page = Math.max(0, Math.min(limit, expected - offset));
        assertThat(plan.lines().findFirst().orElseThrow()).as(plan).contains("rows=" + (1 + page) + " loops=1");
        assertThat(expected).as("the filter selects more than the page").isGreaterThan((long) offset + limit);
    }

    /**
     * A property filter is answered through the layer's expression index on that property (built by the importer,
     * {@link liuyu.atlas.PropertyIndexes}) instead of reading every row's jsonb: equality, a LIKE prefix, and a
     * property test ORed with a spatial one (the two indexes' bitmaps ORed).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "nameZh = '网格t0-3-4'",
                "nameZh LIKE '网格t0-3-%'",
                "nameZh IN ('网格t0-3-4', '网格t0-5-6')",
                "nameZh = '网格t0-3-4' OR S_INTERSECTS(geometry, BBOX(116.0, 39.8, 116.05, 39.85))",
            })
    void aPropertyFilterUsesTheLayersExpressionIndex(String text) {
        Cql cql = Cql2Text.parse(text, Axes.CRS84);
        FeatureFilter filter = FeatureFilter.of(cql, layer.filterableProperties());
        long expected = layer.features().stream().filter(filter).count();
        SqlFilter.Where query = PostgisFilter.pageQuery(layer, cql, 0, 10);
        String plan = String.join(
                "\n",
                jdbc.queryForList(
                        "EXPLAIN (ANALYZE, FORMAT TEXT) " + query.sql(),
                        String.class,
                        query.parameters().toArray()));
        // the importer's property indexes are named <partition>_<property hash> on the layer's partition
        assertThat(plan)
                .as(plan)
                .containsPattern("Index Scan (on|using) zone_feature_\\d+_[0-9a-f]{12} ")
                .contains("properties -> 'nameZh'");
        assertThat(plan).as(plan).doesNotContain("Seq Scan");
        assertThat(plan.lines().findFirst().orElseThrow())
                .as(plan)
                .contains("rows=" + (1 + Math.min(10, expected)) + " loops=1");
        assertThat(expected)
                .as("the filter selects some but not all")
                .isBetween(1L, layer.features().size() - 1L);
    }
}
