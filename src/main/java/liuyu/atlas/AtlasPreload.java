package liuyu.atlas;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts reading a file atlas on its own thread before Spring parses the configuration and creates the beans, so a
 * large atlas (about 2 s from its snapshot file for 100,000 zones) is read while the context starts instead of after
 * half of it — where a core is free: on two busy cores the start is CPU-bound and this shows no gain (BENCHMARKS.md,
 * "Start-up of the service"). The {@code atlasStore} bean takes the result ({@link Started#take}); the checks and
 * the failure are the same as a load on the main thread, as it is the same call ({@link
 * AtlasConfiguration#readFiles}). Registered in {@code META-INF/spring.factories}; a PostGIS atlas is not preloaded
 * (it needs the data source).
 */
public final class AtlasPreload implements ApplicationListener<ApplicationPreparedEvent> {
    static final String BEAN = "liuyu.atlas.preload";

    /** What the preload read, and how long it took. */
    record Read(AtlasSnapshot.Loaded loaded, long millis) {}

    /** A load begun with these properties. */
    record Started(AtlasProperties properties, AtlasSnapshotProperties snapshot, FutureTask<Read> task) {
        /**
         * The atlas the preload read, when it was begun with the very properties the context bound; otherwise (a
         * property source added after the context was prepared) null, once the preload has finished, so two loads
         * never write one snapshot file at once.
         */
        Read take(AtlasProperties bound, AtlasSnapshotProperties boundSnapshot) {
            Read read;
            try {
                read = task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the atlas was being read", e);
            } catch (ExecutionException e) {
                if (!properties.equals(bound) || !snapshot.equals(boundSnapshot)) {
                    return null; // not the atlas asked for: its failure is not this start's
                }
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure; // an AtlasLoadException above all: the start-up reports its problems
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
            return properties.equals(bound) && snapshot.equals(boundSnapshot) ? read : null;
        }
    }

    /** When the context is prepared (every initializer has run, a test's properties are in) and not yet refreshed. */
    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        start(event.getApplicationContext());
    }

    static void start(ConfigurableApplicationContext context) {
        Binder binder = Binder.get(context.getEnvironment());
        AtlasProperties properties = binder.bindOrCreate("liuyu.atlas", AtlasProperties.class);
        if (properties.source() != AtlasProperties.Source.FILES) {
            return;
        }
        AtlasSnapshotProperties snapshot = binder.bindOrCreate("liuyu.atlas.snapshot", AtlasSnapshotProperties.class);
        FutureTask<Read> task = new FutureTask<>(() -> {
            long start = System.nanoTime();
            AtlasSnapshot.Loaded loaded = AtlasConfiguration.readFiles(properties, snapshot);
            return new Read(loaded, (System.nanoTime() - start) / 1_000_000);
        });
        Thread thread = new Thread(task, "atlas-preload");
        thread.setDaemon(true); // a context that fails first must not keep the JVM alive reading
        thread.start();
        context.getBeanFactory().registerSingleton(BEAN, new Started(properties, snapshot, task));
    }
}
