package liuyu.network;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code liuyu.network.*}: which atlas line layer is the river network, which polygon layer holds
 * reach catchments (property {@code reach}) for basins, how far a point may lie from a reach and
 * still be linked to it, and how close line ends must be to be joined when the layer carries no
 * topology attributes.
 */
@ConfigurationProperties("liuyu.network")
public record NetworkProperties(@DefaultValue("rivers") String layer,
                                @DefaultValue("catchments") String catchmentLayer,
                                @DefaultValue("1000") double linkToleranceM,
                                @DefaultValue("5") double snapToleranceM) {
}
