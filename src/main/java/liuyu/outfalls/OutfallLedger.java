package liuyu.outfalls;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Layer;
import liuyu.atlas.LayerInfo;
import liuyu.geo.BeijingTime;
import liuyu.network.NetworkService;
import liuyu.network.RiverNetwork;
import liuyu.outfalls.LedgerException.Kind;
import liuyu.outfalls.OutfallStore.Entry;
import liuyu.rules.ProjectChecker;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outfall ledger: records, their versions and lifecycles in the database, and a snapshot of
 * the whole ledger in memory that reads answer from and that is published as the atlas layer
 * {@value #LAYER} (so the OGC API, /layers and network navigation all see the ledger). Every
 * write is one transaction; the snapshot is rebuilt after it.
 */
public final class OutfallLedger {
    public static final String LAYER = AtlasSchema.OUTFALLS;
    /** Dates of the ledger (field dates, report years) are Beijing's. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final OutfallStore store;
    private final TransactionTemplate transactions;
    private final AtlasStore atlases;
    private final NetworkService networks;
    private final ProjectChecker checker;
    private final Clock clock;
    private final LayerInfo seedLayer;
    private final AtomicReference<Map<String, Entry>> snapshot = new AtomicReference<>(Map.of());
    private volatile String stamp = "";

    public OutfallLedger(
            OutfallStore store,
            TransactionTemplate transactions,
            AtlasStore atlases,
            NetworkService networks,
            ProjectChecker checker,
            Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.atlases = atlases;
        this.networks = networks;
        this.checker = checker;
        this.clock = clock;
        Layer base = atlases.base().layer(LAYER);
        this.seedLayer = base == null ? null : base.info();
    }

    public LocalDate today() {
        return BeijingTime.today(clock);
    }

    /** Every record at its latest version, in id order. */
    public Collection<Entry> entries() {
        return snapshot.get().values();
    }

    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(snapshot.get().get(id));
    }

    public Entry require(String id) {
        return entry(id)
                .orElseThrow(() -> new LedgerException(Kind.NOT_FOUND, "id", "no outfall '" + id + "' in the ledger"));
    }

    public List<Outfall> versions(String id) {
        require(id);
        return store.versions(id);
    }

    /** One page of a record's versions, oldest first; {@link #latestVersion} says how many there are (versions count from 1). */
    public List<Outfall> versions(String id, int limit, long offset) {
        require(id);
        return store.versions(id, limit, offset);
    }

    /** How many versions a record has (0 if unknown). */
    public int latestVersion(String id) {
        return store.latestVersion(id);
    }

    /** The atlas snapshot the ledger's places are read from. */
    public Atlas atlas() {
        return atlases.current();
    }

    /** District, reach, authorities and compliance flags of a record where it lies now. */
    public OutfallAssessment assess(Outfall o) {
        return OutfallAssessment.of(o, atlases.current(), network(), checker, today());
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
        LocalDate on = discoveredOn == null ? today() : discoveredOn;
        if (on.isAfter(today())) {
            throw LedgerException.bad("discoveredOn", on + " is after today (" + today() + ")");
        }
        Instant now = clock.instant();
        Outfall first = checked(new Outfall(
                id,
                1,
                draft.nameZh(),
                draft.nameEn(),
                draft.type(),
                draft.lon(),
                draft.lat(),
                draft.normallyFlowing(),
                draft.details(),
                draft.provenance(),
                user,
                now,
                reason));
        write(() -> {
            if (store.latestVersion(id) > 0) {
                throw new LedgerException(
                        Kind.CONFLICT, "id", "outfall '" + id + "' is already in the ledger; edit it instead");
            }
            store.insert(first);
            store.insert(id, Lifecycle.discovered(reason, evidence, on, user, now));
        });
        return require(id);
    }

    /**
     * Stores the next version of a record. {@code expectedVersion} is the version the editor saw: if
     * someone else edited meanwhile, the edit is refused rather than silently overwriting theirs.
     */
    public Entry edit(String user, String id, int expectedVersion, Outfall draft, String reason) {
        require(id);
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
            store.insert(checked(new Outfall(
                    id,
                    latest + 1,
                    draft.nameZh(),
                    draft.nameEn(),
                    draft.type(),
                    draft.lon(),
                    draft.lat(),
                    draft.normallyFlowing(),
                    draft.details(),
                    draft.provenance(),
                    user,
                    now,
                    reason)));
        });
        return require(id);
    }

    /** Moves an outfall one step along its lifecycle, or refuses naming the states it may move to. */
    public Entry step(String user, String id, Step step) {
        require(id);
        write(() -> {
            Transition last = store.lastStep(id).orElseThrow();
            store.insert(id, Lifecycle.follow(id, last, step, today(), user, clock.instant()));
        });
        return require(id);
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

    /** Reloads the snapshot from the database and publishes it as the atlas layer. */
    public synchronized void refresh() {
        String now = store.stamp();
        Map<String, Entry> next = new LinkedHashMap<>();
        for (Entry e : store.all()) {
            next.put(e.outfall().id(), e);
        }
        snapshot.set(next);
        stamp = now;
        if (!next.isEmpty() || atlases.base().layer(LAYER) != null) {
            // an atlas without outfalls and an empty ledger get no outfalls layer at all
            atlases.overlay(OutfallLayer.of(next.values(), "ledger-" + now, atlases.current(), seedLayer));
        }
    }

    /**
     * Reloads when another instance has written to the shared database since the last load (the
     * stamp counts rows, which are only ever added); true if it reloaded.
     */
    public boolean refreshIfChanged() {
        if (store.stamp().equals(stamp)) {
            return false;
        }
        refresh();
        return true;
    }

    private void write(Runnable work) {
        try {
            transactions.executeWithoutResult(status -> work.run());
        } catch (DuplicateKeyException raced) {
            throw new LedgerException(
                    Kind.CONFLICT, "id", "another write to this outfall came first; reload it and try again");
        }
        refresh();
    }

    /** Location rules: a ledger record lies in a district of the atlas, and a declared reach exists. */
    private Outfall checked(Outfall o) {
        Atlas atlas = atlases.current();
        if (OutfallAssessment.district(atlas, o.lon(), o.lat()) == null) {
            throw new LedgerException(
                    Kind.UNPROCESSABLE,
                    "geometry",
                    "(" + o.lon() + ", " + o.lat()
                            + ") lies in no district of the atlas: the ledger holds Beijing's outfalls (beijing-outfall-supervision-2023/1.2)");
        }
        String reach = o.details().reach();
        RiverNetwork network = network();
        if (reach != null && (network == null || network.reachFeature(reach) == null)) {
            throw new LedgerException(Kind.UNPROCESSABLE, "reach", "reach '" + reach + "' is not in the river network");
        }
        return o;
    }

    private RiverNetwork network() {
        try {
            return networks.current();
        } catch (RuntimeException broken) {
            return null; // no usable network: outfalls are still ledgered, just not linked
        }
    }
}
