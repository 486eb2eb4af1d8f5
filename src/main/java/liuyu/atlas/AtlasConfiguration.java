package liuyu.atlas;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the atlas at start-up; a broken atlas stops the service with the loader's message. */
@Configuration(proxyBeanMethods = false)
public class AtlasConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(AtlasConfiguration.class);

    @Bean
    AtlasStore atlasStore(
            AtlasProperties properties,
            AtlasSnapshotProperties snapshot,
            ObjectProvider<DataSource> dataSource,
            ObjectProvider<AtlasPreload.Started> preload) {
        long start = System.nanoTime();
        Atlas atlas;
        Path snapshotFile = null;
        String how = "";
        try {
            atlas = switch (properties.source()) {
                case FILES -> {
                    AtlasPreload.Started started = preload.getIfAvailable();
                    AtlasPreload.Read read = started == null ? null : started.take(properties, snapshot);
                    if (read != null) {
                        how = " (read in " + read.millis() + " ms while the context started)";
                    }
                    AtlasSnapshot.Loaded loaded = read == null ? readFiles(properties, snapshot) : read.loaded();
                    warnSkipped(loaded);
                    snapshotFile = loaded.fromSnapshot();
                    yield loaded.atlas();
                }
                case POSTGIS -> new PostgisLayerSource(dataSource.getObject(), properties.skipInvalidFeatures()).load();
            };
        } catch (AtlasLoadException e) {
            // listed once by AtlasFailureAnalyzer, not inside every log line Spring writes about the failed start
            throw new AtlasStartupException(
                    properties.source() == AtlasProperties.Source.FILES
                            ? "in " + properties.dir().toAbsolutePath()
                            : "in PostGIS",
                    e);
        }
        LOG.info(
                "atlas '{}' version {} loaded from {}: {} layers, {} zones in {} index pieces, {} ms{}",
                atlas.id(),
                atlas.version(),
                properties.source() == AtlasProperties.Source.POSTGIS
                        ? "PostGIS"
                        : snapshotFile == null
                                ? properties.dir().toAbsolutePath()
                                : properties.dir().toAbsolutePath() + " (snapshot file " + snapshotFile + ")",
                atlas.layers().size(),
                atlas.zones().zoneCount(),
                atlas.zones().pieceCount(),
                (System.nanoTime() - start) / 1_000_000,
                how);
        // a missing layer is said once, here, with the features that go without it (they answer without it, not fail)
        AtlasSchema.missing(atlas).forEach(line -> LOG.warn("atlas '{}': {}", atlas.id(), line));
        return new AtlasStore(atlas);
    }

    /** A file atlas, through its snapshot file when one is kept; called by {@link AtlasPreload} on its thread. */
    static AtlasSnapshot.Loaded readFiles(AtlasProperties properties, AtlasSnapshotProperties snapshot) {
        if (snapshot.enabled()) {
            return AtlasSnapshot.loadOrBuild(properties.dir(), snapshot.dir(), properties.skipInvalidFeatures());
        }
        AtlasLoader loader = new AtlasLoader(properties.skipInvalidFeatures());
        return new AtlasSnapshot.Loaded(loader.load(properties.dir()), loader.skipped(), null);
    }

    private static void warnSkipped(AtlasSnapshot.Loaded loaded) {
        if (loaded.fromSnapshot() != null) {
            // the loader logged each as it read the files; from a snapshot they are said here
            loaded.skipped()
                    .forEach(f -> LOG.warn("layer '{}': feature '{}' skipped: {}", f.layer(), f.feature(), f.reason()));
        }
        if (!loaded.skipped().isEmpty()) {
            LOG.warn(
                    "atlas loaded WITHOUT {} invalid features (liuyu.atlas.skip-invalid-features=true), each logged above",
                    loaded.skipped().size());
        }
    }
}
