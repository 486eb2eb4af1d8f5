package liuyu.outfalls;

import java.time.Clock;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Layer;
import liuyu.deploy.Deployment;
import liuyu.network.NetworkService;
import liuyu.quality.ObservationService;
import liuyu.rules.ProjectChecker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outfall ledger on the records database. At start-up an empty ledger is filled from the
 * atlas's outfalls layer ({@code liuyu.outfalls.seed-from-atlas}, default true; synthetic history only
 * in demo mode, see {@link Deployment}), and the ledger then replaces that layer in every atlas snapshot.
 */
@Configuration(proxyBeanMethods = false)
public class OutfallsConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(OutfallsConfiguration.class);

    @ConfigurationProperties("liuyu.outfalls")
    public record OutfallsProperties(@DefaultValue("true") boolean seedFromAtlas) {}

    @Bean
    OutfallStore outfallStore(JdbcTemplate jdbc, JsonMapper json) {
        return new OutfallStore(JdbcClient.create(jdbc), json);
    }

    /** The ledger's writes, on a read model loaded from the database; an empty ledger is seeded here. */
    @Bean
    LedgerCommands ledgerCommands(
            OutfallStore store,
            TransactionTemplate transactions,
            AtlasStore atlases,
            NetworkService networks,
            ProjectChecker checker,
            OutfallsProperties properties,
            Deployment deployment) {
        Clock clock = Clock.systemUTC();
        LedgerQueries ledger = new LedgerQueries(store, atlases, networks, checker, clock);
        ledger.refresh();
        LedgerCommands commands = new LedgerCommands(store, transactions, ledger, clock);
        Layer base = atlases.base().layer(AtlasSchema.OUTFALLS);
        if (properties.seedFromAtlas() && base != null && ledger.entries().isEmpty()) {
            LedgerSeed.Seeded seeded =
                    LedgerSeed.seed(commands, ledger, base, clock.instant(), deployment.seedsSyntheticData());
            // say what was seeded by each feature's own method, not the layer's: a user's surveyed outfalls are not
            // "synthetic"
            long synthetic = deployment.seedsSyntheticData()
                    ? base.features().stream()
                            .filter(f -> f.provenance().method() == liuyu.atlas.Method.SYNTHETIC)
                            .count()
                    : 0;
            LOG.info(
                    "outfall ledger was empty: seeded {} records from the atlas layer '{}'{}",
                    seeded.records(),
                    base.id(),
                    synthetic == 0
                            ? ""
                            : " (" + synthetic + " of them synthetic demo outfalls, with a synthetic history)");
            if (seeded.skippedSynthetic() > 0) {
                LOG.warn(
                        "outfall ledger: {} features of layer '{}' are labelled synthetic and were not seeded: this is not the demo",
                        seeded.skippedSynthetic(),
                        base.id());
            }
        }
        LOG.info("outfall ledger: {} records", ledger.entries().size());
        return commands;
    }

    /** The read model the commands refresh, taken from them so no reader can see the ledger before it is seeded. */
    @Bean
    LedgerQueries ledgerQueries(LedgerCommands commands) {
        return commands.queries();
    }

    @Bean
    Supervision supervision(LedgerQueries ledger, ObservationService observations) {
        return new Supervision(ledger, observations);
    }
}
