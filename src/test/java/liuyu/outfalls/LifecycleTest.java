package liuyu.outfalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lifecycle 查、测、溯、治 (beijing-outfall-supervision-2023/2.1a, beijing-outfall-supervision-2023/2.2, beijing-outfall-supervision-2023/3.3) as a state machine: every allowed step, every refused one. */
class LifecycleTest {
    static final LocalDate TODAY = LocalDate.of(2025, 6, 1);
    static final Instant NOW = Instant.parse("2025-06-01T02:00:00Z");

    /** The transition table, written out by hand from the plan (beijing-outfall-supervision-2023/2.1a, beijing-outfall-supervision-2023/2.2, beijing-outfall-supervision-2023/3.3), independently of {@link State#next()}. */
    static final List<State[]> ALLOWED = List.of(
            new State[] {State.DISCOVERED, State.LEDGERED},
            new State[] {State.LEDGERED, State.TRACED},
            new State[] {State.TRACED, State.MONITORED},
            new State[] {State.TRACED, State.VIOLATION},
            new State[] {State.MONITORED, State.COMPLIANT},
            new State[] {State.MONITORED, State.VIOLATION},
            new State[] {State.COMPLIANT, State.VIOLATION},
            new State[] {State.VIOLATION, State.IN_REMEDIATION},
            new State[] {State.IN_REMEDIATION, State.CLOSED},
            new State[] {State.CLOSED, State.VIOLATION
            }); // a relapse reopens it (不反弹, beijing-outfall-supervision-2023/2.2)

    static Stream<Arguments> everyPair() {
        return Stream.of(State.values())
                .flatMap(from -> Stream.of(State.values()).map(to -> Arguments.of(from, to)));
    }

    static Transition at(State state) {
        return new Transition(
                3,
                State.DISCOVERED,
                state,
                "r",
                List.of("e"),
                List.of(),
                state == State.IN_REMEDIATION || state == State.CLOSED ? Remediation.MERGE : null,
                LocalDate.of(2025, 1, 1),
                "u",
                NOW);
    }

    static Step to(State to) {
        return new Step(
                to,
                "why",
                List.of("inspection record 17"),
                to == State.VIOLATION ? List.of(Violation.DIRECT_SEWAGE) : List.of(),
                to == State.IN_REMEDIATION ? Remediation.MERGE : null,
                null);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("everyPair")
    void aStepIsRecordedExactlyWhenTheTableAllowsIt(State from, State to) {
        boolean allowed = ALLOWED.stream().anyMatch(p -> p[0] == from && p[1] == to);
        if (allowed) {
            Transition t = Lifecycle.follow("of-1", at(from), to(to), TODAY, "inspector", NOW);
            assertThat(t.seq()).isEqualTo(4);
            assertThat(t.from()).isEqualTo(from);
            assertThat(t.to()).isEqualTo(to);
            assertThat(t.actor()).isEqualTo("inspector");
            assertThat(t.occurredOn()).isEqualTo(TODAY);
            assertThat(t.evidence()).containsExactly("inspection record 17");
        } else {
            Set<State> expected = EnumSet.noneOf(State.class);
            ALLOWED.stream().filter(p -> p[0] == from).forEach(p -> expected.add(p[1]));
            assertThatThrownBy(() -> Lifecycle.follow("of-1", at(from), to(to), TODAY, "inspector", NOW))
                    .isInstanceOfSatisfying(LedgerException.class, e -> {
                        assertThat(e.kind()).isEqualTo(LedgerException.Kind.CONFLICT);
                        assertThat(e.field()).isEqualTo("to");
                        assertThat(e.allowed())
                                .containsExactlyInAnyOrderElementsOf(
                                        expected.stream().map(State::code).toList());
                        assertThat(e.getMessage()).contains("is " + from.code()).contains("not to " + to.code());
                    });
        }
    }

    @Test
    void theTableIsTheStateMachine() {
        for (State s : State.values()) {
            Set<State> expected = EnumSet.noneOf(State.class);
            ALLOWED.stream().filter(p -> p[0] == s).forEach(p -> expected.add(p[1]));
            assertThat(s.next()).as(s.code()).isEqualTo(expected);
        }
    }

    @Test
    void everyStepNamesItsEvidence() {
        Step bare = new Step(State.TRACED, "traced to a restaurant", List.of(), List.of(), null, null);
        assertThatThrownBy(() -> Lifecycle.follow("of-1", at(State.LEDGERED), bare, TODAY, "u", NOW))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.field()).isEqualTo("evidence"));
    }

    @Test
    void aViolationNamesItsKindsAndOnlyAViolationDoes() {
        Step noKinds = new Step(State.VIOLATION, "bad", List.of("photo"), List.of(), null, null);
        assertThatThrownBy(() -> Lifecycle.follow("of-1", at(State.MONITORED), noKinds, TODAY, "u", NOW))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.field()).isEqualTo("violations"));
        Step kindsOnCompliant =
                new Step(State.COMPLIANT, "ok", List.of("sample"), List.of(Violation.OVER_LIMIT), null, null);
        assertThatThrownBy(() -> Lifecycle.follow("of-1", at(State.MONITORED), kindsOnCompliant, TODAY, "u", NOW))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.field()).isEqualTo("violations"));
    }

    @Test
    void aRemediationNamesItsWayAndClosingCarriesItOn() {
        Step noWay = new Step(State.IN_REMEDIATION, "plan", List.of("plan 2025-3"), List.of(), null, null);
        assertThatThrownBy(() -> Lifecycle.follow("of-1", at(State.VIOLATION), noWay, TODAY, "u", NOW))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.field()).isEqualTo("remediation"));
        Transition closed = Lifecycle.follow(
                "of-1",
                at(State.IN_REMEDIATION),
                new Step(State.CLOSED, "merged into the sewer", List.of("acceptance record"), List.of(), null, null),
                TODAY,
                "u",
                NOW);
        assertThat(closed.remediation()).isEqualTo(Remediation.MERGE);
        Step otherWay = new Step(State.CLOSED, "x", List.of("y"), List.of(), Remediation.BAN, null);
        assertThatThrownBy(() -> Lifecycle.follow("of-1", at(State.IN_REMEDIATION), otherWay, TODAY, "u", NOW))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.field()).isEqualTo("remediation"));
    }

    @Test
    void aStepHappensNeitherInTheFutureNorBeforeTheStepItFollows() {
        Step tomorrow = new Step(State.TRACED, "x", List.of("y"), List.of(), null, TODAY.plusDays(1));
        assertThatThrownBy(() -> Lifecycle.follow("of-1", at(State.LEDGERED), tomorrow, TODAY, "u", NOW))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.field()).isEqualTo("occurredOn"));
        Step backdated = new Step(State.TRACED, "x", List.of("y"), List.of(), null, LocalDate.of(2024, 12, 31));
        assertThatThrownBy(() -> Lifecycle.follow("of-1", at(State.LEDGERED), backdated, TODAY, "u", NOW))
                .isInstanceOfSatisfying(
                        LedgerException.class, e -> assertThat(e.getMessage()).contains("before the step it follows"));
        Step sameDay = new Step(State.TRACED, "x", List.of("y"), List.of(), null, LocalDate.of(2025, 1, 1));
        assertThat(Lifecycle.follow("of-1", at(State.LEDGERED), sameDay, TODAY, "u", NOW)
                        .occurredOn())
                .isEqualTo(LocalDate.of(2025, 1, 1));
    }
}
