package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The backup docs/deploy.md asks for, {@code pg_dump -Fc}, restored with {@code pg_restore} into a new database: the
 * layers come back with their partitions, rows, property indexes and version triggers, and the restored database
 * takes a re-import and a layer added by hand as the original would.
 */
@Tag("integration")
class PostgisBackupTest {

    @Test
    void aDumpRestoredIntoANewDatabaseServesAndTakesImportsAsBefore(@TempDir Path dir) throws Exception {
        PostgisCluster cluster = PostgisCluster.shared();
        String original = cluster.newDatabase();
        SingleConnectionDataSource from = new SingleConnectionDataSource(original, cluster.user(), "", true);
        Migrations.postgis(from).migrate();
        List<Layer> layers = new AtlasLoader().read(Path.of("gis"), false).layers();
        new PostgisImporter(from).importLayers(layers, true, i -> {});
        String everything = """
            SELECT string_agg(layer_id || '/' || id || '/' || md5(properties::text || ST_AsEWKB(geom)::text), ','
                              ORDER BY layer_id, id)
              FROM (SELECT * FROM zone_feature UNION ALL SELECT * FROM line_feature UNION ALL SELECT * FROM point_feature) f""";
        String indexes = "SELECT string_agg(regexp_replace(indexdef, '_[0-9]+', '_N', 'g'), ',' ORDER BY indexdef)"
                + " FROM pg_indexes WHERE schemaname = 'public' AND tablename ~ '_feature'";
        JdbcTemplate before = new JdbcTemplate(from);
        String rows = before.queryForObject(everything, String.class);
        String indexDefs = before.queryForObject(indexes, String.class);
        from.destroy();

        Path dump = dir.resolve("liuyu.dump");
        run(
                cluster.tool("pg_dump"),
                "-Fc",
                "-h",
                "127.0.0.1",
                "-p",
                "" + cluster.port(),
                "-U",
                cluster.user(),
                "-f",
                dump.toString(),
                database(original));
        String restored = cluster.newDatabase();
        run(
                cluster.tool("pg_restore"),
                "--exit-on-error",
                "-h",
                "127.0.0.1",
                "-p",
                "" + cluster.port(),
                "-U",
                cluster.user(),
                "-d",
                database(restored),
                dump.toString());

        SingleConnectionDataSource to = new SingleConnectionDataSource(restored, cluster.user(), "", true);
        JdbcTemplate after = new JdbcTemplate(to);
        assertThat(after.queryForObject(everything, String.class)).isEqualTo(rows);
        assertThat(after.queryForObject(indexes, String.class)).isEqualTo(indexDefs);
        assertThat(new PostgisLayerSource(to).load().layers())
                .extracting(Layer::id)
                .containsExactlyElementsOf(layers.stream().map(Layer::id).toList());

        Layer reservoirs = layers.stream()
                .filter(l -> l.id().equals("reservoirs"))
                .findFirst()
                .orElseThrow();
        new PostgisImporter(to).importLayers(List.of(reservoirs), false, i -> {});
        assertThat(after.queryForObject(everything, String.class))
                .as("re-imported as it was")
                .isEqualTo(rows);
        after.update("""
            INSERT INTO atlas_layer (id, geometry_kind, position, title_en, method, source, licence, accuracy,
                                     authoritative)
            VALUES ('wells', 'point', 99, 'Wells', 'synthetic', 'test', 'CC0-1.0', 'none', false)""");
        after.execute("INSERT INTO point_feature VALUES ('wells', 'w1', 0, 'synthetic', 'test', 'CC0-1.0', 'none',"
                + " false, '{}', 'SRID=4326;POINT(116 40)')");
        assertThat(after.queryForObject("SELECT version FROM atlas_layer WHERE id = 'wells'", Long.class))
                .as("the version trigger restored too")
                .isEqualTo(2L);
        to.destroy();
    }

    private static String database(String jdbcUrl) {
        return jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    }
}
