package liuyu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import liuyu.postgis.PostgisCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ImportCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return ImportCommand.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void importsTheDemoAtlasIntoAnEmptyDatabaseAndCanRunAgain() {
        String url = PostgisCluster.shared().newDatabase();
        assertThat(run("--db-url=" + url, "--atlas=gis")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("imported districts: 16 features").contains("imported outfalls:");
        assertThat(run("--db-url=" + url, "--atlas=gis")).as("re-running is safe").isZero();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM zone_feature WHERE layer_id = 'districts'", Integer.class)).isEqualTo(16);
    }

    static String layerFile(String id, String features) {
        return """
            {"type": "FeatureCollection",
             "layer": {"id": "%s", "geometry": "polygon", "titleEn": "Test zones",
                       "provenance": {"method": "synthetic", "source": "test", "licence": "CC0-1.0", "accuracy": "none", "authoritative": false}},
             "features": [%s]}""".formatted(id, features);
    }

    static String zone(String id, String ring) {
        return """
            {"type": "Feature", "id": "%s", "properties": {"nameZh": "区", "method": "synthetic", "source": "t", "licence": "CC0-1.0",
             "accuracy": "none", "authoritative": false}, "geometry": {"type": "Polygon", "coordinates": [%s]}}""".formatted(id, ring);
    }

    @Test
    void eachLayerFileIsOneTransactionAndAnInvalidGeometryIsReportedWithItsFeatureId(@TempDir Path dir) throws Exception {
        String url = PostgisCluster.shared().newDatabase();
        Path good = Files.writeString(dir.resolve("good.geojson"),
            layerFile("good-zones", zone("square", "[[116, 40], [116.1, 40], [116.1, 40.1], [116, 40.1], [116, 40]]")));
        Path bad = Files.writeString(dir.resolve("bad.geojson"), layerFile("bad-zones",
            zone("fine", "[[116, 40], [116.1, 40], [116.1, 40.1], [116, 40]]") + ","
                + zone("bowtie", "[[116, 40], [116.1, 40.1], [116.1, 40], [116, 40.1], [116, 40]]")));

        assertThat(run("--db-url=" + url, "--layer=" + good, "--layer=" + bad)).isEqualTo(1);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("imported good-zones: 1 features, version v");
        assertThat(err.toString(StandardCharsets.UTF_8))
            .contains("nothing of the refused layer was written")
            .contains("postgis: layer 'bad-zones': feature 'bowtie': Self-intersection[116.05 40.05]");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        assertThat(jdbc.queryForList("SELECT layer_id || '/' || id FROM zone_feature ORDER BY 1", String.class))
            .containsExactly("good-zones/square");
        assertThat(jdbc.queryForList("SELECT id FROM atlas_layer", String.class)).containsExactly("good-zones");
    }

    @Test
    void aFileWithoutItsLayerDescriptionIsRefusedBeforeTheDatabaseIsTouched(@TempDir Path dir) throws Exception {
        String url = PostgisCluster.shared().newDatabase();
        Path bare = Files.writeString(dir.resolve("bare.geojson"), """
            {"type": "FeatureCollection", "features": []}""");
        assertThat(run("--db-url=" + url, "--layer=" + bare)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bare.geojson: a layer file needs a 'layer' member");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM atlas_layer", Integer.class)).isZero();
    }

    @Test
    void refusesToRunWithoutAPostgresqlUrlOrWithUnknownArguments() {
        assertThat(run("--atlas=gis")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--db-url=jdbc:postgresql://");
        assertThat(run("--db-url=jdbc:postgresql://x/y", "--colour=red")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--colour=red'");
    }
}
