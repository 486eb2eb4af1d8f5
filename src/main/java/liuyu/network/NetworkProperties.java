package liuyu.network;

import java.util.List;
import liuyu.atlas.AtlasSchema;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code liuyu.network.*}: which atlas line layer is the river network and in which form its
 * attributes are ({@code auto} detects and says so), whether invalid features are skipped (and
 * reported) instead of refusing the network, which polygon layer holds reach catchments and which
 * property keys them, which point properties declare a reach, how far a point may lie from a reach
 * and still be linked to it, and how close line ends must be to be joined when the layer carries no
 * topology attributes.
 */
@ConfigurationProperties("liuyu.network")
public record NetworkProperties(
        @DefaultValue(AtlasSchema.RIVERS) String layer,
        @DefaultValue(AtlasSchema.CATCHMENTS) String catchmentLayer,
        @DefaultValue("1000") double linkToleranceM,
        @DefaultValue("5") double snapToleranceM,
        @DefaultValue("auto") String form,
        @DefaultValue("false") boolean skipInvalid,
        @DefaultValue({"reach", "comid"}) List<String> reachProperties,

        @DefaultValue({"reach", "featureid", "comid", "nhdplusid"})
        List<String> catchmentKeys) {

    @ConstructorBinding
    public NetworkProperties {
        reachProperties = List.copyOf(reachProperties);
        catchmentKeys = List.copyOf(catchmentKeys);
    }

    /** The defaults for form, skipping and keys. */
    public NetworkProperties(String layer, String catchmentLayer, double linkToleranceM, double snapToleranceM) {
        this(
                layer,
                catchmentLayer,
                linkToleranceM,
                snapToleranceM,
                "auto",
                false,
                List.of("reach", "comid"),
                List.of("reach", "featureid", "comid", "nhdplusid"));
    }
}
