package liuyu.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.AtlasStore;
import liuyu.storage.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /quality/targets} sums each section's year in SQL (H2 and PostgreSQL); the oracle is the computation it
 * replaced: every section's {@link QualityService#quality} (all observations read, every sample classed) and the
 * Miyun TN mean of {@link Measurement#mean(List)} over the latest values, on seeded random observations with
 * corrections, values below detection limits, flagged and missing values, synthetic rows and other years.
 */
@Tag("integration")
class TargetsInSqlTest {
    private static final Atlas DEMO = new AtlasLoader().load(Path.of("gis"));
    private static final TnBaseline TN = new TnBaseline("miyun-reservoir", 2021, new BigDecimal("1.20"), "test", true);
    private static final int YEAR = 2025;

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("h2", 1L),
                Arguments.of("h2", 2L),
                Arguments.of("h2", 3L),
                Arguments.of("postgres", 1L),
                Arguments.of("postgres", 4L));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("databases")
    void theYearSummedInSqlGivesTheAnswerOfClassingEverySectionFromAllItsObservations(String database, long seed) {
        TestDatabase db = database.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres();
        Sections sections = new Sections(new AtlasStore(DEMO));
        QualityService service = new QualityService(sections, db.store(), new Classifier(), TN);
        List<Section> all = sections.all();
        assertThat(all).extracting(Section::id).contains(TN.section());
        seed(db, all, new Random(seed));

        Targets targets = service.targets(YEAR);

        Period period = Period.year(YEAR);
        List<Targets.SectionClass> expected = new ArrayList<>();
        int classed = 0;
        int good = 0;
        int worst = 0;
        for (Section s : all) {
            SectionQuality q = service.quality(s, period, Profile.FULL, Rounding.REPORTED);
            expected.add(new Targets.SectionClass(
                    s.id(), s.nameZh(), q.waterClass(), s.targetClass(), q.meetsTarget(), q.synthetic()));
            if (q.waterClass() != null) {
                classed++;
                good += q.waterClass().worseThan(WaterClass.III) ? 0 : 1;
                worst += q.waterClass() == WaterClass.WORSE_THAN_V ? 1 : 0;
            }
        }
        assertThat(targets.sections()).isEqualTo(expected);
        assertThat(classed).as("the seeding classes most sections").isGreaterThan(all.size() / 2);
        assertThat(expected.stream()
                        .map(Targets.SectionClass::waterClass)
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .count())
                .as("several classes occur")
                .isGreaterThanOrEqualTo(3);
        assertThat(targets.sectionsClassed()).isEqualTo(classed);
        assertThat(targets.atClassIIIOrBetter()).isEqualTo(good);
        assertThat(targets.worseThanV()).isEqualTo(worst);

        List<Measurement> tn = new ArrayList<>();
        for (Observation o : db.store().latest(TN.section(), period.from(), period.to())) {
            if (!o.abnormal() && !o.missing() && o.parameter() == Parameter.TN) {
                tn.add(QualityService.measurement(o));
            }
        }
        Measurement m = Measurement.mean(tn);
        assertThat(targets.miyunTotalNitrogen().mean())
                .isEqualTo(m.value().setScale(m.decimals(), RoundingMode.HALF_EVEN));
    }

    /** Random observations of every section: in the year and just outside it, some corrected, flagged, missing or synthetic. */
    private static void seed(TestDatabase db, List<Section> sections, Random random) {
        Parameter[] parameters = Parameter.values();
        OffsetDateTime start = OffsetDateTime.parse(YEAR + "-01-01T00:00:00+08:00");
        List<Observation> batch = new ArrayList<>();
        List<Observation> corrections = new ArrayList<>();
        int n = 0;
        for (Section s : sections) {
            if (random.nextInt(8) == 0 && !s.id().equals(TN.section())) {
                continue; // a section without observations: no class
            }
            double level = 0.05 + random.nextDouble() * 1.6; // the section's water, from clean to bad
            int samples = 1 + random.nextInt(6);
            for (int k = 0; k < samples; k++) {
                // a few samples fall just outside the year on either side
                OffsetDateTime at = random.nextInt(10) == 0
                        ? start.minusMinutes(1 + random.nextInt(60))
                        : random.nextInt(10) == 0
                                ? start.plusYears(1).plusMinutes(random.nextInt(60))
                                : start.plusMinutes(random.nextInt(365 * 24 * 60));
                boolean synthetic = random.nextInt(5) == 0;
                for (Parameter p : parameters) {
                    if (random.nextInt(3) == 0 && !(p == Parameter.TN && s.id().equals(TN.section()))) {
                        continue;
                    }
                    Observation o = observation(s.id() + "-" + n++, s.id(), at, p, level, random, synthetic);
                    batch.add(o);
                    if (random.nextInt(12) == 0) {
                        corrections.add(observation(o.id(), s.id(), at, p, level, random, synthetic));
                    }
                }
            }
        }
        db.store().append("monitor", batch);
        for (Observation c : corrections) {
            assertThat(db.store().correct("reviewer", c, "re-analysed"))
                    .as(c.id())
                    .isPresent();
        }
    }

    private static Observation observation(
            String id, String site, OffsetDateTime at, Parameter p, double level, Random random, boolean synthetic) {
        BigDecimal[] limits = p.limits(Waterbody.RIVER);
        double base = p == Parameter.PH ? 7 : limits == null ? 10 : limits[2].doubleValue();
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(base)) + random.nextInt(3));
        double jitter = 0.8 + random.nextDouble() * 0.4;
        double raw = p == Parameter.PH
                ? (random.nextInt(20) == 0 ? 5.5 : 6.5 + random.nextDouble() * 2)
                : p == Parameter.DO ? base * Math.max(0.1, 2.2 - level * jitter) : base * level * jitter;
        BigDecimal value = BigDecimal.valueOf(raw).setScale(decimals, RoundingMode.HALF_EVEN);
        boolean below = p.kind() == Parameter.Kind.NOT_HIGHER_THAN && random.nextInt(6) == 0;
        if (below && value.signum() == 0) {
            value = BigDecimal.ONE.movePointLeft(decimals);
        }
        String abnormal = random.nextInt(15) == 0 ? "instrument drift" : null;
        boolean missing = abnormal == null && random.nextInt(15) == 0;
        Observation.Source source = synthetic
                ? new Observation.Source(Observation.Source.SYNTHETIC, null, null)
                : new Observation.Source(Observation.Source.MANUAL, null, null);
        String unit = p.unit().code();
        return new Observation(
                id,
                0,
                site,
                at,
                p,
                missing ? null : value,
                unit,
                missing ? "--" : value.toPlainString(),
                unit,
                below && !missing,
                "test",
                source,
                abnormal,
                new Observation.People("张采样", "李分析", "王审核", "赵签字"),
                null,
                null,
                null);
    }
}
