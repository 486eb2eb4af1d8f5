package liuyu.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.Layer;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.cli.ImportNetworkCommand;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import-network: each form read and said, each refusal reported per feature, skipping reported, the layer written loads. */
class NetworkFilesTest {
    private static final Provenance SYNTHETIC = new Provenance(Method.SYNTHETIC, "test", "CC0-1.0", "test data", false);

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static String line(String properties, double... xy) {
        StringBuilder c = new StringBuilder();
        for (int i = 0; i < xy.length; i += 2) {
            c.append(i == 0 ? "" : ",")
                    .append('[')
                    .append(xy[i])
                    .append(',')
                    .append(xy[i + 1])
                    .append(']');
        }
        return "{\"type\":\"Feature\",\"properties\":{" + properties
                + "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[" + c + "]}}";
    }

    /** three NHDPlus flowlines without VAA: 101 → 102 → 103, plus 104 diverging from 101 (minor) into 103 */
    private Path flowlinesV2() throws IOException {
        return file(
                "flowlines.geojson",
                collection(
                        line("\"COMID\":101,\"GNIS_NAME\":\"Wolf River\"", -89.60, 44.40, -89.50, 44.45),
                        line("\"COMID\":102", -89.50, 44.45, -89.42, 44.52),
                        line("\"COMID\":103", -89.42, 44.52, -89.40, 44.55),
                        line("\"COMID\":104", -89.50, 44.45, -89.42, 44.52)));
    }

    private static final String VAA = """
        ComID,Hydroseq,DnHydroseq,DnMinorHyd,LevelPathI,LengthKM,Pathlength,TerminalPa
        101,40,30,20,10,9.7,12.0,10
        102,30,10,0,10,10.05,2.0,10
        103,10,0,0,10,2.0,0.0,10
        104,20,10,0,20,10.1,2.0,10
        """;

    @Test
    void nhdplusV2FlowlinesJoinedToTheVaaTableByComidAreReadAsNhdplusAndTheLayerWrittenLoadsIntoAnAtlas()
            throws IOException {
        NetworkFiles.Result r = new NetworkFiles(5).read(flowlinesV2(), file("vaa.csv", VAA), null, false, SYNTHETIC);
        assertThat(r.imported().form()).isEqualTo(LineImporter.Form.NHDPLUS_V2);
        assertThat(r.imported().formReason()).contains("COMID, Hydroseq, DnHydroseq");
        assertThat(r.joined()).isEqualTo(4);
        Network net = r.imported().network();
        assertThat(net.mainDownstream(net.index("101"))).isEqualTo(net.index("102"));
        assertThat(net.downstream(net.index("101"))).containsExactly(net.index("102"), net.index("104"));
        assertThat(net.pathlengthM(net.index("101"))).isEqualTo(12_000); // the VAA's own Pathlength
        assertThat(net.lengthM(net.index("102"))).isEqualTo(10_050);

        Path out = dir.resolve("rivers.geojson");
        try (OutputStream o = Files.newOutputStream(out)) {
            NetworkFiles.write(r, new NetworkFiles.LayerSpec("rivers", "Rivers", "河流", SYNTHETIC), o);
        }
        Layer layer = new AtlasLoader().readLayerFile(out, true);
        assertThat(layer.features()).hasSize(4);
        assertThat(layer.feature("101").nameZh()).isEqualTo("Wolf River");
        RiverNetwork river = RiverNetwork.of(
                new Atlas("t", "t", "1", List.of(layer)), new NetworkProperties("rivers", "catchments", 1000, 5));
        assertThat(river.form()).isEqualTo(LineImporter.Form.NHDPLUS_V2);
        assertThat(river.network().size()).isEqualTo(4);
    }

    @Test
    void flowlinesWithComidButNoVaaAreRefusedInsteadOfSilentlySnapped() throws IOException {
        assertThatThrownBy(() -> new NetworkFiles(5).read(flowlinesV2(), null, null, false, SYNTHETIC))
                .isInstanceOfSatisfying(
                        NetworkImportException.class,
                        e -> assertThat(e.problems()).extracting(Problem::code).containsExactly("vaa-not-joined"));
        // declared snapped, the same lines are joined by their ends, and the tolerance is said
        NetworkFiles.Result snapped =
                new NetworkFiles(5).read(flowlinesV2(), null, LineImporter.Form.SNAPPED, false, SYNTHETIC);
        assertThat(snapped.imported().formReason()).isEqualTo("declared; snap tolerance 5.0 m");
    }

    @Test
    void aFlowlineWithoutAVaaRowIsRefusedOrSkippedAndReported() throws IOException {
        Path vaa = file("vaa.csv", VAA.lines().filter(l -> !l.startsWith("104")).reduce("", (a, b) -> a + b + "\n"));
        assertThatThrownBy(() -> new NetworkFiles(5).read(flowlinesV2(), vaa, null, false, SYNTHETIC))
                .isInstanceOfSatisfying(
                        NetworkImportException.class,
                        e -> assertThat(e.problems())
                                .filteredOn(p -> p.code().equals("no-vaa"))
                                .extracting(p -> p.ids().get(0))
                                .containsExactly("104"));
        NetworkFiles.Result r = new NetworkFiles(5).read(flowlinesV2(), vaa, null, true, SYNTHETIC);
        assertThat(r.imported().skipped()).containsExactly("104");
        assertThat(r.features()).extracting(f -> f.id()).containsExactly("101", "102", "103");
        // 101's minor link now points outside the data: reported, and 101 keeps its main link
        assertThat(r.imported().warnings()).extracting(Problem::code).contains("no-vaa", "diversion-outside-data");
    }

    @Test
    void aVaaRowWithoutComidIsRefusedAndARepeatedRowIsRefusedOrSkippedWithTheFirstUsed() throws IOException {
        Path unkeyed = file("unkeyed.csv", VAA + ",50,40,0,10,1.0,13.0,10\n");
        assertThatThrownBy(() -> new NetworkFiles(5).read(flowlinesV2(), unkeyed, null, true, SYNTHETIC))
                .isInstanceOfSatisfying(
                        NetworkImportException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.severity() + " " + p.code())
                                .containsExactly("ERROR vaa-without-comid"));
        Path repeated = file("repeated.csv", VAA + "102,31,10,0,10,99.0,2.0,10\n");
        assertThatThrownBy(() -> new NetworkFiles(5).read(flowlinesV2(), repeated, null, false, SYNTHETIC))
                .isInstanceOfSatisfying(
                        NetworkImportException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.severity() + " " + p.code() + " " + p.ids())
                                .containsExactly("ERROR duplicate-vaa [102]"));
        NetworkFiles.Result r = new NetworkFiles(5).read(flowlinesV2(), repeated, null, true, SYNTHETIC);
        assertThat(r.imported().warnings()).extracting(Problem::code).containsExactly("duplicate-vaa");
        Network net = r.imported().network();
        assertThat(net.lengthM(net.index("102"))).isEqualTo(10_050); // the first row's 10.05 km, not 99
        assertThat(r.features())
                .filteredOn(f -> f.id().equals("102"))
                .extracting(f -> f.properties().get("LengthKM"))
                .containsExactly(10.05);
    }

    @Test
    void numbersAsTextMissingGeometriesAndDuplicateIdsAreReportedPerFeature() throws IOException {
        Path flowlines = file(
                "joined.geojson",
                collection(
                        line("\"COMID\":1,\"Hydroseq\":1,\"DnHydroseq\":0,\"LengthKM\":1.0", 116.0, 40.0, 116.01, 40.0),
                        line(
                                "\"COMID\":2,\"Hydroseq\":\"2\",\"DnHydroseq\":1,\"LengthKM\":1.0",
                                116.0,
                                40.01,
                                116.0,
                                40.0),
                        line(
                                "\"COMID\":3,\"Hydroseq\":3,\"DnHydroseq\":1,\"LengthKM\":\"1.5\"",
                                116.01,
                                40.01,
                                116.0,
                                40.0),
                        "{\"type\":\"Feature\",\"properties\":{\"COMID\":4,\"Hydroseq\":4,\"DnHydroseq\":1,\"LengthKM\":1.0},\"geometry\":null}",
                        line(
                                "\"COMID\":1,\"Hydroseq\":5,\"DnHydroseq\":1,\"LengthKM\":1.0",
                                116.02,
                                40.01,
                                116.0,
                                40.0),
                        line(
                                "\"COMID\":6,\"Hydroseq\":6,\"DnHydroseq\":1,\"LengthKM\":1.0",
                                116.03,
                                40.01,
                                116.0,
                                40.0)));
        assertThatThrownBy(() -> new NetworkFiles(5).read(flowlines, null, null, false, SYNTHETIC))
                .isInstanceOfSatisfying(NetworkImportException.class, e -> {
                    assertThat(e.problems()).allMatch(p -> p.severity() == Problem.Severity.ERROR);
                    assertThat(e.problems())
                            .extracting(p -> p.code() + " " + p.ids().get(0))
                            .containsExactlyInAnyOrder(
                                    "bad-type 2", "bad-type 3", "missing-geometry 4", "duplicate-id 1");
                    assertThat(e.getMessage())
                            .contains("Hydroseq".toLowerCase() + " is the text '2', not a number")
                            .contains("lengthkm is the text '1.5'");
                });
        NetworkFiles.Result r = new NetworkFiles(5).read(flowlines, null, null, true, SYNTHETIC);
        assertThat(r.imported().skipped()).containsExactlyInAnyOrder("2", "3", "4", "1");
        assertThat(r.imported().network().size()).isEqualTo(2); // the first 1 and 6
        assertThat(r.features())
                .extracting(f -> f.id() + "/" + f.properties().get("Hydroseq"))
                .containsExactly("1/1", "6/6");
        assertThat(r.imported().warnings())
                .filteredOn(p -> p.message().endsWith("; skipped"))
                .hasSize(4);
    }

    @Test
    void nhdplusHrIsReadByNhdplusId() throws IOException {
        Path hr = file(
                "hr.geojson",
                collection(
                        line(
                                "\"NHDPlusID\":55000900000001.0,\"HydroSeq\":2.0,\"DnHydroSeq\":1.0,\"DnMinorHyd\":0.0,\"LevelPathI\":7.0,"
                                        + "\"LengthKM\":1.2,\"Pathlength\":0.8",
                                116.0,
                                40.0,
                                116.01,
                                40.0),
                        line(
                                "\"NHDPlusID\":55000900000002.0,\"HydroSeq\":1.0,\"DnHydroSeq\":0.0,\"DnMinorHyd\":0.0,\"LevelPathI\":7.0,"
                                        + "\"LengthKM\":0.8,\"Pathlength\":0.0",
                                116.01,
                                40.0,
                                116.02,
                                40.0)));
        NetworkImport imported =
                new NetworkFiles(5).read(hr, null, null, false, SYNTHETIC).imported();
        assertThat(imported.form()).isEqualTo(LineImporter.Form.NHDPLUS_HR);
        Network net = imported.network();
        assertThat(net.mainDownstream(net.index("55000900000001"))).isEqualTo(net.index("55000900000002"));
        assertThat(net.mainstem(net.index("55000900000001"))).isEqualTo("7");
    }

    @Test
    void hydroriversIsReadByNextDownWithDistanceToTheSinkAsPathLength() throws IOException {
        Path hyd = file(
                "hydrorivers.geojson",
                collection(
                        line(
                                "\"HYRIV_ID\":40,\"NEXT_DOWN\":41,\"LENGTH_KM\":3.5,\"DIST_DN_KM\":10.0",
                                116.0,
                                40.0,
                                116.01,
                                40.0),
                        line(
                                "\"HYRIV_ID\":41,\"NEXT_DOWN\":0,\"LENGTH_KM\":2.0,\"DIST_DN_KM\":8.0",
                                116.01,
                                40.0,
                                116.02,
                                40.0)));
        NetworkImport imported =
                new NetworkFiles(5).read(hyd, null, null, false, SYNTHETIC).imported();
        assertThat(imported.form()).isEqualTo(LineImporter.Form.HYDRORIVERS);
        Network net = imported.network();
        assertThat(net.mainDownstream(net.index("40"))).isEqualTo(net.index("41"));
        assertThat(net.pathlengthM(net.index("40"))).isEqualTo(10_000);
    }

    /**
     * Plain lines in Wisconsin and in Beijing: reach lengths are geodesic, within 0.1 % of PROJ's geod
     * (echo "lat1 lon1 lat2 lon2" | geod +ellps=WGS84 -I +units=m, per segment, summed).
     */
    @Test
    void plainLinesAnywhereGetGeodesicLengthsWithinATenthOfAPercentOfProjGeod() throws IOException {
        Path lines = file(
                "plain.geojson",
                collection(
                        line("\"name\":\"wisconsin\"", -89.60, 44.40, -89.50, 44.45, -89.42, 44.52),
                        line("\"name\":\"beijing\"", 116.30, 39.90, 116.40, 39.95, 116.52, 39.93)));
        NetworkFiles.Result r = new NetworkFiles(5).read(lines, null, null, false, SYNTHETIC);
        assertThat(r.imported().form()).isEqualTo(LineImporter.Form.SNAPPED);
        Network net = r.imported().network();
        double wisconsin = 9709.845 + 10050.164;
        double beijing = 10193.210 + 10493.880;
        assertThat(net.lengthM(net.index("features[0]"))).isCloseTo(wisconsin, Offset.offset(wisconsin * 0.001));
        assertThat(net.lengthM(net.index("features[1]"))).isCloseTo(beijing, Offset.offset(beijing * 0.001));
        // and in fact to the millimetre that geod prints
        assertThat(net.lengthM(net.index("features[0]"))).isCloseTo(wisconsin, Offset.offset(0.002));
        assertThat(net.lengthM(net.index("features[1]"))).isCloseTo(beijing, Offset.offset(0.002));
    }

    @Test
    void theCommandSaysTheFormAndTheProblemsAndWritesNothingWhenRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path target = dir.resolve("out.geojson");
        String[] provenance = {"--method=synthetic", "--source=test", "--licence=CC0-1.0", "--accuracy=test data"};
        int refused = ImportNetworkCommand.run(
                concat(new String[] {"--flowlines=" + flowlinesV2(), "--out=" + target}, provenance),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(refused).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("vaa-not-joined");
        assertThat(target).doesNotExist();

        int done = ImportNetworkCommand.run(
                concat(
                        new String[] {"--flowlines=" + flowlinesV2(), "--vaa=" + file("vaa.csv", VAA), "--out=" + target
                        },
                        provenance),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(done).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("read 4 flowlines, 4 joined")
                .contains("form nhdplus-v2")
                .contains("4 reaches, 1 diversions");
        assertThat(target).exists();

        int usage = ImportNetworkCommand.run(
                new String[] {"--flowlines=" + flowlinesV2()},
                new PrintStream(out),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(usage).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--method");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
