package liuyu.atlas;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the layer versions in PostGIS and swaps in a new snapshot when any changed. A version poll,
 * not LISTEN/NOTIFY, because it survives database restarts without reconnect logic: while the
 * database is away the service keeps answering from the snapshot it has.
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "liuyu.atlas.source", havingValue = "postgis")
public class PostgisAtlasReloader {
    private static final Logger LOG = LoggerFactory.getLogger(PostgisAtlasReloader.class);

    private final PostgisLayerSource source;
    private final AtlasStore store;

    public PostgisAtlasReloader(DataSource dataSource, AtlasStore store, AtlasProperties properties) {
        this.source = new PostgisLayerSource(dataSource, properties.skipInvalidFeatures());
        this.store = store;
    }

    @Scheduled(fixedDelayString = "${liuyu.atlas.poll-interval:5s}")
    public void poll() {
        try {
            reloadIfChanged();
        } catch (RuntimeException e) {
            LOG.warn(
                    "layer poll failed, still serving atlas version {}: {}",
                    store.current().version(),
                    e.getMessage());
        }
    }

    /** Reloads when the database's layer versions differ from the snapshot's; true if it swapped. */
    public boolean reloadIfChanged() {
        Map<String, String> inUse = new LinkedHashMap<>();
        store.base().layers().forEach(l -> inUse.put(l.id(), l.info().version()));
        if (source.versions().equals(inUse)) {
            return false;
        }
        Atlas next = source.load();
        store.replace(next);
        LOG.info("layers changed in PostGIS: now serving atlas version {}", next.version());
        return true;
    }
}
