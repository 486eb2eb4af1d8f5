package liuyu.network;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The river network of the current atlas snapshot, built once per snapshot on first use: the entry
 * point for every feature that asks upstream or downstream questions (see docs/network.md).
 */
@Service
public class NetworkService {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkService.class);
    private static final int LOGGED_PROBLEMS = 20;

    private final AtlasStore atlases;
    private final NetworkProperties settings;
    private final AtomicReference<RiverNetwork> built = new AtomicReference<>();
    private volatile Refused refused;
    // the snapshot refused (by identity: a directory atlas keeps its manifest version when a layer changes)
    private volatile Atlas refusedAtlas;

    /** A later atlas snapshot whose network did not build: its version and every problem; the previous network stays in use. */
    public record Refused(String atlasVersion, List<String> problems) {
        public Refused {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Builds the network at once, so broken network data stops the service's start with every
     * problem logged, before any feature asks (liuyu.network.skip-invalid serves without the
     * invalid features, reported), instead of a healthy service answering 503 later.
     */
    public NetworkService(AtlasStore atlases, NetworkProperties settings) {
        this.atlases = atlases;
        this.settings = settings;
        try {
            current();
        } catch (NetworkImportException e) {
            e.problems().forEach(p -> LOG.error("river network: {}", p));
            throw e;
        }
    }

    /**
     * The network of {@code AtlasStore.current()}. When a later snapshot (a PostGIS reload, an admin reload)
     * brings network data with errors, the network built before stays in service, so reads never fail on it,
     * and {@link #refused()} names the snapshot and its problems; only the first build throws
     * {@link NetworkImportException}, which stops the start.
     */
    public RiverNetwork current() {
        Atlas atlas = atlases.current();
        RiverNetwork network = built.get();
        if (network != null && (network.atlas() == atlas || refusedAtlas == atlas)) {
            return network;
        }
        synchronized (this) {
            network = built.get();
            if (network != null && (network.atlas() == atlas || refusedAtlas == atlas)) {
                return network;
            }
            try {
                RiverNetwork next = build(atlas);
                built.set(next);
                refused = null;
                refusedAtlas = null;
                return next;
            } catch (NetworkImportException e) {
                if (network == null) {
                    throw e;
                }
                List<String> problems =
                        e.problems().stream().map(Problem::toString).toList();
                refused = new Refused(atlas.version(), problems);
                refusedAtlas = atlas;
                LOG.error(
                        "river network of atlas version {} refused ({} problems), still serving the network of version {}",
                        atlas.version(),
                        problems.size(),
                        network.atlas().version());
                problems.stream().limit(LOGGED_PROBLEMS).forEach(p -> LOG.error("river network: {}", p));
                return network;
            }
        }
    }

    /** The latest snapshot whose network was refused while an earlier one stays in service; null when the current one is served. */
    public Refused refused() {
        current();
        return refused;
    }

    private RiverNetwork build(Atlas atlas) {
        long start = System.nanoTime();
        RiverNetwork network = RiverNetwork.of(atlas, settings);
        LOG.info(
                "river network for atlas '{}' version {}: layer '{}' read as {} ({}), {} reaches, {} diversions, {} skipped,"
                        + " {} warnings, catchments: {}, {} ms",
                atlas.id(),
                atlas.version(),
                network.riverLayer(),
                network.form().code(),
                network.formReason(),
                network.network().size(),
                network.network().diversionCount(),
                network.skipped().size(),
                network.problems().size(),
                network.hasCatchments() ? "yes" : "none",
                (System.nanoTime() - start) / 1_000_000);
        // a ledger of thousands of outfalls far from the mapped rivers must not flood the log on every rebuild
        List<Problem> problems = network.problems();
        problems.stream().limit(LOGGED_PROBLEMS).forEach(p -> LOG.warn("river network: {}", p));
        if (problems.size() > LOGGED_PROBLEMS) {
            LOG.warn("river network: {} more warnings not logged", problems.size() - LOGGED_PROBLEMS);
        }
        return network;
    }
}
