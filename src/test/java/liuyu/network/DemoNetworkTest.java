package liuyu.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.Feature;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

/** Known answers on the bundled demo atlas (gis/): Miyun's inflows, the dam, 潮白河 and the 京密引水渠 diversion. */
class DemoNetworkTest {
    private static final RiverNetwork DEMO = RiverNetwork.of(
            new AtlasLoader().load(Path.of("gis")), new NetworkProperties("rivers", "catchments", 1000, 5));

    private static List<String> reaches(Navigation n) {
        return n.reaches().stream().map(Navigation.ReachHit::id).toList();
    }

    private static List<String> features(Navigation n, String layer) {
        return n.features(layer).stream().map(h -> h.linked().feature().id()).toList();
    }

    @Test
    void everySectionAndOutfallOfTheDemoIsLinkedToItsDeclaredReach() {
        for (String layer : List.of("sections", "outfalls")) {
            LinkedLayer linked = DEMO.linked(layer);
            assertThat(linked.unlinked()).as(layer).isEmpty();
            for (Placement p : linked.placements()) {
                assertThat(((LinkedFeature) p).link().reach())
                        .isEqualTo(p.feature().string("reach"));
            }
        }
    }

    /**
     * The linker's own answer, not the declaration read back: each demo section and outfall, taken as a bare position
     * that declares nothing, is linked (no catchments in the demo: to the nearest reach within 1 km) to the reach the
     * data's author named for it.
     */
    @Test
    void everySectionAndOutfallAsABarePositionIsLinkedToTheReachItsDataNames() {
        Map<String, String> otherwise = new TreeMap<>();
        int checked = 0;
        for (String layer : List.of("sections", "outfalls")) {
            for (Feature f : DEMO.atlas().layer(layer).features()) {
                Coordinate c = f.geometry().getCoordinate();
                Optional<ReachLink> link = DEMO.position(c.x, c.y);
                assertThat(link).as(layer + "/" + f.id()).isPresent();
                assertThat(link.get().method()).isEqualTo(ReachLink.Method.NEAREST);
                if (!link.get().reach().equals(f.string("reach"))) {
                    otherwise.put(layer + "/" + f.id(), link.get().reach());
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
        // the points the data places by declaration, not by position, each where reaches meet or inside a reservoir:
        // 北关闸 sits where the Wenyu becomes the North Canal (declared wenyu-1, nearest beiyun-1); the reservoir's
        // section lies inside it, nearest the Bai's path (declared: the outlet); the Tang-Bai confluence section is
        // at the junction (declared tang-2, nearest bai-1)
        assertThat(otherwise)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "sections/beiguanzha",
                        "beiyun-1",
                        "sections/miyun-reservoir",
                        "miyun-path-bai",
                        "sections/tang-bai-confluence",
                        "bai-1"));
    }

    @Test
    void aBarePositionFarFromEveryReachIsNotLinked() {
        assertThat(DEMO.position(116.10, 39.60))
                .as("房山 plain, tens of km from the demo rivers")
                .isEmpty();
    }

    @Test
    void upstreamWithTributariesFromTheMiyunReservoirSectionFindsGubeikouAndTheOutfallsOnChaoAndBai() {
        Navigation ut = DEMO.navigate(Start.feature("sections", "miyun-reservoir"), Mode.UT, 500, Semantics.LIUYU);
        assertThat(reaches(ut))
                .contains(
                        "chao-1",
                        "chao-2",
                        "bai-1",
                        "bai-2",
                        "tang-1",
                        "tang-2",
                        "qingshui-1",
                        "baimaguan-1",
                        "miyun-path-chao",
                        "miyun-path-bai",
                        "miyun-path-outlet");
        assertThat(reaches(ut)).doesNotContain("bai-3", "chaobai-1", "jingmi-1");
        assertThat(features(ut, "sections"))
                .contains("gubeikou", "miyun-reservoir", "chao-entering-reservoir", "bai-entering-reservoir");
        // miyun-water-ecology-2023/2.2.3.1 — 潮河 and 白河 are Miyun's inflows; syn-of-01/02 lie on 潮河, 03/04 on 白河, 05 on
        // its tributary 汤河
        assertThat(features(ut, "outfalls"))
                .containsExactlyInAnyOrder("syn-of-01", "syn-of-02", "syn-of-03", "syn-of-04", "syn-of-05");
        assertThat(ut.features("sections").get(0).distanceKm()).isZero();
    }

    @Test
    void downstreamMainFromGubeikouPassesTheReservoirAndContinuesDownTheChaobai() {
        Navigation dm = DEMO.navigate(Start.feature("sections", "gubeikou"), Mode.DM, 500, Semantics.LIUYU);
        assertThat(reaches(dm))
                .containsExactly("chao-1", "chao-2", "miyun-path-chao", "miyun-path-outlet", "bai-3", "chaobai-1");
        assertThat(features(dm, "sections")).contains("miyun-reservoir", "miyun-town-landscape");
        assertThat(features(dm, "outfalls")).contains("syn-of-06", "syn-of-07", "syn-of-10");
    }

    @Test
    void downstreamWithDiversionsFromTheReservoirAlsoFollowsTheJingmiCanal() {
        Navigation dd = DEMO.navigate(Start.feature("sections", "miyun-reservoir"), Mode.DD, 500, Semantics.LIUYU);
        assertThat(reaches(dd)).contains("miyun-path-outlet", "bai-3", "chaobai-1", "jingmi-1", "jingmi-2");
        Navigation dm = DEMO.navigate(Start.feature("sections", "miyun-reservoir"), Mode.DM, 500, Semantics.LIUYU);
        assertThat(reaches(dm)).doesNotContain("jingmi-1");
    }

    @Test
    void theConstantTimeUpstreamTestKnowsTheCanalDrainsTheReservoirButNotTheChao() {
        assertThat(DEMO.isUpstream("chao-1", "jingmi-2")).isTrue();
        assertThat(DEMO.isUpstream("chao-1", "chaobai-1")).isTrue();
        assertThat(DEMO.isUpstream("jingmi-1", "chaobai-1")).isFalse();
        assertThat(DEMO.isUpstream("chaobai-1", "chao-1")).isFalse();
    }
}
