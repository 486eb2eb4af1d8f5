package liuyu.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every navigation on generated networks equals the breadth-first-search oracle, to the metre. */
class NavigationPropertyTest {

    static Stream<Arguments> networks() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (long seed = 1; seed <= 6; seed++) {
            b.add(Arguments.of("dendritic seed " + seed, GeneratedNetwork.dendritic(81, seed)));
            b.add(Arguments.of("diversions seed " + seed, GeneratedNetwork.withDiversions(3, 31, 6, seed)));
            b.add(Arguments.of("reservoir seed " + seed, GeneratedNetwork.withReservoir(4, 11, seed)));
        }
        return b.build();
    }

    private static Map<String, Double> asMap(Network net, Reached r) {
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < r.size(); i++) {
            assertThat(m.put(net.id(r.reaches()[i]), r.distancesM()[i]))
                    .as("reach returned twice")
                    .isNull();
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void everyModeFromEveryReachAndFromPointsOnItEqualsTheOracle(String name, List<Reach> reaches) {
        Network net = new NetworkBuilder().build(reaches).network();
        NetworkOracle oracle = new NetworkOracle(reaches);
        Random random = new Random(name.hashCode());
        double[] limits = {Double.POSITIVE_INFINITY, 0, 1500, 4000, 12_000};
        for (Reach r : reaches) {
            int start = net.index(r.id());
            double fromDown = 1 + random.nextInt((int) r.lengthM() - 1);
            for (Mode mode : List.of(Mode.UM, Mode.UT, Mode.DM, Mode.DD)) {
                for (double limit : limits) {
                    assertThat(asMap(net, net.navigate(mode, Origin.reach(start), limit)))
                            .as("%s from reach %s within %s m", mode, r.id(), limit)
                            .isEqualTo(oracle.navigate(mode, r.id(), null, limit));
                    assertThat(asMap(net, net.navigate(mode, Origin.point(start, fromDown), limit)))
                            .as(
                                    "%s from %s m above the downstream end of %s within %s m",
                                    mode, fromDown, r.id(), limit)
                            .isEqualTo(oracle.navigate(mode, r.id(), fromDown, limit));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void pointToPointIsAShortestDownstreamPathFromStartToStop(String name, List<Reach> reaches) {
        Network net = new NetworkBuilder().build(reaches).network();
        NetworkOracle oracle = new NetworkOracle(reaches);
        int checked = 0;
        for (Reach a : reaches) {
            Map<String, Double> below = oracle.navigate(Mode.DD, a.id(), null, Double.POSITIVE_INFINITY);
            for (Map.Entry<String, Double> stop : below.entrySet()) {
                if (stop.getKey().equals(a.id())) {
                    continue;
                }
                Reached path = net.pointToPoint(
                        Origin.reach(net.index(a.id())), net.index(stop.getKey()), Double.POSITIVE_INFINITY);
                assertThat(net.id(path.reaches()[0])).isEqualTo(a.id());
                assertThat(net.id(path.reaches()[path.size() - 1])).isEqualTo(stop.getKey());
                assertThat(path.distancesM()[path.size() - 1]).isEqualTo(stop.getValue());
                for (int i = 1; i < path.size(); i++) {
                    assertThat(net.downstream(path.reaches()[i - 1])).contains(path.reaches()[i]);
                }
                checked++;
            }
        }
        assertThat(checked).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void theConstantTimeUpstreamTestAgreesWithTheOracleOnAllPairs(String name, List<Reach> reaches) {
        Network net = new NetworkBuilder().build(reaches).network();
        NetworkOracle oracle = new NetworkOracle(reaches);
        int upstreamPairs = 0;
        for (Reach a : reaches) {
            for (Reach b : reaches) {
                boolean expected = oracle.isUpstream(a.id(), b.id());
                assertThat(net.isUpstream(net.index(a.id()), net.index(b.id())))
                        .as("%s upstream of %s", a.id(), b.id())
                        .isEqualTo(expected);
                upstreamPairs += expected ? 1 : 0;
            }
        }
        assertThat(upstreamPairs).isPositive();
    }
}
