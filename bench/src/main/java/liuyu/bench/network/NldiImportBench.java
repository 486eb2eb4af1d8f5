package liuyu.bench.network;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.network.GeneratedNetwork;
import liuyu.network.Mode;
import liuyu.network.Network;
import liuyu.network.NetworkFiles;
import liuyu.network.Reach;
import liuyu.network.Reached;
import liuyu.postgis.PostgisCluster;
import org.postgresql.PGConnection;

/**
 * Import of a million-flowline NHDPlus-style network from files (flowlines GeoJSON + PlusFlowlineVAA
 * CSV joined by COMID: wall time and peak heap), then NLDI-mode navigation on it against NLDI's own
 * recursive CTEs over the same VAA table in PostgreSQL, in the same run, after checking that both give
 * the same reaches. Run: {@code java -Xmx8g -cp bench/target/benchmarks.jar liuyu.bench.network.NldiImportBench
 * [FLOWLINES] [--import-only]} (default 1,000,000; {@code --import-only} skips the PostgreSQL comparison).
 */
public final class NldiImportBench {
    static final int FLOWLINES = 1_000_000;
    static final double DISTANCE_KM = 50;

    // NLDI's navigation queries (nldi-services navigate.xml), on a table of the VAA columns they read
    static final String UT = """
        WITH RECURSIVE nav(comid, hydroseq, stoplength) AS (
          SELECT comid, hydroseq, pathlength + ? FROM vaa WHERE comid = ?
          UNION
          SELECT x.comid, x.hydroseq, nav.stoplength FROM vaa x, nav
           WHERE (x.dnhydroseq = nav.hydroseq OR (x.dnminorhyd <> 0 AND x.dnminorhyd = nav.hydroseq))
             AND x.pathlength <= nav.stoplength
        ) SELECT comid FROM nav""";
    static final String DD = """
        WITH RECURSIVE nav(comid, dnhydroseq, dnminorhyd, stoplength, terminalflag) AS (
          SELECT comid, dnhydroseq, dnminorhyd, pathlength + lengthkm - ?, terminalflag FROM vaa WHERE comid = ?
          UNION
          SELECT x.comid, x.dnhydroseq, x.dnminorhyd, nav.stoplength, x.terminalflag FROM vaa x, nav
           WHERE (x.hydroseq = nav.dnhydroseq OR (nav.dnminorhyd <> 0 AND x.hydroseq = nav.dnminorhyd))
             AND nav.terminalflag <> 1 AND x.pathlength + x.lengthkm >= nav.stoplength
        ) SELECT comid FROM nav""";

    public static void main(String[] args) throws Exception {
        int flowlineCount = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : FLOWLINES;
        boolean importOnly = List.of(args).contains("--import-only");
        Path dir = Files.createTempDirectory("nldi-bench");
        List<Reach> reaches = GeneratedNetwork.withDiversions(10, flowlineCount / 10, 2000, 11);
        Path flowlines = dir.resolve("flowlines.geojson");
        Path vaa = dir.resolve("vaa.csv");
        long[] comid = write(reaches, flowlines, vaa);
        System.out.printf("generated %d flowlines (%d diversions): %s %d MB, %s %d MB%n", reaches.size(), 2000, flowlines,
            Files.size(flowlines) >> 20, vaa, Files.size(vaa) >> 20);

        // the generator's reach list is not part of an import: dropped before measuring
        reaches = null;
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        Provenance provenance = new Provenance(Method.SYNTHETIC, "bench", "CC0-1.0", "generated", false);
        NetworkFiles.Result result = new NetworkFiles(5).read(flowlines, vaa, null, false, provenance);
        double readS = (System.nanoTime() - t0) / 1e9;
        // as import-network --out= does: the layer file written after the network is built
        Path layer = dir.resolve("rivers.geojson");
        try (java.io.OutputStream out = Files.newOutputStream(layer)) {
            NetworkFiles.write(result, new NetworkFiles.LayerSpec("rivers", "Rivers", "河流", provenance), out);
        }
        double importS = (System.nanoTime() - t0) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        Network net = result.imported().network();
        System.out.printf("import: %.1f s wall (read and build %.1f s, layer file %d MB written %.1f s), peak heap %d MB"
                + " (sum of pool peaks), form %s, %d reaches, %d diversions, %d warnings%n",
            importS, readS, Files.size(layer) >> 20, importS - readS, peak >> 20, result.imported().form().code(),
            net.size(), net.diversionCount(), result.imported().warnings().size());
        result = null;
        Files.delete(layer);

        if (importOnly) {
            Files.delete(flowlines);
            Files.delete(vaa);
            Files.delete(dir);
            return;
        }
        try (Connection db = PostgisCluster.shared().connect()) {
            load(db, vaa);
            compare(db, net, comid);
        }
        Files.delete(flowlines);
        Files.delete(vaa);
        Files.delete(dir);
    }

    /** flowlines as GeoJSON (COMID and a synthetic two-point line), the VAA as CSV, both NHDPlus-shaped */
    private static long[] write(List<Reach> reaches, Path flowlines, Path vaaFile) throws Exception {
        int n = reaches.size();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(reaches.get(i).id(), i);
        }
        // downstream links always point earlier in the list: hydroseq n - i grows upstream, path lengths fill forward
        long[] comid = new long[n];
        double[] path = new double[n];
        for (int i = 0; i < n; i++) {
            comid[i] = 1_000_000L + i;
            String d = reaches.get(i).downstream();
            path[i] = d == null ? 0 : path[index.get(d)] + reaches.get(index.get(d)).lengthM() / 1000;
        }
        try (BufferedWriter f = Files.newBufferedWriter(flowlines, StandardCharsets.UTF_8);
             BufferedWriter v = Files.newBufferedWriter(vaaFile, StandardCharsets.UTF_8)) {
            f.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            v.write("ComID,Hydroseq,DnHydroseq,DnMinorHyd,LevelPathI,LengthKM,Pathlength,TerminalFl\n");
            for (int i = 0; i < n; i++) {
                Reach r = reaches.get(i);
                double x = -90 + (i % 1000) * 0.01;
                double y = 35 + (i / 1000) * 0.01;
                f.write((i == 0 ? "" : ",\n") + "{\"type\":\"Feature\",\"properties\":{\"COMID\":" + comid[i]
                    + ",\"GNIS_NAME\":\"\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[" + x + "," + y + "],["
                    + (x + 0.005) + "," + (y + 0.005) + "]]}}");
                long down = r.downstream() == null ? 0 : n - index.get(r.downstream());
                long minor = r.diversions().isEmpty() ? 0 : n - index.get(r.diversions().get(0));
                v.write(comid[i] + "," + (n - i) + "," + down + "," + minor + ",," + r.lengthM() / 1000 + "," + path[i] + ","
                    + (r.downstream() == null ? 1 : 0) + "\n");
            }
            f.write("\n]}\n");
        }
        return comid;
    }

    private static void load(Connection db, Path vaa) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS vaa");
            s.execute("CREATE TABLE vaa (comid bigint PRIMARY KEY, hydroseq bigint NOT NULL, dnhydroseq bigint NOT NULL,"
                + " dnminorhyd bigint NOT NULL, levelpathid bigint, lengthkm float8, pathlength float8, terminalflag int)");
        }
        db.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY vaa FROM STDIN WITH (FORMAT csv, HEADER true)",
            Files.newBufferedReader(vaa, StandardCharsets.UTF_8));
        try (Statement s = db.createStatement()) {
            s.execute("CREATE INDEX vaa_hydroseq ON vaa (hydroseq)");
            s.execute("CREATE INDEX vaa_dnhydroseq ON vaa (dnhydroseq)");
            s.execute("CREATE INDEX vaa_dnminorhyd ON vaa (dnminorhyd)");
            s.execute("ANALYZE vaa");
            s.execute("SET jit = off");
        }
    }

    private static void compare(Connection db, Network net, long[] comid) throws Exception {
        Random random = new Random(5);
        int starts = 200;
        for (Mode mode : List.of(Mode.UT, Mode.DD)) {
            int[] from = new int[starts];
            for (int i = 0; i < starts; i++) {
                from[i] = net.index(Long.toString(comid[random.nextInt(comid.length)]));
            }
            long found = 0;
            try (PreparedStatement q = db.prepareStatement(mode == Mode.UT ? UT : DD)) {
                // the same reaches, start by start, before anything is timed
                for (int s : from) {
                    long[] mem = Arrays.stream(net.navigateNldi(mode, s, DISTANCE_KM * 1000).reaches())
                        .mapToLong(r -> Long.parseLong(net.id(r))).sorted().toArray();
                    long[] sql = cte(q, Long.parseLong(net.id(s)));
                    if (!Arrays.equals(mem, sql)) {
                        throw new IllegalStateException(mode + " from " + net.id(s) + ": memory " + mem.length + " reaches, CTE "
                            + sql.length);
                    }
                    found += mem.length;
                }
                long t = System.nanoTime();
                for (int s : from) {
                    cte(q, Long.parseLong(net.id(s)));
                }
                double cteUs = (System.nanoTime() - t) / 1e3 / starts;
                int rounds = 2000;
                long sink = 0;
                t = System.nanoTime();
                for (int k = 0; k < rounds; k++) {
                    for (int s : from) {
                        Reached r = net.navigateNldi(mode, s, DISTANCE_KM * 1000);
                        sink += r.size();
                    }
                }
                double memUs = (System.nanoTime() - t) / 1e3 / starts / rounds;
                System.out.printf("%s %.0f km, %d random starts (%.1f reaches found on average): in memory %.3f µs,"
                    + " PostgreSQL recursive CTE %.1f µs, ratio %.0f× (checksum %d)%n", mode, DISTANCE_KM, starts,
                    (double) found / starts, memUs, cteUs, cteUs / memUs, sink);
            }
        }
    }

    private static long[] cte(PreparedStatement q, long start) throws Exception {
        q.setDouble(1, DISTANCE_KM);
        q.setLong(2, start);
        long[] out = new long[64];
        int n = 0;
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = rs.getLong(1);
            }
        }
        long[] r = Arrays.copyOf(out, n);
        Arrays.sort(r);
        return r;
    }
}
