package liuyu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliTest {
    @Test
    void theServiceIsTheDefaultAndSubCommandsAreRecognisedByName() {
        assertThat(Cli.handles(new String[] {})).isFalse();
        assertThat(Cli.handles(new String[] {"serve"})).isFalse();
        assertThat(Cli.handles(new String[] {"--liuyu.atlas.dir=/srv/atlas"})).isFalse();
        assertThat(Cli.handles(new String[] {"import", "x.shp"})).isTrue();
        assertThat(Cli.handles(new String[] {"check", "sites.geojson"})).isTrue();
        assertThat(Cli.handles(new String[] {"--help"})).isTrue();
    }

    @Test
    void helpListsEveryCommand() {
        StringWriter out = new StringWriter();
        assertThat(Cli.run(
                        new String[] {"--help"}, Map.of(), new PrintWriter(out), new PrintWriter(new StringWriter())))
                .isZero();
        assertThat(out.toString())
                .contains("Usage: liuyu")
                .contains("  import  ")
                .contains("  check   ");
        StringWriter importHelp = new StringWriter();
        assertThat(Cli.run(
                        new String[] {"import", "--help"},
                        Map.of(),
                        new PrintWriter(importHelp),
                        new PrintWriter(new StringWriter())))
                .isZero();
        assertThat(importHelp.toString())
                .contains("--dry-run")
                .contains("--make-valid")
                .contains("--map=TARGET=SOURCE")
                .contains("--crs=CRS");
    }
}
