package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import liuyu.LiuyuApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A broken atlas stops start-up with one plain list of its problems, each printed once, no stack trace. */
@ExtendWith(OutputCaptureExtension.class)
@Tag("integration")
class AtlasStartupReportTest {
    @Test
    void everyProblemOfABrokenAtlasIsPrintedOnceInTheStartUpReport(@TempDir Path dir, CapturedOutput output)
            throws Exception {
        Files.createDirectories(dir.resolve("layers"));
        Files.writeString(dir.resolve("atlas.yaml"), """
            atlas: {id: broken, titleEn: Broken, version: "1"}
            layers:
              - {id: zones, file: layers/zones.geojson, geometry: polygon, titleEn: Zones, titleZh: 区, description: d,
                 method: synthetic, source: test, licence: CC0-1.0, accuracy: none, authoritative: false}
            """);
        // two features with one id, and a coordinate off the globe: two problems
        Files.writeString(dir.resolve("layers/zones.geojson"), """
            {"type": "FeatureCollection", "features": [
             {"type": "Feature", "id": "z1", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[116,40],[116.1,40],[116.1,40.1],[116,40]]]}},
             {"type": "Feature", "id": "z1", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[117,40],[117.1,40],[117.1,40.1],[117,40]]]}},
             {"type": "Feature", "id": "z2", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[216,40],[216.1,40],[216.1,40.1],[216,40]]]}}
            ]}""");
        assertThatThrownBy(
                        () -> SpringApplication.run(
                                LiuyuApplication.class,
                                "--liuyu.atlas.dir=" + dir,
                                "--server.port=0",
                                "--spring.profiles.active=dev",
                                "--spring.datasource.url=jdbc:h2:mem:AtlasStartupReportTest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"))
                .hasRootCauseInstanceOf(AtlasLoadException.class);
        String log = output.getAll();
        AtlasLoadException direct = null;
        try {
            new AtlasLoader().load(dir);
        } catch (AtlasLoadException e) {
            direct = e;
        }
        assertThat(direct).isNotNull();
        assertThat(direct.problems()).hasSize(2);
        assertThat(log).contains("APPLICATION FAILED TO START").contains("(2 problems):");
        for (String problem : direct.problems()) {
            assertThat(log.split(java.util.regex.Pattern.quote(problem), -1))
                    .as(problem)
                    .hasSize(2);
        }
        assertThat(log).doesNotContain("\tat liuyu.");
    }
}
