package liuyu.outfalls;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasStore;
import liuyu.geo.BeijingTime;
import liuyu.network.NetworkService;
import liuyu.network.RiverNetwork;
import liuyu.outfalls.LedgerException.Kind;
import liuyu.outfalls.OutfallStore.Entry;
import liuyu.rules.ProjectChecker;

/**
 * The ledger as read: a snapshot of every record at its latest version, answered from memory and
 * published as the atlas layer by {@link OutfallLayer} on each {@link #refresh}. Writes go through
 * {@link LedgerCommands}, which refreshes this after each transaction.
 */
public final class LedgerQueries {
    private final OutfallStore store;
    private final AtlasStore atlases;
    private final NetworkService networks;
    private final ProjectChecker checker;
    private final Clock clock;
    private final OutfallLayer layer;
    private final AtomicReference<Map<String, Entry>> snapshot = new AtomicReference<>(Map.of());
    private volatile String stamp = "";

    public LedgerQueries(
            OutfallStore store, AtlasStore atlases, NetworkService networks, ProjectChecker checker, Clock clock) {
        this.store = store;
        this.atlases = atlases;
        this.networks = networks;
        this.checker = checker;
        this.clock = clock;
        this.layer = new OutfallLayer(atlases);
    }

    /** Dates of the ledger (field dates, report years) are Beijing's. */
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

    /** Reloads the snapshot from the database and publishes it as the atlas layer. */
    public synchronized void refresh() {
        String now = store.stamp();
        Map<String, Entry> next = new LinkedHashMap<>();
        for (Entry e : store.all()) {
            next.put(e.outfall().id(), e);
        }
        snapshot.set(next);
        stamp = now;
        layer.publish(next.values(), "ledger-" + now);
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

    /** The current river network, or null when none can be built: outfalls are still ledgered, just not linked. */
    RiverNetwork network() {
        try {
            return networks.current();
        } catch (RuntimeException broken) {
            return null;
        }
    }
}
