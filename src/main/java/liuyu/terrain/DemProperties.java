package liuyu.terrain;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A DEM named in the settings ({@code liuyu.terrain.dem.file} and its provenance), for services whose atlas has no
 * atlas.yaml to name one — the PostGIS profile. An atlas directory names its DEM in atlas.yaml instead; naming one in
 * both places is refused, so there is never a question which terrain answers.
 */
@ConfigurationProperties("liuyu.terrain.dem")
public record DemProperties(
        Path file, String method, String source, String licence, String accuracy, Boolean authoritative) {
    public DemProperties {
        // an empty setting (LIUYU_TERRAIN_DEM_FILE= in an environment file) means no DEM
        file = file == null || file.toString().isBlank() ? null : file;
    }
}
