package liuyu.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The anomaly rules on synthetic series whose spikes, flat runs, range breaks and gaps are known (worked by hand). */
class DetectorTest {

    static AnomalyRule rule(AnomalyRule.Kind kind) {
        return new AnomalyRule(
                "t", kind, Set.of(), Set.of(), Set.of(), null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    static AnomalyRule range(String min, String max) {
        AnomalyRule r = rule(AnomalyRule.Kind.RANGE);
        return new AnomalyRule(
                r.id(),
                r.kind(),
                r.parameters(),
                r.sources(),
                r.sites(),
                new BigDecimal(min),
                new BigDecimal(max),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static AnomalyRule flat(int readings) {
        return new AnomalyRule(
                "t",
                AnomalyRule.Kind.FLAT,
                Set.of(),
                Set.of(),
                Set.of(),
                null,
                null,
                readings,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static AnomalyRule spike(int window, String factor, String minSpread) {
        return new AnomalyRule(
                "t",
                AnomalyRule.Kind.SPIKE,
                Set.of(),
                Set.of(),
                Set.of(),
                null,
                null,
                null,
                window,
                new BigDecimal(factor),
                new BigDecimal(minSpread),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static AnomalyRule gap(Duration interval, int missing, Duration grace) {
        return new AnomalyRule(
                "t",
                AnomalyRule.Kind.GAP,
                Set.of(),
                Set.of(),
                Set.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                interval,
                missing,
                grace,
                Duration.ofDays(2),
                null,
                null,
                null,
                null);
    }

    static AnomalyRule manual(String tolerance, String absolute) {
        return new AnomalyRule(
                "t",
                AnomalyRule.Kind.MANUAL,
                Set.of(),
                Set.of(),
                Set.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new BigDecimal(tolerance),
                new BigDecimal(absolute),
                Duration.ofHours(2),
                null);
    }

    static List<BigDecimal> values(String... v) {
        return Arrays.stream(v).map(BigDecimal::new).toList();
    }

    static Stream<Arguments> series() {
        return Stream.of(
                // range [0, 50]: 51, -1 and 50.01 are out; the bounds themselves are in
                Arguments.of("range", range("0", "50"), values("1", "51", "-1", "50", "0", "50.01"), List.of(1, 2, 5)),
                Arguments.of(
                        "negative", rule(AnomalyRule.Kind.NEGATIVE), values("0.5", "-0.01", "0", "-3"), List.of(1, 3)),
                // five 2s (2.0 equals 2): the 4th and 5th close a run of 4; four 3s: the 4th
                Arguments.of(
                        "flat of 4",
                        flat(4),
                        values("1", "2", "2.0", "2", "2.00", "2", "3", "3", "3", "3"),
                        List.of(4, 5, 9)),
                Arguments.of("flat interrupted", flat(3), values("5", "5", "6", "5", "5", "7"), List.of()),
                // i=6: median 1.05 of [1.2 0.9 1.1 1.0 1.05], MAD 0.05, 1.95 > 5 × 0.05; i=8: 0.85 > 0.25 below;
                // i=7 (1.0) is 0.05 from its median; the first five are not judged (window 5)
                Arguments.of(
                        "spike up and down",
                        spike(5, "5", "0"),
                        values("1.0", "1.2", "0.9", "1.1", "1.0", "1.05", "3.0", "1.0", "0.2"),
                        List.of(6, 8)),
                // flat history: MAD 0, spread floor 0.1 × 2 = 0.2, limit 0.6: 2.5 (0.5 off) passes, 2.7 (0.7) does not
                Arguments.of(
                        "spike over a flat history, floor",
                        spike(3, "3", "0.1"),
                        values("2", "2", "2", "2.5", "2", "2.7"),
                        List.of(5)),
                Arguments.of(
                        "spike over a flat history, no floor",
                        spike(3, "3", "0"),
                        values("2", "2", "2", "2.5", "2", "2.7"),
                        List.of(3, 5)),
                Arguments.of("spike needs a full window", spike(5, "2", "0"), values("1", "1", "9", "1"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("series")
    void aSeriesIsFlaggedWhereExpected(String name, AnomalyRule rule, List<BigDecimal> values, List<Integer> flagged) {
        assertThat(Detector.series(rule, values)).isEqualTo(flagged);
    }

    @Test
    void aGapCountsWholeIntervalsAfterTheGrace() {
        AnomalyRule r = gap(Duration.ofHours(1), 2, Duration.ofMinutes(10));
        Instant last = Instant.parse("2025-06-01T10:00:00Z");
        List<Object[]> table = List.of(
                new Object[] {"2025-06-01T10:05:00Z", 0L},
                new Object[] {"2025-06-01T11:09:59Z", 0L},
                new Object[] {"2025-06-01T11:10:00Z", 1L},
                new Object[] {"2025-06-01T12:09:59Z", 1L},
                new Object[] {"2025-06-01T12:10:00Z", 2L},
                new Object[] {"2025-06-01T15:10:00Z", 5L});
        List<String> gaps = new ArrayList<>();
        for (Object[] row : table) {
            Instant now = Instant.parse((String) row[0]);
            assertThat(Detector.missingReadings(r, last, now))
                    .as((String) row[0])
                    .isEqualTo(row[1]);
            Detector.gap(r, last, now).ifPresent(d -> gaps.add((String) row[0]));
        }
        assertThat(gaps).containsExactly("2025-06-01T12:10:00Z", "2025-06-01T15:10:00Z");
        assertThat(Detector.gap(r, last, Instant.parse("2025-06-01T12:10:00Z")).orElseThrow())
                .startsWith("2 expected reading(s) missing: none since 2025-06-01T10:00:00Z");
    }

    @Test
    void anAutomaticValueDisagreesBeyondTheLargerOfRelativeAndAbsoluteTolerance() {
        AnomalyRule r = manual("0.2", "0.05");
        // manual 1.0: allowed 0.2
        assertThat(Detector.disagrees(r, new BigDecimal("1.2"), new BigDecimal("1.0"), "m"))
                .isEmpty();
        assertThat(Detector.disagrees(r, new BigDecimal("1.21"), new BigDecimal("1.0"), "m"))
                .isPresent();
        assertThat(Detector.disagrees(r, new BigDecimal("0.79"), new BigDecimal("1.0"), "m"))
                .isPresent();
        // manual 0.1: 20 % is 0.02, the absolute 0.05 governs
        assertThat(Detector.disagrees(r, new BigDecimal("0.15"), new BigDecimal("0.1"), "m"))
                .isEmpty();
        assertThat(Detector.disagrees(r, new BigDecimal("0.16"), new BigDecimal("0.1"), "m")
                        .orElseThrow())
                .isEqualTo("automatic 0.16 differs from the manual comparison 0.1 (m) by 0.06, more than 0.05");
    }

    @Test
    void aSpikeNamesItsMedianAndSpread() {
        assertThat(Detector.spike(spike(5, "5", "0"), new BigDecimal("3.0"), values("1.2", "0.9", "1.1", "1.0", "1.05"))
                        .orElseThrow())
                .isEqualTo(
                        "value 3 is 1.95 from the median 1.05 of the last 5 readings; limit 5 × spread 0.05 (MAD 0.05)");
    }

    @Test
    void theShippedRulesRead() {
        List<AnomalyRule> rules = AnomalyRules.read(Path.of("gis/anomalies.yaml"));
        assertThat(rules)
                .extracting(AnomalyRule::id)
                .containsExactly(
                        "ph-range",
                        "do-range",
                        "nh3n-range",
                        "tp-range",
                        "codmn-range",
                        "negative",
                        "flat-6",
                        "spike-mad",
                        "gap-hourly",
                        "manual-comparison");
        AnomalyRule spike = rules.get(7);
        assertThat(spike.window()).isEqualTo(12);
        assertThat(spike.factor()).isEqualByComparingTo("6");
        assertThat(rules.get(8).interval()).isEqualTo(Duration.ofHours(1));
        assertThat(rules.get(2).parameters()).containsExactly("NH3-N");
    }

    @Test
    void aBadRulesFileNamesEveryProblem() {
        List<String> problems = new ArrayList<>();
        AnomalyRules.parse(
                List.of(
                        new AnomalyRules.Entry(
                                "r1",
                                "range",
                                List.of("NH3-N"),
                                null,
                                null,
                                "5",
                                "5",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null),
                        new AnomalyRules.Entry(
                                "r1",
                                "negative",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null),
                        new AnomalyRules.Entry(
                                "r2", "wobble", null, null, null, null, null, null, null, null, null, null, null, null,
                                null, null, null, null, null),
                        new AnomalyRules.Entry(
                                "r3",
                                "flat",
                                List.of("nonsense"),
                                List.of("fax"),
                                null,
                                null,
                                null,
                                1,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null),
                        new AnomalyRules.Entry(
                                "r4", "gap", null, null, null, null, null, null, null, null, null, "an hour", 2, null,
                                null, null, null, null, null)),
                problems);
        assertThat(problems).hasSize(7);
        assertThat(problems.get(0)).isEqualTo("rule 'r1': a range rule needs min < max");
        assertThat(problems.get(1)).isEqualTo("rules[1].id 'r1' is given twice");
        assertThat(problems.get(2)).startsWith("rule 'r2': kind must be one of");
        assertThat(problems.get(3)).startsWith("rule 'r3': parameter 'nonsense' is unknown");
        assertThat(problems.get(4)).startsWith("rule 'r3': sources must be among");
        assertThat(problems.get(5)).isEqualTo("rule 'r3': a flat rule needs readings from 2 to 1000");
        assertThat(problems.get(6)).startsWith("rule 'r4'.interval is not an ISO 8601 duration");
    }
}
