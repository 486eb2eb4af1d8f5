package liuyu.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.AtlasProperties;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.PostgisLayerSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/atlas/reload} (role ADMIN): reads the atlas again with the start-up checks, all or
 * nothing. After {@code liuyu import} into an atlas directory, this puts the new layer in service without
 * a restart; a broken atlas is refused (422, every problem listed) and the service keeps its snapshot.
 */
@RestController
public class AtlasReloadController {
    private static final Logger LOG = LoggerFactory.getLogger(AtlasReloadController.class);

    private final AtlasProperties properties;
    private final AtlasStore store;
    private final ObjectProvider<DataSource> dataSource;

    public AtlasReloadController(AtlasProperties properties, AtlasStore store, ObjectProvider<DataSource> dataSource) {
        this.properties = properties;
        this.store = store;
        this.dataSource = dataSource;
    }

    @PostMapping("/admin/atlas/reload")
    public synchronized Map<String, Object> reload() {
        // a refusal (AtlasLoadException) leaves the previous snapshot in place: ProblemHandler answers it
        Atlas next;
        List<AtlasLoader.SkippedFeature> skipped;
        if (properties.source() == AtlasProperties.Source.FILES) {
            AtlasLoader loader = new AtlasLoader(properties.skipInvalidFeatures());
            next = loader.load(properties.dir());
            skipped = loader.skipped();
        } else {
            PostgisLayerSource source =
                    new PostgisLayerSource(dataSource.getObject(), properties.skipInvalidFeatures());
            next = source.load();
            skipped = source.skipped();
        }
        store.replace(next);
        LOG.info(
                "atlas reloaded on request: version {} with {} layers",
                next.version(),
                next.layers().size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("atlasVersion", next.version());
        body.put(
                "layers",
                next.layers().stream()
                        .map(l -> Map.of(
                                "id",
                                l.id(),
                                "version",
                                l.info().version(),
                                "features",
                                l.features().size()))
                        .toList());
        if (!skipped.isEmpty()) {
            body.put(
                    "skippedFeatures",
                    skipped); // liuyu.atlas.skip-invalid-features=true: left out, each with its reason
        }
        return body;
    }
}
