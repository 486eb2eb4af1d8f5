package liuyu.outfalls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import liuyu.atlas.AtlasSchema;
import liuyu.storage.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ledger's tables on both records databases — H2 (the embedded default) and a real PostgreSQL
 * (the throwaway cluster; production): records round-trip field for field, racing writers cannot
 * both win, and a second instance on the same database sees the first one's writes.
 */
@Tag("integration")
class LedgerStoreTest {

    static TestDatabase database(String kind) {
        return kind.equals("postgres") ? TestDatabase.postgres() : TestDatabase.h2();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRecordRoundTripsFieldForFieldWithItsVersionsAndSteps(String kind) {
        LedgerFixture.Ledger ledger = LedgerFixture.on(database(kind));
        Outfall draft = LedgerFixture.draft("rt-1");
        ledger.commands()
                .create("inspector", draft, "found on patrol", List.of("patrol log 7"), LocalDate.of(2025, 5, 1));
        Outfall moved = new Outfall(
                null,
                0,
                draft.nameZh(),
                draft.nameEn(),
                draft.type(),
                117.151,
                40.641,
                false,
                draft.details(),
                draft.provenance(),
                null,
                null,
                null);
        ledger.commands().edit("inspector", "rt-1", 1, moved, "re-surveyed");
        ledger.commands()
                .step(
                        "inspector",
                        "rt-1",
                        new Step(State.LEDGERED, "verified", List.of("v"), List.of(), null, LocalDate.of(2025, 5, 2)));

        OutfallStore.Entry e = ledger.queries().require("rt-1");
        assertThat(e.outfall().details()).isEqualTo(draft.details());
        assertThat(e.outfall().provenance()).isEqualTo(draft.provenance());
        assertThat(e.outfall().version()).isEqualTo(2);
        assertThat(e.outfall().normallyFlowing()).isFalse();
        assertThat(e.state()).isEqualTo(State.LEDGERED);
        assertThat(e.steps()).extracting(Transition::to).containsExactly(State.DISCOVERED, State.LEDGERED);
        assertThat(e.steps().get(0).evidence()).containsExactly("patrol log 7");
        List<Outfall> versions = ledger.queries().versions("rt-1");
        assertThat(versions).extracting(Outfall::lon).containsExactly(117.15, 117.151);
        assertThat(versions.get(1).editReason()).isEqualTo("re-surveyed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void ofTwoWritersRacingForTheSameStepExactlyOneWins(String kind) throws Exception {
        LedgerFixture.Ledger ledger = LedgerFixture.on(database(kind));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String id = "race-" + round;
                ledger.commands()
                        .create("inspector", LedgerFixture.draft(id), "found", List.of("e"), LocalDate.of(2025, 5, 1));
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Boolean>> tries = new ArrayList<>();
                for (String who : List.of("a", "b")) {
                    tries.add(pool.submit(() -> {
                        start.await();
                        try {
                            ledger.commands()
                                    .step(
                                            who,
                                            id,
                                            new Step(
                                                    State.LEDGERED,
                                                    "verified by " + who,
                                                    List.of("e"),
                                                    List.of(),
                                                    null,
                                                    null));
                            return true;
                        } catch (LedgerException refused) {
                            assertThat(refused.kind()).isEqualTo(LedgerException.Kind.CONFLICT);
                            return false;
                        }
                    }));
                }
                int won = 0;
                for (Future<Boolean> t : tries) {
                    won += t.get() ? 1 : 0;
                }
                assertThat(won).as("round " + round).isEqualTo(1);
                assertThat(ledger.queries().require(id).steps()).hasSize(2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aSecondInstanceOnTheSameDatabaseSeesTheFirstOnesWritesOnItsNextPoll(String kind) {
        TestDatabase db = database(kind);
        LedgerFixture.Ledger one = LedgerFixture.on(db);
        LedgerFixture.Ledger two = LedgerFixture.on(db);
        assertThat(two.queries().refreshIfChanged()).isFalse();
        one.commands().create("inspector", LedgerFixture.draft("poll-1"), "found", List.of("e"), null);
        assertThat(two.queries().entry("poll-1")).isEmpty();
        assertThat(two.queries().refreshIfChanged()).isTrue();
        assertThat(two.queries().entry("poll-1")).isPresent();
        assertThat(two.queries().atlas().layer(AtlasSchema.OUTFALLS).feature("poll-1"))
                .as("published as the outfalls layer")
                .isNotNull();
        assertThat(two.queries().refreshIfChanged()).isFalse();
    }
}
