package liuyu.atlas;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the atlas snapshot files are kept ({@code liuyu.atlas.snapshot.dir}, default {@code
 * ${liuyu.records.dir}/atlas-snapshots}, beside the records and never in the atlas directory): one file per atlas
 * directory, for a file atlas only. Empty turns snapshots off: every start reads the GeoJSON.
 */
@ConfigurationProperties("liuyu.atlas.snapshot")
public record AtlasSnapshotProperties(Path dir) {
    /** True when a directory is set. */
    public boolean enabled() {
        return dir != null && !dir.toString().isBlank();
    }
}
