package liuyu.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NLDI-mode navigation on random dendritic and braided networks, with path lengths computed or
 * given at random (as a subset's or a careless source's would be), equals a direct implementation
 * of NLDI's recursive rules ({@link NldiOracle}).
 */
class NldiPropertyTest {

    static Stream<Arguments> networks() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (long seed = 1; seed <= 5; seed++) {
            b.add(Arguments.of("dendritic seed " + seed, GeneratedNetwork.dendritic(81, seed)));
            b.add(Arguments.of("braided seed " + seed, GeneratedNetwork.withDiversions(3, 31, 8, seed)));
            b.add(Arguments.of("reservoir seed " + seed, GeneratedNetwork.withReservoir(4, 11, seed)));
            b.add(Arguments.of(
                    "dendritic, random path lengths, seed " + seed,
                    randomPathlengths(GeneratedNetwork.dendritic(81, seed), seed)));
            b.add(Arguments.of(
                    "braided, random path lengths, seed " + seed,
                    randomPathlengths(GeneratedNetwork.withDiversions(3, 31, 8, seed), seed)));
            b.add(Arguments.of(
                    "braided with diverting outlets, seed " + seed,
                    divertingOutlets(GeneratedNetwork.withDiversions(3, 31, 8, seed))));
        }
        return b.build();
    }

    /** whole metres from 0 to 60 km, unrelated to the reach lengths */
    private static List<Reach> randomPathlengths(List<Reach> reaches, long seed) {
        Random random = new Random(seed * 31);
        List<Reach> out = new ArrayList<>();
        for (Reach r : reaches) {
            out.add(new Reach(
                    r.id(), r.lengthM(), r.downstream(), r.diversions(), r.mainstem(), random.nextInt(60_000)));
        }
        return out;
    }

    /**
     * Every outlet but the first also loses water to a reach of an earlier tree (links only to earlier
     * reaches keep it acyclic): NLDI's DD does not leave a terminal reach, even by such a link.
     */
    private static List<Reach> divertingOutlets(List<Reach> reaches) {
        List<Reach> out = new ArrayList<>(reaches);
        for (int i = 1; i < out.size(); i++) {
            Reach r = out.get(i);
            if (r.downstream() == null) {
                List<String> divs = new ArrayList<>(r.diversions());
                divs.add(out.get(i / 2).id());
                out.set(i, new Reach(r.id(), r.lengthM(), null, divs, r.mainstem(), r.pathlengthM()));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void everyModeFromEveryReachEqualsNldisRecursiveRules(String name, List<Reach> reaches) {
        Network net = new NetworkBuilder().build(reaches).network();
        // the oracle follows the level paths the network derived where the generator gave none
        List<Reach> withStems = new ArrayList<>();
        for (Reach r : reaches) {
            withStems.add(new Reach(
                    r.id(),
                    r.lengthM(),
                    r.downstream(),
                    r.diversions(),
                    net.mainstem(net.index(r.id())),
                    r.pathlengthM()));
        }
        NldiOracle oracle = new NldiOracle(withStems);
        double[] limits = {Double.POSITIVE_INFINITY, 0, 1500, 4000, 12_000, 30_000};
        for (Reach r : reaches) {
            int start = net.index(r.id());
            for (Mode mode : List.of(Mode.UM, Mode.UT, Mode.DM, Mode.DD)) {
                for (double limit : limits) {
                    Reached found = net.navigateNldi(mode, start, limit);
                    Map<String, Double> got = new HashMap<>();
                    for (int i = 0; i < found.size(); i++) {
                        assertThat(got.put(net.id(found.reaches()[i]), found.distancesM()[i]))
                                .as("reach returned twice")
                                .isNull();
                    }
                    assertThat(got)
                            .as("%s from %s within %s m", mode, r.id(), limit)
                            .isEqualTo(oracle.navigate(mode, r.id(), limit));
                }
            }
        }
    }
}
