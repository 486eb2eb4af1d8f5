package liuyu.atlas;

import java.util.concurrent.atomic.AtomicReference;

/** Holds the current snapshot; readers take it once per request, writers swap it atomically. */
public final class AtlasStore {
    private final AtomicReference<Atlas> current;

    public AtlasStore(Atlas initial) {
        this.current = new AtomicReference<>(initial);
    }

    public Atlas current() {
        return current.get();
    }

    public void replace(Atlas next) {
        current.set(next);
    }
}
