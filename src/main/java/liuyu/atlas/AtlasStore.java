package liuyu.atlas;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current snapshot; readers take it once per request, writers swap it atomically. Layers
 * the service keeps itself (the outfall ledger) are overlaid on every base snapshot, whether it came
 * from files or from PostGIS, so a reload never drops them.
 */
public final class AtlasStore {
    private final AtomicReference<Atlas> current;
    private final Map<String, Layer> overlays = new LinkedHashMap<>();
    private Atlas base;

    public AtlasStore(Atlas initial) {
        this.base = initial;
        this.current = new AtomicReference<>(initial);
    }

    public Atlas current() {
        return current.get();
    }

    /** The snapshot as its source gave it, without overlays: what a source compares itself against. */
    public synchronized Atlas base() {
        return base;
    }

    public synchronized void replace(Atlas next) {
        base = next;
        current.set(base.with(overlays.values()));
    }

    /** Puts {@code layer} in place of the base layer of the same id, in this and every later snapshot. */
    public synchronized void overlay(Layer layer) {
        overlays.put(layer.id(), layer);
        current.set(base.with(overlays.values()));
    }
}
