package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import liuyu.LiuyuApplication;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The atlas read before the context refreshes is the one the context binds, read as a load on the main thread would
 * read it; a preload begun with other properties is never served, and its failure is not this start's.
 */
@ExtendWith(OutputCaptureExtension.class)
class AtlasPreloadTest {
    private static AtlasPreload.Started preload(Map<String, Object> properties) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
        AtlasPreload.start(context);
        return context.getBeanFactory().containsSingleton(AtlasPreload.BEAN)
                ? (AtlasPreload.Started) context.getBeanFactory().getSingleton(AtlasPreload.BEAN)
                : null;
    }

    private static AtlasProperties files(Path dir) {
        return new AtlasProperties(dir, AtlasProperties.Source.FILES, Duration.ofSeconds(5), false);
    }

    @Test
    void theDemoAtlasIsReadAheadAndServedToTheContextThatBindsTheSameProperties(@TempDir Path snapshots)
            throws Exception {
        AtlasPreload.Started started =
                preload(Map.of("liuyu.atlas.dir", "gis", "liuyu.atlas.snapshot.dir", snapshots.toString()));

        assertThat(started).isNotNull();
        AtlasPreload.Read read = started.take(files(Path.of("gis")), new AtlasSnapshotProperties(snapshots));
        Atlas direct = new AtlasLoader().load(Path.of("gis"));
        assertThat(read).isNotNull();
        assertThat(read.loaded().atlas().id()).isEqualTo(direct.id());
        assertThat(read.loaded().atlas().version()).isEqualTo(direct.version());
        assertThat(read.loaded().atlas().layers())
                .extracting(Layer::id)
                .isEqualTo(direct.layers().stream().map(Layer::id).toList());
        assertThat(read.loaded().atlas().zones().containing(116.85, 40.55))
                .extracting(Feature::id)
                .isEqualTo(direct.zones().containing(116.85, 40.55).stream()
                        .map(Feature::id)
                        .toList());
        try (var written = Files.list(snapshots)) { // written by the preload, as a load on the main thread does
            assertThat(written.map(f -> f.getFileName().toString()))
                    .singleElement()
                    .asString()
                    .endsWith(".snapshot");
        }
    }

    @Test
    void aPreloadOfOtherPropertiesIsNotServed(@TempDir Path snapshots) {
        AtlasPreload.Started started =
                preload(Map.of("liuyu.atlas.dir", "gis", "liuyu.atlas.snapshot.dir", snapshots.toString()));

        assertThat(started.take(files(Path.of("elsewhere")), new AtlasSnapshotProperties(snapshots)))
                .isNull();
        assertThat(started.take(files(Path.of("gis")), new AtlasSnapshotProperties(snapshots.resolve("other"))))
                .isNull();
        assertThat(started.task().isDone()).isTrue(); // finished before the caller reads the atlas itself
    }

    @Test
    void aBrokenAtlasFailsWhereTheContextAsksForIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("atlas.yaml"), "atlas: {id: broken"); // not YAML
        AtlasPreload.Started started = preload(Map.of("liuyu.atlas.dir", dir.toString()));

        assertThatThrownBy(() -> started.take(files(dir), started.snapshot()))
                .isInstanceOf(AtlasLoadException.class)
                .hasMessageContaining("atlas.yaml");
        // the same failure under other properties is not this start's: it reads its own atlas
        assertThat(started.take(files(Path.of("gis")), started.snapshot())).isNull();
    }

    @Test
    void aPostgisAtlasIsNotPreloaded() {
        assertThat(preload(Map.of("liuyu.atlas.source", "postgis"))).isNull();
    }

    @Test
    @Tag("integration")
    void theServiceTakesItsAtlasFromThePreload(@TempDir Path records, CapturedOutput output) throws Exception {
        try (var context = SpringApplication.run(
                LiuyuApplication.class,
                "--server.port=0",
                "--spring.profiles.active=dev",
                "--liuyu.records.dir=" + records,
                "--spring.datasource.url=jdbc:h2:mem:AtlasPreloadTest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1")) {
            AtlasPreload.Started started = context.getBean(AtlasPreload.Started.class);
            assertThat(started.properties()).isEqualTo(context.getBean(AtlasProperties.class));
            assertThat(started.snapshot()).isEqualTo(context.getBean(AtlasSnapshotProperties.class));
            assertThat(context.getBean(AtlasStore.class).base())
                    .isSameAs(started.task().get().loaded().atlas());
            assertThat(output.getAll()).contains("while the context started");
        }
    }
}
