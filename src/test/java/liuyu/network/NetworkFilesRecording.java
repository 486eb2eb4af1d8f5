package liuyu.network;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;

/**
 * The recorded answers of import-network before the streaming rewrite: small input files in four forms
 * (with features to skip), the network each gave as text and the layer file each wrote, recorded by
 * {@link #main} run against the classes of commit dadebe9 and kept in src/test/resources/network-recorded/.
 */
final class NetworkFilesRecording {
    static final Provenance PROVENANCE =
            new Provenance(Method.SYNTHETIC, "recorded test", "CC0-1.0", "generated test data", false);

    /** A case: its input files (flowlines, optional VAA), the form declared (null: detected), skipping on or off. */
    record Case(String name, String flowlines, String vaa, LineImporter.Form form, boolean skipInvalid) {}

    static final List<Case> CASES = List.of(
            new Case("nhdplus-v2", "nhdplus-v2.flowlines.geojson", "nhdplus-v2.vaa.csv", null, true),
            new Case("nhdplus-v2-geojson-vaa", "nhdplus-v2.flowlines.geojson", "nhdplus-v2.vaa.geojson", null, true),
            new Case("hydrorivers", "hydrorivers.geojson", null, null, false),
            new Case("generic", "generic.geojson", null, null, true),
            new Case("snapped", "snapped.geojson", null, null, false));

    private NetworkFilesRecording() {}

    /** Writes the inputs and the answers of the code on the class path into {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        writeInputs(dir);
        for (Case c : CASES) {
            NetworkFiles.Result r = read(dir, c);
            Files.writeString(dir.resolve(c.name() + ".network.txt"), dump(r), StandardCharsets.UTF_8);
            try (OutputStream out = Files.newOutputStream(dir.resolve(c.name() + ".layer.geojson"))) {
                NetworkFiles.write(r, spec(), out);
            }
            if (c.skipInvalid()) {
                Files.writeString(dir.resolve(c.name() + ".refused.txt"), refused(dir, c), StandardCharsets.UTF_8);
            }
        }
    }

    static NetworkFiles.LayerSpec spec() {
        return new NetworkFiles.LayerSpec("rivers", "Rivers (recorded)", "河流", PROVENANCE);
    }

    static NetworkFiles.Result read(Path dir, Case c) {
        return new NetworkFiles(5)
                .read(
                        dir.resolve(c.flowlines()),
                        c.vaa() == null ? null : dir.resolve(c.vaa()),
                        c.form(),
                        c.skipInvalid(),
                        PROVENANCE);
    }

    /** The problems listed when the same case is read without skipping (it must be refused). */
    static String refused(Path dir, Case c) {
        try {
            read(dir, new Case(c.name(), c.flowlines(), c.vaa(), c.form(), false));
        } catch (NetworkImportException e) {
            StringBuilder s = new StringBuilder();
            for (Problem p : e.problems()) {
                s.append(p).append(' ').append(p.ids()).append('\n');
            }
            return s.toString();
        }
        throw new AssertionError(c.name() + " was not refused without skipping");
    }

    /** Everything the import answered, one fact per line, in the network's own order. */
    static String dump(NetworkFiles.Result r) {
        StringBuilder s = new StringBuilder();
        NetworkImport imported = r.imported();
        s.append("form ")
                .append(imported.form().code())
                .append(" (")
                .append(imported.formReason())
                .append(")\n");
        s.append("read ")
                .append(r.read())
                .append(", joined ")
                .append(r.joined())
                .append('\n');
        s.append("skipped ").append(imported.skipped()).append('\n');
        for (Problem p : imported.warnings()) {
            s.append(p).append(' ').append(p.ids()).append('\n');
        }
        Network net = imported.network();
        s.append("reaches ")
                .append(net.size())
                .append(", diversions ")
                .append(net.diversionCount())
                .append('\n');
        for (int i = 0; i < net.size(); i++) {
            List<String> down = new ArrayList<>();
            for (int d : net.downstream(i)) {
                down.add(net.id(d));
            }
            List<String> up = new ArrayList<>();
            for (int u : net.upstream(i)) {
                up.add(net.id(u));
            }
            s.append(i)
                    .append(' ')
                    .append(net.id(i))
                    .append(" length ")
                    .append(net.lengthM(i))
                    .append(" path ")
                    .append(net.pathlengthM(i))
                    .append(" stem ")
                    .append(net.mainstem(i))
                    .append(" main ")
                    .append(net.mainDownstream(i) < 0 ? "-" : net.id(net.mainDownstream(i)))
                    .append(" down ")
                    .append(down)
                    .append(" up ")
                    .append(up)
                    .append('\n');
        }
        return s.toString();
    }

    static void writeInputs(Path dir) throws IOException {
        nhdplus(dir);
        hydrorivers(dir);
        generic(dir);
        snapped(dir);
    }

    private static String line(Map<String, String> props, double... xy) {
        StringBuilder p = new StringBuilder();
        props.forEach((k, v) -> p.append(p.length() == 0 ? "" : ",")
                .append('"')
                .append(k)
                .append("\":")
                .append(v));
        StringBuilder c = new StringBuilder();
        for (int i = 0; i < xy.length; i += 2) {
            c.append(i == 0 ? "" : ",")
                    .append('[')
                    .append(xy[i])
                    .append(',')
                    .append(xy[i + 1])
                    .append(']');
        }
        return "{\"type\":\"Feature\",\"properties\":{" + p
                + "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[" + c + "]}}";
    }

    private static void collection(Path file, List<String> features) throws IOException {
        Files.writeString(
                file,
                "{\"type\":\"FeatureCollection\",\"features\":[\n" + String.join(",\n", features) + "\n]}\n",
                StandardCharsets.UTF_8);
    }

    /**
     * 3 random trees of 41 reaches with 6 diversions, as NHDPlus V2 flowlines and a VAA table (CSV and GeoJSON),
     * plus: names, a flowline LENGTHKM the table replaces, a coastline, a VAA number as text, a flowline without a
     * VAA row, a repeated COMID, a flowline without geometry, and a multi-part line.
     */
    private static void nhdplus(Path dir) throws IOException {
        List<Reach> reaches = GeneratedNetwork.withDiversions(3, 41, 6, 31);
        int n = reaches.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(reaches.get(i).id(), i);
        }
        double[] path = new double[n];
        List<String> flowlines = new ArrayList<>();
        List<String> csv = new ArrayList<>();
        List<String> table = new ArrayList<>();
        csv.add("ComID,Hydroseq,DnHydroseq,DnMinorHyd,LevelPathI,LengthKM,Pathlength,TerminalFl,FCode");
        Random random = new Random(7);
        for (int i = 0; i < n; i++) {
            Reach r = reaches.get(i);
            String d = r.downstream();
            path[i] = d == null
                    ? 0
                    : path[index.get(d)] + reaches.get(index.get(d)).lengthM() / 1000;
            long comid = 5_000_000L + i;
            double x = 116 + (i % 20) * 0.01;
            double y = 40 + (i / 20) * 0.01;
            Map<String, String> props = new java.util.LinkedHashMap<>();
            props.put("COMID", Long.toString(comid));
            props.put("GNIS_NAME", i % 7 == 0 ? "\"河" + i + "\"" : "\"\"");
            if (i % 11 == 0) {
                props.put("LENGTHKM", "99.0"); // replaced by the table's LengthKM
            }
            String feature = line(props, x, y, x + 0.004, y + 0.003, x + 0.005, y + 0.005);
            if (i == 17) {
                feature = "{\"type\":\"Feature\",\"properties\":{\"COMID\":" + comid + "},\"geometry\":null}";
            } else if (i == 23) {
                feature = "{\"type\":\"Feature\",\"id\":\"multi\",\"properties\":{\"COMID\":" + comid
                        + "},\"geometry\":{\"type\":\"MultiLineString\",\"coordinates\":[[[" + x + "," + y + "],["
                        + (x + 0.002) + "," + y + "]],[[" + (x + 0.002) + "," + y + "],[" + (x + 0.004) + ","
                        + (y + 0.001) + "]]]}}";
            }
            flowlines.add(feature);
            long down = d == null ? 0 : n - index.get(d);
            long minor =
                    r.diversions().isEmpty() ? 0 : n - index.get(r.diversions().get(0));
            String levelPath = random.nextInt(3) == 0 ? "" : Long.toString(n - index.get(stemRoot(reaches, index, i)));
            String length = i == 29 ? "\"2.5\"" : Double.toString(r.lengthM() / 1000);
            String fcode = i == 37 ? "56600" : "46006";
            csv.add(comid + "," + (n - i) + "," + down + "," + minor + "," + levelPath + "," + length + "," + path[i]
                    + "," + (d == null ? 1 : 0) + "," + fcode);
            table.add("{\"type\":\"Feature\",\"properties\":{\"ComID\":" + comid + ",\"Hydroseq\":" + (n - i)
                    + ",\"DnHydroseq\":" + down + ",\"DnMinorHyd\":" + minor + ",\"LevelPathI\":"
                    + (levelPath.isEmpty() ? "null" : levelPath) + ",\"LengthKM\":" + length + ",\"Pathlength\":"
                    + path[i] + ",\"FCode\":" + fcode + "},\"geometry\":null}");
        }
        // a flowline without a VAA row, and a COMID given twice
        flowlines.add(line(Map.of("COMID", "6000001"), 117.0, 41.0, 117.01, 41.0));
        Map<String, String> again = new java.util.LinkedHashMap<>();
        again.put("GNIS_NAME", "\"again\"");
        again.put("COMID", "5000003");
        flowlines.add(line(again, 117.1, 41.0, 117.11, 41.0));
        collection(dir.resolve("nhdplus-v2.flowlines.geojson"), flowlines);
        Files.writeString(dir.resolve("nhdplus-v2.vaa.csv"), String.join("\n", csv) + "\n", StandardCharsets.UTF_8);
        collection(dir.resolve("nhdplus-v2.vaa.geojson"), table);
    }

    /** The reach where the level path through reach {@code i} starts (its first-branch chain down). */
    private static String stemRoot(List<Reach> reaches, Map<String, Integer> index, int i) {
        Reach r = reaches.get(i);
        while (r.downstream() != null && index.get(r.downstream()) == index.get(r.id()) - 1) {
            r = reaches.get(index.get(r.downstream()));
        }
        return r.id();
    }

    /** 61 HydroRIVERS reaches of one tree, with DIST_DN_KM on most. */
    private static void hydrorivers(Path dir) throws IOException {
        List<Reach> reaches = GeneratedNetwork.dendritic(61, 5);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < reaches.size(); i++) {
            index.put(reaches.get(i).id(), i);
        }
        List<String> features = new ArrayList<>();
        for (int i = 0; i < reaches.size(); i++) {
            Reach r = reaches.get(i);
            Map<String, String> props = new java.util.LinkedHashMap<>();
            props.put("HYRIV_ID", Integer.toString(40_000 + i));
            props.put("NEXT_DOWN", r.downstream() == null ? "0" : Integer.toString(40_000 + index.get(r.downstream())));
            props.put("LENGTH_KM", Double.toString(r.lengthM() / 1000));
            props.put("DIST_DN_KM", Double.toString(i * 0.5));
            double x = 116.2 + (i % 10) * 0.02;
            double y = 39.8 + (i / 10) * 0.02;
            features.add(line(props, x, y, x + 0.01, y + 0.01));
        }
        collection(dir.resolve("hydrorivers.geojson"), features);
    }

    /** 25 generic reaches with ids, downstream links, some lengths, a diversion, and one number as text (skipped). */
    private static void generic(Path dir) throws IOException {
        List<String> features = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Map<String, String> props = new java.util.LinkedHashMap<>();
            props.put("downstream", i == 0 ? "null" : "\"g" + ((i - 1) / 2) + "\"");
            if (i == 9) {
                props.put("diversions", "[\"g2\"]");
            }
            if (i % 3 == 0) {
                props.put("lengthKm", i == 12 ? "\"1.5\"" : Double.toString(1 + i * 0.25));
            }
            props.put("name", "\"支流" + i + "\"");
            double x = 116.5 + i * 0.01;
            String f = line(props, x, 40.1, x + 0.01, 40.11);
            features.add(
                    "{\"type\":\"Feature\",\"id\":\"g" + i + "\"," + f.substring("{\"type\":\"Feature\",".length()));
        }
        collection(dir.resolve("generic.geojson"), features);
    }

    /** Plain lines joined end to start: a small tree, a split into two lines, and an end touching a line's middle. */
    private static void snapped(Path dir) throws IOException {
        List<String> features = new ArrayList<>();
        features.add(line(Map.of("name", "\"outlet\""), 116.40, 39.90, 116.45, 39.88));
        features.add(line(Map.of("name", "\"left\""), 116.35, 39.95, 116.38, 39.92, 116.40, 39.90));
        features.add(line(Map.of("name", "\"right\""), 116.44, 39.96, 116.40, 39.90));
        features.add(line(Map.of("name", "\"head\""), 116.30, 40.00, 116.35, 39.95));
        // splits at the head's start: two lines leave the same point
        features.add(line(Map.of("name", "\"spring\""), 116.28, 40.03, 116.30, 40.00));
        features.add(line(Map.of("name", "\"canal\""), 116.30, 40.00000001, 116.33, 40.01));
        // ends in the middle of "outlet"
        features.add(line(Map.of("name", "\"side\""), 116.425, 39.85, 116.425, 39.89));
        collection(dir.resolve("snapped.geojson"), features);
    }
}
