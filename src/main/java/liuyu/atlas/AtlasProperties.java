package liuyu.atlas;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the atlas comes from: {@code liuyu.atlas.source=files} reads {@code liuyu.atlas.dir} (default
 * {@code gis}, the bundled demo atlas); {@code postgis} reads the layer tables of the configured
 * database and polls their versions every {@code liuyu.atlas.poll-interval} to pick up edits.
 * {@code liuyu.atlas.skip-invalid-features=true} leaves out (and logs, layer, feature id and reason) each
 * feature that fails the checks instead of refusing the whole atlas with the list of them.
 */
@ConfigurationProperties("liuyu.atlas")
public record AtlasProperties(
        @DefaultValue("gis") Path dir,
        @DefaultValue("files") Source source,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("false") boolean skipInvalidFeatures) {
    public enum Source {
        FILES,
        POSTGIS
    }
}
