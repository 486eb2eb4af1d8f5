package liuyu.bench.atlas;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.AtlasSnapshot;
import liuyu.atlas.GeneratedAtlas;

/**
 * Start-up to first answer, in its own JVM: {@code files DIR} loads the atlas directory from its GeoJSON, {@code
 * snapshot DIR SNAPSHOTS} through its snapshot file (built on the first run, reused afterwards); both then answer
 * one point-in-zone question and print the time from the JVM's start to that answer, and the load alone.
 */
public final class SnapshotStartup {
    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Atlas atlas;
        String how;
        if (args[0].equals("files")) {
            atlas = new AtlasLoader().load(Path.of(args[1]));
            how = "from the GeoJSON files";
        } else {
            AtlasSnapshot.Loaded loaded = AtlasSnapshot.loadOrBuild(Path.of(args[1]), Path.of(args[2]), false);
            atlas = loaded.atlas();
            how = loaded.fromSnapshot() == null ? "from the files, snapshot written" : "from the snapshot file";
        }
        double[] p = GeneratedAtlas.points(1, 42)[0];
        int zones = atlas.locate(p[0], p[1]).within().size();
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        // CPU time of the whole JVM (every thread, the collector's and the compiler's included): on a shared
        // machine it depends far less on the other processes than the wall time does
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        System.out.printf(
                "%s: load %,d ms; JVM start to first answer (%d zones) %,d ms, CPU time %,d ms; %,d zones%n",
                how,
                (System.nanoTime() - t0) / 1_000_000,
                zones,
                sinceJvmStart,
                cpu / 1_000_000,
                atlas.zones().zoneCount());
    }
}
