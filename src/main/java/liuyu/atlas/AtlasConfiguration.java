package liuyu.atlas;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the atlas at start-up; a broken atlas stops the service with the loader's message. */
@Configuration(proxyBeanMethods = false)
public class AtlasConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(AtlasConfiguration.class);

    @Bean
    AtlasStore atlasStore(AtlasProperties properties) {
        long start = System.nanoTime();
        Atlas atlas = new AtlasLoader().load(properties.dir());
        LOG.info("atlas '{}' version {} loaded from {}: {} layers, {} zones in {} index pieces, {} ms",
            atlas.id(), atlas.version(), properties.dir().toAbsolutePath(), atlas.layers().size(),
            atlas.zones().zoneCount(), atlas.zones().pieceCount(), (System.nanoTime() - start) / 1_000_000);
        return new AtlasStore(atlas);
    }
}
