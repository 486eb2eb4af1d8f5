package liuyu.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import liuyu.atlas.Atlas;
import liuyu.atlas.Feature;
import liuyu.atlas.GeometryKind;
import liuyu.atlas.Layer;
import liuyu.atlas.LayerInfo;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.geo.GeoJson;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * NLDI's navigation rules as a table, on a hand-made network; every expected set was worked out by
 * hand from the rules of NLDI's navigation queries (path length and length in km, below), not by
 * running the code. Lengths (km) and the path lengths they give (km from a reach's downstream end
 * to its terminal outlet; "top" = path length + length):
 * <pre>
 *  h1 5 (path 28, top 33) → m3 8 (20, 28) → m2 4 (16, 20) → m1 6 (10, 16) → out 10 (0, 10)
 *  t1 3 (20, 23) → m2          m2 ⇢ d1 2 (31, 33) → d2 30 (1, 31) → sea 1 (0, 1)    (diversion to another outlet)
 *  m1 ⇢ b1 1 (10, 11) → out                                                           (a minor path)
 * </pre>
 * Sites: s-comid declares comid m3 (it lies 430 m from t1, inside t1's catchment, 3.3 km from m3),
 * s-catch lies in t1's catchment 2.6 km from any line, s-near 330 m from the middle of m1, s-m2-high
 * and s-m2-low on m2 at measures 90 and 10.
 */
class NldiSemanticsTest {
    private static final Provenance TEST = new Provenance(Method.SYNTHETIC, "test", "CC0-1.0", "none", false);

    private static Feature feature(String layer, String id, Geometry g, Object... keyValues) {
        Map<String, Object> props = new HashMap<>();
        props.put("nameZh", id);
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new Feature(layer, id, g, props, TEST);
    }

    private static Layer layer(String id, GeometryKind kind, Feature... features) {
        return new Layer(new LayerInfo(id, id, "", "", kind, TEST, "1", null, null, "test"), List.of(features));
    }

    private static Geometry line(double... xy) {
        Coordinate[] c = new Coordinate[xy.length / 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        return GeoJson.FACTORY.createLineString(c);
    }

    private static Geometry point(double x, double y) {
        return GeoJson.FACTORY.createPoint(new Coordinate(x, y));
    }

    private static Geometry square(double x, double y, double size) {
        return GeoJson.FACTORY.createPolygon(new Coordinate[] {
            new Coordinate(x, y),
            new Coordinate(x + size, y),
            new Coordinate(x + size, y + size),
            new Coordinate(x, y + size),
            new Coordinate(x, y)
        });
    }

    private static Feature reach(String id, Geometry g, String down, List<String> diversions, double km) {
        return feature("rivers", id, g, "downstream", down, "diversions", diversions, "lengthKm", km);
    }

    static final Atlas ATLAS = new Atlas(
            "t",
            "t",
            "1",
            List.of(
                    layer(
                            "rivers",
                            GeometryKind.LINE,
                            reach("h1", line(116.00, 40.0, 116.05, 40.0), "m3", List.of(), 5),
                            reach("m3", line(116.05, 40.0, 116.10, 40.0), "m2", List.of(), 8),
                            reach("t1", line(116.10, 40.05, 116.10, 40.0), "m2", List.of(), 3),
                            reach("m2", line(116.10, 40.0, 116.15, 40.0), "m1", List.of("d1"), 4),
                            reach("m1", line(116.15, 40.0, 116.20, 40.0), "out", List.of("b1"), 6),
                            reach("out", line(116.20, 40.0, 116.30, 40.0), null, List.of(), 10),
                            reach("b1", line(116.20, 40.0, 116.21, 39.99, 116.22, 40.0), "out", List.of(), 1),
                            reach("d1", line(116.15, 40.0, 116.15, 39.95), "d2", List.of(), 2),
                            reach("d2", line(116.15, 39.95, 116.15, 39.80), "sea", List.of(), 30),
                            reach("sea", line(116.15, 39.80, 116.15, 39.79), null, List.of(), 1)),
                    layer(
                            "catchments",
                            GeometryKind.POLYGON,
                            feature("catchments", "c-t1", square(116.06, 40.02, 0.08), "reach", "t1"),
                            feature("catchments", "c-m3", square(116.04, 39.97, 0.03), "FEATUREID", "m3")),
                    layer(
                            "sites",
                            GeometryKind.POINT,
                            feature("sites", "s-comid", point(116.095, 40.03), "comid", "m3"),
                            feature("sites", "s-catch", point(116.13, 40.09)),
                            feature("sites", "s-near", point(116.175, 40.003)),
                            feature("sites", "s-m2-high", point(116.105, 40.0005)),
                            feature("sites", "s-m2-low", point(116.145, 40.0005)))));

    static final RiverNetwork RIVER = RiverNetwork.of(ATLAS, new NetworkProperties("rivers", "catchments", 1000, 5));

    static Stream<Arguments> reachTable() {
        return Stream.of(
                // DD h1 10: stop 33-10 = 23; m3 top 28 kept, m2 top 20 not
                Arguments.of(Mode.DD, "h1", 10.0, List.of("h1", "m3"), List.of("h1", "m3")),
                // DD h1 14: stop 19; m2 (20) kept, m1 (16) not; d1 (33) and d2 (31) kept by their own path lengths,
                // sea (1) not. Travelled, d1 lies 17 km away.
                Arguments.of(Mode.DD, "h1", 14.0, List.of("h1", "m3", "m2", "d1", "d2"), List.of("h1", "m3", "m2")),
                // DD m2 7: stop 13; m1 (16) kept though 7 km cuts it in half; out (10), b1 (11), sea (1) not
                Arguments.of(Mode.DD, "m2", 7.0, List.of("m2", "m1", "d1", "d2"), List.of("m2", "m1", "d1", "d2")),
                Arguments.of(Mode.DM, "m2", 7.0, List.of("m2", "m1"), List.of("m2", "m1")),
                // DD m1 6: stop 10; out (top 10, exactly) and b1 (11) kept
                Arguments.of(Mode.DD, "m1", 6.0, List.of("m1", "out", "b1"), List.of("m1", "out", "b1")),
                // DD m1 5.5: stop 10.5; the minor path b1 (11) is kept while the main path's out (10) is not
                Arguments.of(Mode.DD, "m1", 5.5, List.of("m1", "b1"), List.of("m1")),
                Arguments.of(
                        Mode.DD,
                        "m3",
                        Double.POSITIVE_INFINITY,
                        List.of("m3", "m2", "m1", "out", "b1", "d1", "d2", "sea"),
                        List.of("m3", "m2", "m1", "out", "b1", "d1", "d2", "sea")),
                // UT m2 5: stop 16+5 = 21; m3 (20) kept though 5 km cuts it (8 km) in half, t1 (20) kept, h1 (28) not
                Arguments.of(Mode.UT, "m2", 5.0, List.of("m2", "m3", "t1"), List.of("m2", "m3", "t1")),
                // UT d2 5: stop 6; d1 (31) not
                Arguments.of(Mode.UT, "d2", 5.0, List.of("d2"), List.of("d2")),
                // UT d2 40: stop 41; d1 (31), m2 (16) through the diversion, m3, t1 (20), h1 (28) all kept.
                // Travelled, h1 lies 44 km upstream.
                Arguments.of(
                        Mode.UT,
                        "d2",
                        40.0,
                        List.of("d2", "d1", "m2", "m3", "t1", "h1"),
                        List.of("d2", "d1", "m2", "m3", "t1")),
                // UT out 12: stop 12; m1 (10), b1 (10) kept, m2 (16) not
                Arguments.of(Mode.UT, "out", 12.0, List.of("out", "m1", "b1"), List.of("out", "m1", "b1")),
                // UM out 15: the level path out, m1, m2, m3, h1; stop 15: m1 (10) kept, m2 (16) not
                Arguments.of(Mode.UM, "out", 15.0, List.of("out", "m1"), List.of("out", "m1")),
                Arguments.of(
                        Mode.UM,
                        "out",
                        9999.0,
                        List.of("out", "m1", "m2", "m3", "h1"),
                        List.of("out", "m1", "m2", "m3", "h1")));
    }

    @ParameterizedTest(name = "{0} from {1} within {2} km")
    @MethodSource("reachTable")
    void reachesFoundFromAWholeReach(Mode mode, String start, double km, List<String> nldi, List<String> liuyu) {
        assertThat(RIVER.navigate(Start.reach(start), mode, km, Semantics.NLDI).reaches())
                .extracting(Navigation.ReachHit::id)
                .as("NLDI")
                .containsExactlyInAnyOrderElementsOf(nldi);
        assertThat(RIVER.navigate(Start.reach(start), mode, km, Semantics.LIUYU).reaches())
                .extracting(Navigation.ReachHit::id)
                .as("Liuyu")
                .containsExactlyInAnyOrderElementsOf(liuyu);
    }

    @Test
    void distancesAreThoseTheRuleCompares() {
        Map<String, Double> km = new HashMap<>();
        for (Navigation.ReachHit h :
                RIVER.navigate(Start.reach("h1"), Mode.DD, 14, Semantics.NLDI).reaches()) {
            km.put(h.id(), h.distanceKm());
        }
        // start top 33 minus each reach's top: m3 28, m2 20, d1 33, d2 31
        assertThat(km)
                .containsExactlyInAnyOrderEntriesOf(Map.of("h1", 0.0, "m3", 5.0, "m2", 13.0, "d1", 0.0, "d2", 2.0));
    }

    @Test
    void sitesAreLinkedByDeclaredComidThenCatchmentThenDistance() {
        LinkedLayer sites = RIVER.linked("sites");
        ReachLink comid = ((LinkedFeature) sites.placement("s-comid")).link();
        assertThat(comid.reach()).isEqualTo("m3");
        assertThat(comid.method()).isEqualTo(ReachLink.Method.DECLARED);
        // the foot of the perpendicular is 0.005° of m3's 0.05° above its downstream end
        assertThat(comid.measure()).isCloseTo(10, Offset.offset(0.1));
        ReachLink catchment = ((LinkedFeature) sites.placement("s-catch")).link();
        assertThat(catchment.reach()).isEqualTo("t1");
        assertThat(catchment.method()).isEqualTo(ReachLink.Method.CATCHMENT);
        assertThat(catchment.offsetM()).isGreaterThan(1000);
        ReachLink near = ((LinkedFeature) sites.placement("s-near")).link();
        assertThat(near.reach()).isEqualTo("m1");
        assertThat(near.method()).isEqualTo(ReachLink.Method.NEAREST);
        assertThat(near.measure()).isCloseTo(50, Offset.offset(0.1));
        assertThat(((LinkedFeature) sites.placement("s-m2-high")).link().measure())
                .isCloseTo(90, Offset.offset(0.1));
        assertThat(((LinkedFeature) sites.placement("s-m2-low")).link().measure())
                .isCloseTo(10, Offset.offset(0.1));
    }

    private static List<String> sites(Mode mode, String from, double km, Semantics semantics) {
        List<String> out = new ArrayList<>();
        for (Navigation.FeatureHit h : RIVER.navigate(Start.feature("sites", from), mode, km, semantics)
                .features("sites")) {
            out.add(h.linked().feature().id());
        }
        return out;
    }

    @Test
    void nldiReturnsEveryLinkedFeatureOfAReachedReachWhereLiuyuCountsEachFeaturesOwnPosition() {
        // NLDI: UT from the whole of m2, stop 21: m2, m3, t1 and every site on them
        assertThat(sites(Mode.UT, "s-m2-high", 5, Semantics.NLDI))
                .containsExactlyInAnyOrder("s-m2-high", "s-m2-low", "s-comid", "s-catch");
        // Liuyu from the point (3.6 km above m2's downstream end): s-m2-low lies below it; s-comid is
        // 0.4 + 0.8 km away, s-catch (at t1's upstream end) 0.4 + 3 km
        assertThat(sites(Mode.UT, "s-m2-high", 5, Semantics.LIUYU)).containsExactly("s-m2-high", "s-comid", "s-catch");
        // 1 km: NLDI stop 17 keeps only m2; Liuyu only the start site itself
        assertThat(sites(Mode.UT, "s-m2-high", 1, Semantics.NLDI)).containsExactlyInAnyOrder("s-m2-high", "s-m2-low");
        assertThat(sites(Mode.UT, "s-m2-high", 1, Semantics.LIUYU)).containsExactly("s-m2-high");
        // DD from s-near on m1, 5.5 km: NLDI from the whole of m1 keeps b1 (no sites) but not out
        assertThat(sites(Mode.DD, "s-near", 5.5, Semantics.NLDI)).containsExactly("s-near");
        assertThat(RIVER.navigate(Start.feature("sites", "s-near"), Mode.DD, 5.5, Semantics.NLDI)
                        .reaches())
                .extracting(Navigation.ReachHit::id)
                .containsExactlyInAnyOrder("m1", "b1");
        // Liuyu from the point 3 km above m1's downstream end: out and b1 begin 3 km away
        assertThat(RIVER.navigate(Start.feature("sites", "s-near"), Mode.DD, 2.9, Semantics.LIUYU)
                        .reaches())
                .extracting(Navigation.ReachHit::id)
                .containsExactly("m1");
        assertThat(RIVER.navigate(Start.feature("sites", "s-near"), Mode.DD, 3.1, Semantics.LIUYU)
                        .reaches())
                .extracting(Navigation.ReachHit::id)
                .containsExactlyInAnyOrder("m1", "out", "b1");
    }

    @Test
    void positionAndBasinAnswerFromTheCatchmentLayer() {
        ReachLink at = RIVER.position(116.12, 40.08).orElseThrow();
        assertThat(at.reach()).isEqualTo("t1");
        assertThat(at.method()).isEqualTo(ReachLink.Method.CATCHMENT);
        // outside every catchment: the nearest reach within the tolerance, else nothing
        assertThat(RIVER.position(116.25, 40.002).orElseThrow().method()).isEqualTo(ReachLink.Method.NEAREST);
        assertThat(RIVER.position(116.25, 40.5)).isEmpty();
        // basin of m2 = catchments of t1 (0.08° square) and m3 (0.03°): their union; d2 drains them through d1
        assertThat(RIVER.basin(Start.reach("m2")).getArea()).isCloseTo(0.0073, Offset.offset(1e-10));
        assertThat(RIVER.basin(Start.reach("d2")).getArea()).isCloseTo(0.0073, Offset.offset(1e-10));
        assertThatThrownBy(() -> RIVER.basin(Start.reach("h1"))).hasMessageContaining("no catchment");
    }
}
