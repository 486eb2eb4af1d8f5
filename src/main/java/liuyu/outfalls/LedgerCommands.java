package liuyu.outfalls;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import liuyu.atlas.Atlas;
import liuyu.network.RiverNetwork;
import liuyu.outfalls.LedgerException.Kind;
import liuyu.outfalls.OutfallStore.Entry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes to the outfall ledger: records, their versions and lifecycle steps, each validated (id,
 * dates, a district of the atlas, a reach of the network) and written in one transaction, after
 * which {@link LedgerQueries} is refreshed so reads and the published layer see the write.
 */
public final class LedgerCommands {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final OutfallStore store;
    private final TransactionTemplate transactions;
    private final LedgerQueries queries;
    private final Clock clock;

    public LedgerCommands(OutfallStore store, TransactionTemplate transactions, LedgerQueries queries, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.queries = queries;
        this.clock = clock;
    }

    /** The read model this refreshes after each write. */
    LedgerQueries queries() {
        return queries;
    }

    /**
     * Records a newly discovered outfall: version 1 of its record and its first step. The id is the
     * client's (a retry with the same id is refused, not doubled) or a generated one.
     */
    public Entry create(String user, Outfall draft, String reason, List<String> evidence, LocalDate discoveredOn) {
        String id = draft.id() == null ? "of-" + UUID.randomUUID().toString().substring(0, 8) : draft.id();
        if (!ID.matcher(id).matches()) {
            throw LedgerException.bad(
                    "id",
                    "an outfall id is 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        LocalDate today = queries.today();
        LocalDate on = discoveredOn == null ? today : discoveredOn;
        if (on.isAfter(today)) {
            throw LedgerException.bad("discoveredOn", on + " is after today (" + today + ")");
        }
        Instant now = clock.instant();
        Outfall first = checked(draft.as(id, 1, user, now, reason));
        write(() -> {
            if (store.latestVersion(id) > 0) {
                throw new LedgerException(
                        Kind.CONFLICT, "id", "outfall '" + id + "' is already in the ledger; edit it instead");
            }
            store.insert(first);
            store.insert(id, Lifecycle.discovered(reason, evidence, on, user, now));
        });
        return queries.require(id);
    }

    /**
     * Stores the next version of a record. {@code expectedVersion} is the version the editor saw: if
     * someone else edited meanwhile, the edit is refused rather than silently overwriting theirs.
     */
    public Entry edit(String user, String id, int expectedVersion, Outfall draft, String reason) {
        queries.require(id);
        Instant now = clock.instant();
        write(() -> {
            int latest = store.latestVersion(id);
            if (latest != expectedVersion) {
                throw new LedgerException(
                        Kind.CONFLICT,
                        "version",
                        "outfall '" + id + "' is at version " + latest + ", not " + expectedVersion
                                + ": reload it and edit again");
            }
            store.insert(checked(draft.as(id, latest + 1, user, now, reason)));
        });
        return queries.require(id);
    }

    /** Moves an outfall one step along its lifecycle, or refuses naming the states it may move to. */
    public Entry step(String user, String id, Step step) {
        queries.require(id);
        write(() -> {
            Transition last = store.lastStep(id).orElseThrow();
            store.insert(id, Lifecycle.follow(id, last, step, queries.today(), user, clock.instant()));
        });
        return queries.require(id);
    }

    /** A record with the history it already has, as an import brings it. */
    public record Imported(Outfall first, List<Transition> steps) {}

    /** Imports records with their histories in one transaction: all or none; ids already ledgered are left alone. */
    public void importAll(List<Imported> records) {
        write(() -> {
            for (Imported r : records) {
                if (store.latestVersion(r.first().id()) == 0) {
                    store.insert(checked(r.first()));
                    r.steps().forEach(s -> store.insert(r.first().id(), s));
                }
            }
        });
    }

    private void write(Runnable work) {
        try {
            transactions.executeWithoutResult(status -> work.run());
        } catch (DuplicateKeyException raced) {
            throw new LedgerException(
                    Kind.CONFLICT, "id", "another write to this outfall came first; reload it and try again");
        }
        queries.refresh();
    }

    /** Location rules: a ledger record lies in a district of the atlas, and a declared reach exists. */
    private Outfall checked(Outfall o) {
        Atlas atlas = queries.atlas();
        if (OutfallAssessment.district(atlas, o.lon(), o.lat()) == null) {
            throw new LedgerException(
                    Kind.UNPROCESSABLE,
                    "geometry",
                    "(" + o.lon() + ", " + o.lat()
                            + ") lies in no district of the atlas: the ledger holds Beijing's outfalls (beijing-outfall-supervision-2023/1.2)");
        }
        String reach = o.details().reach();
        RiverNetwork network = queries.network();
        if (reach != null && (network == null || network.reachFeature(reach) == null)) {
            throw new LedgerException(Kind.UNPROCESSABLE, "reach", "reach '" + reach + "' is not in the river network");
        }
        return o;
    }
}
