package liuyu.stations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import liuyu.atlas.AtlasProperties;
import liuyu.outfalls.LedgerQueries;
import liuyu.quality.ObservationStore;
import liuyu.quality.Sections;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stations feature: the packet log always (it is read over HTTP), the registry and the HJ 212
 * listener only when {@code liuyu.hj212.port} is set. A registry that names an unknown site stops start-up.
 */
@Configuration(proxyBeanMethods = false)
public class StationsConfiguration {

    @Bean
    PacketLog packetLog(JdbcTemplate jdbc) {
        return new PacketLog(jdbc);
    }

    @Bean
    @ConditionalOnProperty("liuyu.hj212.port")
    StationRegistry stationRegistry(
            Hj212Properties properties, AtlasProperties atlas, Sections sections, LedgerQueries outfalls) {
        Path file =
                properties.stations() == null ? atlas.dir().resolve("stations.yaml") : Path.of(properties.stations());
        return StationRegistry.read(
                file,
                (kind, site) -> kind.equals("section")
                        ? sections.byId(site).isPresent()
                        : outfalls.entry(site).isPresent());
    }

    @Bean
    @ConditionalOnProperty("liuyu.hj212.port")
    Receiver hj212Receiver(
            Hj212Properties properties,
            StationRegistry registry,
            ObservationStore store,
            PacketLog log,
            TransactionTemplate transactions) {
        return new Receiver(
                new Hj212Intake(registry, store, log, transactions, Clock.systemUTC(), properties.splitLimits()),
                properties);
    }

    /** Starts the listener with the application and stops it before the database goes. */
    public static final class Receiver implements SmartLifecycle {
        private final Hj212Intake intake;
        private final Hj212Properties properties;
        private volatile Hj212Server server;

        Receiver(Hj212Intake intake, Hj212Properties properties) {
            this.intake = intake;
            this.properties = properties;
        }

        @Override
        public void start() {
            try {
                server = Hj212Server.start(
                        intake,
                        properties.limits(),
                        new InetSocketAddress(properties.bindAddress(), properties.port()));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "the HJ 212 receiver cannot listen on " + properties.bindAddress() + ":" + properties.port()
                                + " (liuyu.hj212.port)",
                        e);
            }
        }

        @Override
        public void stop() {
            if (server != null) {
                server.close();
                server = null;
            }
        }

        @Override
        public boolean isRunning() {
            return server != null;
        }

        /**
         * Sends a platform command to a connected station and logs it; refused with {@link StationCommandException}
         * when the station is not registered or not connected now.
         */
        public Hj212Intake.Sent command(String mn, Hj212Intake.Command command, String polId, String user) {
            Hj212Server s = server;
            if (s == null || !s.connected(mn)) {
                throw new StationCommandException(
                        mn, "station " + mn + " is not connected now; a command goes to a connected station only");
            }
            Hj212Intake.Sent sent = intake.command(mn, command, polId, user, packet -> s.send(mn, packet));
            if (sent == null) {
                throw new StationCommandException(
                        mn, "station " + mn + " is not connected now; a command goes to a connected station only");
            }
            return sent;
        }

        /** The port listened on (the one chosen when the setting is 0). */
        public int port() {
            return server.port();
        }
    }
}
