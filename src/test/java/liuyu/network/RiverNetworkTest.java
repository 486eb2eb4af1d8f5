package liuyu.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import liuyu.atlas.Atlas;
import liuyu.atlas.Feature;
import liuyu.atlas.GeometryKind;
import liuyu.atlas.Layer;
import liuyu.atlas.LayerInfo;
import liuyu.atlas.Method;
import liuyu.atlas.Provenance;
import liuyu.geo.GeoJson;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/** Linking points to reaches with measures and a tolerance, starts from points and positions, and basins. */
class RiverNetworkTest {
    private static final Provenance TEST = new Provenance(Method.SYNTHETIC, "test", "CC0-1.0", "none", false);
    // About 85 km per degree of longitude and 111 km per degree of latitude at 40° N.
    private static final double METRE_LAT = 1 / 111_000.0;

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

    private static Geometry line(double x1, double y1, double x2, double y2) {
        return GeoJson.FACTORY.createLineString(new Coordinate[] {new Coordinate(x1, y1), new Coordinate(x2, y2)});
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

    /** a (10 km) flows east into b (10 km); a side stream s flows into b too */
    private static Atlas atlas(Layer... more) {
        List<Layer> layers = new java.util.ArrayList<>(List.of(
                layer(
                        "rivers",
                        GeometryKind.LINE,
                        feature("rivers", "a", line(116.0, 40.0, 116.1, 40.0), "downstream", "b", "lengthKm", 10),
                        feature("rivers", "b", line(116.1, 40.0, 116.2, 40.0), "downstream", null, "lengthKm", 10),
                        feature("rivers", "s", line(116.1, 40.1, 116.1, 40.0), "downstream", "b", "lengthKm", 5)),
                layer(
                        "outfalls",
                        GeometryKind.POINT,
                        feature("outfalls", "quarter", point(116.025, 40.0 + 300 * METRE_LAT)),
                        feature("outfalls", "far", point(116.05, 40.0 + 2000 * METRE_LAT)),
                        feature("outfalls", "declared-far", point(116.05, 40.0 + 300 * METRE_LAT), "reach", "s"),
                        feature("outfalls", "declared-unknown", point(116.05, 40.0), "reach", "zz"))));
        layers.addAll(List.of(more));
        return new Atlas("t", "t", "1", layers);
    }

    private static final NetworkProperties SETTINGS = new NetworkProperties("rivers", "catchments", 1000, 5);

    @Test
    void aPointWithinTheToleranceIsLinkedToTheNearestReachWithAMeasureFromTheDownstreamEnd() {
        RiverNetwork river = RiverNetwork.of(atlas(), SETTINGS);
        LinkedFeature quarter = (LinkedFeature) river.linked("outfalls").placement("quarter");
        assertThat(quarter.link().reach()).isEqualTo("a");
        assertThat(quarter.link().measure()).isCloseTo(75, org.assertj.core.data.Offset.offset(0.5));
        assertThat(quarter.link().fromDownstreamM()).isCloseTo(7500, org.assertj.core.data.Offset.offset(50.0));
        assertThat(quarter.link().offsetM()).isCloseTo(300, org.assertj.core.data.Offset.offset(5.0));
    }

    @Test
    void pointsBeyondTheToleranceOrOnAnUnknownDeclaredReachAreReportedNotLinkedAndADeclaredReachWinsAtAnyDistance() {
        RiverNetwork river = RiverNetwork.of(atlas(), SETTINGS);
        assertThat(((Unlinked) river.linked("outfalls").placement("far")).reason())
                .contains("no reach lies within")
                .contains("1000 m");
        // as in NLDI, a point's declared reach wins however far the point lies from it (here 4.3 km)
        ReachLink declared = ((LinkedFeature) river.linked("outfalls").placement("declared-far")).link();
        assertThat(declared.reach()).isEqualTo("s");
        assertThat(declared.method()).isEqualTo(ReachLink.Method.DECLARED);
        assertThat(declared.offsetM()).isBetween(4000.0, 4600.0);
        assertThat(((Unlinked) river.linked("outfalls").placement("declared-unknown")).reason())
                .contains("'zz'");
        assertThat(river.problems())
                .filteredOn(p -> p.code().equals("not-linked"))
                .extracting(p -> p.ids().get(0))
                .containsExactlyInAnyOrder("far", "declared-unknown");
        assertThatThrownBy(() -> river.navigate(Start.feature("outfalls", "far"), Mode.DM, 10, Semantics.LIUYU))
                .isInstanceOfSatisfying(
                        NavigationException.class,
                        e -> assertThat(e.reason()).isEqualTo(NavigationException.Reason.NOT_FOUND));
    }

    @Test
    void fromALinkedPointDistancesCountFromThePointItself() {
        RiverNetwork river = RiverNetwork.of(atlas(), SETTINGS);
        // "quarter" lies 7.5 km above a's downstream end: b begins 7.5 km downstream of it
        Navigation dm = river.navigate(Start.feature("outfalls", "quarter"), Mode.DM, 7.4, Semantics.LIUYU);
        assertThat(dm.reaches()).extracting(Navigation.ReachHit::id).containsExactly("a");
        Navigation dm2 = river.navigate(Start.feature("outfalls", "quarter"), Mode.DM, 7.6, Semantics.LIUYU);
        assertThat(dm2.reaches()).extracting(Navigation.ReachHit::id).containsExactly("a", "b");
        assertThat(dm2.reaches().get(1).distanceKm()).isCloseTo(7.5, org.assertj.core.data.Offset.offset(0.05));
        // upstream from a point on b's upstream end includes the side stream but not a point below the start
        Navigation fromPosition = river.navigate(Start.position(116.1 + 1e-9, 40.0), Mode.UT, 100, Semantics.LIUYU);
        assertThat(fromPosition.reaches()).extracting(Navigation.ReachHit::id).containsExactlyInAnyOrder("b", "a", "s");
        // declared-far is declared on s, 4.3 km off its line, and projects onto s's downstream end
        assertThat(fromPosition.features("outfalls"))
                .extracting(h -> h.linked().feature().id())
                .containsExactly("declared-far", "quarter");
    }

    @Test
    void theBasinIsTheUnionOfTheCatchmentsOfEveryReachUpstream() {
        RiverNetwork river = RiverNetwork.of(
                atlas(layer(
                        "catchments",
                        GeometryKind.POLYGON,
                        feature("catchments", "ca", square(116.0, 39.95, 0.1), "reach", "a"),
                        feature("catchments", "cb", square(116.1, 39.95, 0.1), "reach", "b"),
                        feature("catchments", "cs", square(116.1, 40.05, 0.1), "reach", "s"))),
                SETTINGS);
        assertThat(river.basin(Start.reach("a")).getArea()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(river.basin(Start.reach("b")).getArea()).isCloseTo(0.03, org.assertj.core.data.Offset.offset(1e-9));
        assertThatThrownBy(() -> RiverNetwork.of(atlas(), SETTINGS).basin(Start.reach("b")))
                .hasMessageContaining("no catchment layer 'catchments'");
    }

    @Test
    void anAtlasWithoutARiverLayerHasAnEmptyNetworkThatSaysSo() {
        RiverNetwork river = RiverNetwork.of(
                new Atlas(
                        "t",
                        "t",
                        "1",
                        List.of(layer("outfalls", GeometryKind.POINT, feature("outfalls", "o", point(116, 40))))),
                SETTINGS);
        assertThat(river.network().size()).isZero();
        assertThat(river.problems()).extracting(Problem::code).contains("no-network", "not-linked");
        assertThatThrownBy(() -> river.navigate(Start.reach("a"), Mode.UT, 10, Semantics.LIUYU))
                .isInstanceOf(NavigationException.class);
    }

    @Test
    void anAtlasWhoseRiversFormACycleCannotBuildANetworkAndSaysWhere() {
        Atlas looped = new Atlas(
                "t",
                "t",
                "1",
                List.of(layer(
                        "rivers",
                        GeometryKind.LINE,
                        feature("rivers", "a", line(116.0, 40.0, 116.1, 40.0), "downstream", "b"),
                        feature("rivers", "b", line(116.1, 40.0, 116.0, 40.0), "downstream", "a"))));
        assertThatThrownBy(() -> RiverNetwork.of(looped, SETTINGS))
                .isInstanceOf(NetworkImportException.class)
                .hasMessageContaining("cycle")
                .hasMessageContaining("a → b");
    }
}
