package liuyu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CheckCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return CheckCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void checksEveryCandidateSiteOfAFileIntoAReportFile(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("sites.geojson");
        Files.writeString(in, """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "id": "site-1", "properties": {"activity": "livestock-farm-scale"},
               "geometry": {"type": "Point", "coordinates": [116.95, 40.52]}},
              {"type": "Feature", "id": "site-2", "properties": {"activity": "livestock-farm-scale"},
               "geometry": {"type": "Point", "coordinates": [116.10, 39.60]}}]}""");
        Path reports = dir.resolve("reports.json");
        assertThat(run(in.toString(), reports.toString())).isZero();
        JsonNode array = JsonMapper.builder().build().readTree(reports.toFile());
        assertThat(array.size()).isEqualTo(2);
        assertThat(array.get(0).path("project").asString()).isEqualTo("site-1");
        assertThat(array.get(0).path("verdict").asString()).isEqualTo("FORBIDDEN");
        assertThat(array.get(1).path("verdict").asString()).isEqualTo("ALLOWED");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("checked 2 project(s)");
    }

    @Test
    void aBadProjectStopsTheRunNamingTheFieldAndWritesNothing(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("bad.geojson");
        Files.writeString(in, """
            {"type": "Feature", "properties": {"activity": "casino"}, "geometry": {"type": "Point", "coordinates": [116.4, 39.9]}}""");
        Path reports = dir.resolve("reports.json");
        assertThat(run(in.toString(), reports.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("properties.activity")
                .contains("unknown activity 'casino'");
        assertThat(reports).doesNotExist();
        assertThat(run()).isEqualTo(2);
    }
}
