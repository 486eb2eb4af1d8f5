package liuyu.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import liuyu.atlas.Feature;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.geo.GeoJson;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LineString;

/** Importing lines: every form of topology attributes, snapping, and every problem reported with its ids. */
class NetworkImportTest {
    private static final Provenance TEST = new Provenance(Method.SYNTHETIC, "test", "CC0-1.0", "none", false);

    private static Reach reach(String id, String down, String... diversions) {
        return new Reach(id, 1000, down, List.of(diversions), null);
    }

    private static LineString line(double... lonLat) {
        Coordinate[] cs = new Coordinate[lonLat.length / 2];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = new Coordinate(lonLat[2 * i], lonLat[2 * i + 1]);
        }
        return GeoJson.FACTORY.createLineString(cs);
    }

    private static Feature feature(String id, LineString geometry, Object... keyValues) {
        Map<String, Object> props = new HashMap<>();
        props.put("nameZh", "河");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new Feature("rivers", id, geometry, props, TEST);
    }

    private static Problem only(List<Problem> problems, String code) {
        List<Problem> found =
                problems.stream().filter(p -> p.code().equals(code)).toList();
        assertThat(found).as(code + " in " + problems).hasSize(1);
        return found.get(0);
    }

    private static List<Problem> failure(Runnable build) {
        List<Problem> problems = new ArrayList<>();
        assertThatThrownBy(build::run)
                .isInstanceOfSatisfying(NetworkImportException.class, e -> problems.addAll(e.problems()));
        return problems;
    }

    @Test
    void aCycleIsAnErrorNamingItsReachesInFlowOrder() {
        List<Problem> problems = failure(() -> new NetworkBuilder()
                .build(List.of(
                        reach("a", "b"), reach("b", "c"), reach("c", "a"), reach("src", "a"), reach("below", null))));
        Problem cycle = only(problems, "cycle");
        assertThat(cycle.severity()).isEqualTo(Problem.Severity.ERROR);
        assertThat(cycle.ids()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(cycle.message()).containsAnyOf("a → b → c → a", "b → c → a → b", "c → a → b → c");
    }

    @Test
    void aCycleClosedByADiversionIsAnErrorToo() {
        List<Problem> problems = failure(() -> new NetworkBuilder()
                .build(List.of(
                        reach("up", "mid"), reach("mid", "out", "canal"), reach("canal", "up"), reach("out", null))));
        assertThat(only(problems, "cycle").ids()).containsExactlyInAnyOrder("up", "mid", "canal");
    }

    @Test
    void aDownstreamIdOutsideTheDataIsAWarningAndTheReachBecomesAnOutlet() {
        NetworkImport built = new NetworkBuilder().build(List.of(reach("a", "b"), reach("b", "beyond-the-subset")));
        Problem p = only(built.warnings(), "downstream-outside-data");
        assertThat(p.severity()).isEqualTo(Problem.Severity.WARNING);
        assertThat(p.ids()).containsExactly("b", "beyond-the-subset");
        assertThat(built.network().mainDownstream(built.network().index("b"))).isEqualTo(-1);
    }

    @Test
    void aDisconnectedPieceIsAWarningNamingItsOutlets() {
        NetworkImport built = new NetworkBuilder()
                .build(List.of(
                        reach("a", "b"),
                        reach("c", "b"),
                        reach("b", null),
                        reach("island-up", "island"),
                        reach("island", null)));
        Problem p = only(built.warnings(), "disconnected");
        assertThat(p.ids()).containsExactly("island");
        assertThat(p.message()).contains("2 reaches");
    }

    @Test
    void duplicateIdsAndLengthsThatAreNotPositiveAreErrors() {
        List<Problem> problems = failure(() -> new NetworkBuilder()
                .build(List.of(reach("a", null), reach("a", null), new Reach("z", 0, null, List.of(), null))));
        assertThat(only(problems, "duplicate-id").ids()).containsExactly("a");
        assertThat(only(problems, "bad-length").ids()).containsExactly("z");
    }

    @Test
    void twoReachesClaimingToContinueTheSameMainStemAreAWarning() {
        NetworkImport built = new NetworkBuilder()
                .build(List.of(
                        new Reach("out", 1000, null, List.of(), "m"),
                        new Reach("x", 1000, "out", List.of(), "m"),
                        new Reach("y", 3000, "out", List.of(), "m")));
        assertThat(only(built.warnings(), "ambiguous-mainstem").ids()).containsExactly("out", "x", "y");
        Network net = built.network();
        Reached um = net.navigate(Mode.UM, Origin.reach(net.index("out")), Double.POSITIVE_INFINITY);
        assertThat(Arrays.stream(um.reaches()).mapToObj(net::id)).containsExactly("out", "y");
    }

    @Test
    void nhdplusAttributesGiveTopologyByHydrologicSequenceWithMinorDivergencesAsDiversions() {
        LineString g = line(116, 40, 116.01, 40);
        List<Feature> lines = List.of(
                feature(
                        "f1",
                        g,
                        "COMID",
                        101,
                        "Hydroseq",
                        5,
                        "DnHydroseq",
                        3,
                        "DnMinorHyd",
                        4,
                        "LevelPathI",
                        1,
                        "LENGTHKM",
                        1.5),
                feature(
                        "f2",
                        g,
                        "COMID",
                        102,
                        "Hydroseq",
                        3,
                        "DnHydroseq",
                        1,
                        "DnMinorHyd",
                        0,
                        "LevelPathI",
                        1,
                        "LENGTHKM",
                        2.0),
                feature(
                        "f3",
                        g,
                        "COMID",
                        103,
                        "Hydroseq",
                        4,
                        "DnHydroseq",
                        2,
                        "DnMinorHyd",
                        0,
                        "LevelPathI",
                        4,
                        "LENGTHKM",
                        0.5),
                feature(
                        "f4",
                        g,
                        "COMID",
                        104,
                        "Hydroseq",
                        1,
                        "DnHydroseq",
                        0,
                        "DnMinorHyd",
                        0,
                        "LevelPathI",
                        1,
                        "LENGTHKM",
                        3.0));
        assertThat(LineImporter.detect(lines).form()).isEqualTo(LineImporter.Form.NHDPLUS_V2);
        NetworkImport built = new LineImporter(5).importLines(lines);
        Network net = built.network();
        int f1 = net.index("101");
        assertThat(net.mainDownstream(f1)).isEqualTo(net.index("102"));
        assertThat(net.downstream(f1)).containsExactly(net.index("102"), net.index("103"));
        assertThat(net.lengthM(f1)).isEqualTo(1500);
        assertThat(net.mainstem(f1)).isEqualTo("1");
        // hydroseq 2 is not in the data: the edge of a subset
        assertThat(only(built.warnings(), "downstream-outside-data").ids()).containsExactly("103", "hydroseq 2");
        assertThat(net.isUpstream(f1, net.index("104"))).isTrue();
    }

    @Test
    void hydroriversNextDownGivesTopologyAndTheLongestBranchContinuesTheMainStem() {
        LineString g = line(116, 40, 116.01, 40);
        List<Feature> lines = List.of(
                feature("a", g, "HYRIV_ID", 30, "NEXT_DOWN", 0, "LENGTH_KM", 1.0),
                feature("b", g, "HYRIV_ID", 31, "NEXT_DOWN", 30, "LENGTH_KM", 1.0),
                feature("c", g, "HYRIV_ID", 32, "NEXT_DOWN", 30, "LENGTH_KM", 1.0),
                feature("d", g, "HYRIV_ID", 33, "NEXT_DOWN", 32, "LENGTH_KM", 1.0));
        Network net = new LineImporter(5).importLines(lines).network();
        assertThat(net.mainDownstream(net.index("33"))).isEqualTo(net.index("32"));
        // 32 → 33 is 2 km upstream of 30, 31 only 1 km: the main stem of 30 goes up 32
        assertThat(net.mainstem(net.index("32"))).isEqualTo(net.mainstem(net.index("30")));
        assertThat(net.mainstem(net.index("33"))).isEqualTo(net.mainstem(net.index("30")));
        assertThat(net.mainstem(net.index("31"))).isEqualTo("31");
    }

    @Test
    void genericAttributesWithoutALengthAreGeodesicLengthsOfTheGeometryInMetres() {
        LineString upper = line(116.0, 40.0, 116.1, 40.0);
        List<Feature> lines = List.of(
                feature("upper", upper, "downstream", "lower", "mainstem", "m"),
                feature(
                        "lower",
                        line(116.1, 40.0, 116.2, 40.0),
                        "downstream",
                        null,
                        "diversions",
                        List.of(),
                        "lengthKm",
                        12.5));
        Network net = new LineImporter(5).importLines(lines).network();
        // PROJ: echo "40 116 40 116.1" | geod +ellps=WGS84 -I +units=m  →  8539.385 m
        assertThat(net.lengthM(net.index("upper"))).isCloseTo(8539.385, org.assertj.core.data.Offset.offset(0.001));
        assertThat(net.lengthM(net.index("lower"))).isEqualTo(12_500);
    }

    @Test
    void aBentLineIsTheSumOfItsGeodesicSegmentsAndAMeridianLineItsArc() {
        List<Feature> lines = List.of(
                feature("bent", line(116.0, 40.0, 116.05, 40.05, 116.1, 40.0), "downstream", "north", "mainstem", "m"),
                feature("north", line(116.3, 39.9, 116.3, 40.1), "downstream", null, "mainstem", "m"));
        Network net = new LineImporter(5).importLines(lines).network();
        // PROJ: printf '40 116 40.05 116.05\n40.05 116.05 40 116.1\n39.9 116.3 40.1 116.3\n' | geod +ellps=WGS84 -I
        // +units=m
        //   → 7002.783 m, 7002.783 m, 22206.927 m
        assertThat(net.lengthM(net.index("bent"))).isCloseTo(2 * 7002.783, org.assertj.core.data.Offset.offset(0.002));
        assertThat(net.lengthM(net.index("north"))).isCloseTo(22206.927, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void genericAttributesOfTheWrongTypeAreErrorsNamingTheFeature() {
        List<Problem> problems = failure(() ->
                new LineImporter(5).importLines(List.of(feature("x", line(116, 40, 116.1, 40), "downstream", 7))));
        assertThat(only(problems, "bad-type").ids()).containsExactly("x");
    }

    @Test
    void unattributedLinesJoinWhereAnEndLiesWithinTheSnapToleranceOfAStart() {
        // b starts 2 m from a's end (joined); c starts 50 m from b's end (not joined at 5 m)
        double twoMetres = 2 / 85_000.0;
        double fiftyMetres = 50 / 85_000.0;
        List<Feature> lines = List.of(
                feature("a", line(116.0, 40.0, 116.1, 40.0)),
                feature("b", line(116.1 + twoMetres, 40.0, 116.2, 40.0)),
                feature("c", line(116.2 + fiftyMetres, 40.0, 116.3, 40.0)));
        assertThat(LineImporter.detect(lines).form()).isEqualTo(LineImporter.Form.SNAPPED);
        NetworkImport built = new LineImporter(5).importLines(lines);
        Network net = built.network();
        assertThat(net.mainDownstream(net.index("a"))).isEqualTo(net.index("b"));
        assertThat(net.mainDownstream(net.index("b"))).isEqualTo(-1);
        assertThat(only(built.warnings(), "disconnected").ids()).containsExactly("c");
    }

    @Test
    void anUnattributedEndMeetingTwoStartsIsASplitReportedWithTheNearestAsMain() {
        List<Feature> lines = List.of(
                feature("a", line(116.0, 40.0, 116.1, 40.0)),
                feature("near", line(116.1, 40.0, 116.2, 40.0)),
                feature("far", line(116.1 + 3 / 85_000.0, 40.0, 116.2, 40.1)));
        NetworkImport built = new LineImporter(5).importLines(lines);
        Network net = built.network();
        assertThat(net.downstream(net.index("a"))).containsExactly(net.index("near"), net.index("far"));
        assertThat(only(built.warnings(), "split").ids()).containsExactly("a", "near", "far");
    }

    @Test
    void anUnattributedEndTouchingTheMiddleOfAnotherLineIsReportedAsAnUnsplitConfluence() {
        List<Feature> lines = List.of(
                feature("trunk", line(116.0, 40.0, 116.2, 40.0)), feature("tributary", line(116.1, 40.1, 116.1, 40.0)));
        NetworkImport built = new LineImporter(5).importLines(lines);
        assertThat(only(built.warnings(), "unsplit-confluence").ids()).containsExactly("tributary", "trunk");
    }
}
