package liuyu.bench.atlas;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.AtlasSnapshot;
import liuyu.atlas.Feature;
import liuyu.atlas.GeneratedAtlas;
import liuyu.atlas.Layer;

/**
 * Memory of an atlas load, in its own JVM: {@code generate DIR CELLS LAYERS} writes {@code GeneratedAtlas.tiled(CELLS,
 * LAYERS, 9, 1)} as an atlas directory; {@code load DIR} loads it from the files and prints the load time, the peak
 * heap during the load (the largest heap in use after any collection while loading: live data plus what the collector
 * had not yet freed) and the heap retained by the snapshot afterwards (after full collections), per vertex; {@code load
 * DIR SNAPSHOTS} the same through the atlas's snapshot file in SNAPSHOTS (written when missing). With {@code
 * -Dhold=true} it then waits, for {@code jcmd <pid> GC.class_histogram}.
 */
public final class LoadMemory {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("generate")) {
            GeneratedAtlas.write(GeneratedAtlas.tiled(Integer.parseInt(args[2]), Integer.parseInt(args[3]), 9, 1), dir);
            try (var files = Files.list(dir)) {
                System.out.println("written: " + files.mapToLong(f -> f.toFile().length()).sum() / 1_000_000 + " MB in " + dir);
            }
            return;
        }
        long before = settledHeap();
        AtomicLong peak = new AtomicLong();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
                    peak.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        long t0 = System.nanoTime();
        // a second argument: through the snapshot file in that directory (AtlasSnapshot.loadOrBuild), as a restart
        Atlas atlas = args.length > 2
                ? AtlasSnapshot.loadOrBuild(dir, Path.of(args[2]), false).atlas()
                : new AtlasLoader().load(dir);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long retained = settledHeap() - before;
        long vertices = 0;
        long features = 0;
        for (Layer layer : atlas.layers()) {
            for (Feature f : layer.features()) {
                vertices += f.geometry().getNumPoints();
                features++;
            }
        }
        System.out.printf("features %,d, vertices %,d, pieces %,d%n", features, vertices, atlas.zones().pieceCount());
        System.out.printf("load %,d ms; peak heap after a collection during the load %,d MB; retained %,d MB = %.1f bytes/vertex;"
                + " peak/retained %.2f; max heap %,d MB%n", millis, peak.get() >> 20, retained >> 20, retained / (double) vertices,
            peak.get() / (double) retained, Runtime.getRuntime().maxMemory() >> 20);
        double[] p = GeneratedAtlas.points(1, 42)[0];
        System.out.println("first answer: " + atlas.locate(p[0], p[1]).within().size() + " zones");
        if (Boolean.getBoolean("hold")) {
            System.out.println("holding the atlas; pid " + ProcessHandle.current().pid());
            Thread.sleep(Long.MAX_VALUE);
            System.out.println(atlas.id()); // keeps the atlas reachable while held
        }
    }

    private static long settledHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
