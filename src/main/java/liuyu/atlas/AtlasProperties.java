package liuyu.atlas;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code liuyu.atlas.dir}: the atlas directory to serve (default {@code gis}, the bundled demo atlas). */
@ConfigurationProperties("liuyu.atlas")
public record AtlasProperties(@DefaultValue("gis") Path dir) {
}
