package liuyu.atlas;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the atlas comes from: {@code liuyu.atlas.source=files} reads {@code liuyu.atlas.dir} (default
 * {@code gis}, the bundled demo atlas); {@code postgis} reads the layer tables of the configured
 * database and polls their versions every {@code liuyu.atlas.poll-interval} to pick up edits.
 */
@ConfigurationProperties("liuyu.atlas")
public record AtlasProperties(@DefaultValue("gis") Path dir, @DefaultValue("files") Source source,
                              @DefaultValue("5s") Duration pollInterval) {
    public enum Source { FILES, POSTGIS }
}
