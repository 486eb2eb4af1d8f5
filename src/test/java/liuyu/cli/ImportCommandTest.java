package liuyu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import liuyu.postgis.PostgisCluster;
import org.junit.jupiter.api.Test;
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

    @Test
    void refusesToRunWithoutAPostgresqlUrlOrWithUnknownArguments() {
        assertThat(run("--atlas=gis")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--db-url=jdbc:postgresql://");
        assertThat(run("--db-url=jdbc:postgresql://x/y", "--colour=red")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--colour=red'");
    }
}
