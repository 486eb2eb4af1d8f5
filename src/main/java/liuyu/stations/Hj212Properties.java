package liuyu.stations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code liuyu.hj212.*}: the HJ 212 receiver. Off unless {@code port} is set. {@code stations} is the
 * registry file (default {@code stations.yaml} in the atlas directory).
 */
@ConfigurationProperties("liuyu.hj212")
public record Hj212Properties(
        Integer port,
        @DefaultValue("0.0.0.0") String bindAddress,
        String stations,
        @DefaultValue("2000") int maxConnections,
        @DefaultValue("15m") Duration idleTimeout,
        @DefaultValue("10s") Duration packetTimeout,
        @DefaultValue("2") int workers,
        @DefaultValue("1000") int queue,
        @DefaultValue("5") int maxRefusals,
        @DefaultValue("16") int splitMaxParts,
        @DefaultValue("100") int splitMaxPending,
        @DefaultValue("60s") Duration splitTimeout) {

    public Hj212Server.Limits limits() {
        return new Hj212Server.Limits(maxConnections, idleTimeout, packetTimeout, workers, queue, maxRefusals);
    }

    SplitMessages.Limits splitLimits() {
        return new SplitMessages.Limits(splitMaxParts, splitMaxPending, splitTimeout);
    }
}
