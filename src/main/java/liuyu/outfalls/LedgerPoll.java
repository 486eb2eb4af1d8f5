package liuyu.outfalls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * In production several instances share one PostgreSQL: each polls the ledger's stamp and reloads
 * when another instance wrote. The embedded default (one H2 file, one process) needs no poll.
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "liuyu.atlas.source", havingValue = "postgis")
public class LedgerPoll {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerPoll.class);

    private final LedgerQueries ledger;

    public LedgerPoll(LedgerQueries ledger) {
        this.ledger = ledger;
    }

    @Scheduled(fixedDelayString = "${liuyu.outfalls.poll-interval:5s}")
    public void poll() {
        try {
            if (ledger.refreshIfChanged()) {
                LOG.info(
                        "outfall ledger changed in the database: {} records",
                        ledger.entries().size());
            }
        } catch (RuntimeException e) {
            LOG.warn("outfall ledger poll failed, still serving the last snapshot: {}", e.getMessage());
        }
    }
}
