package liuyu.outfalls;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import liuyu.outfalls.LedgerException.Kind;

/**
 * The lifecycle's rules: which state may follow which ({@link State#next()}), and what each step
 * must carry. Every step states why and on what evidence; a violation names its kinds; a
 * remediation names its way; a step cannot happen before the one it follows.
 */
public final class Lifecycle {
    private Lifecycle() {}

    /** The first step of every record: discovered (发现, "有口皆查", beijing-outfall-supervision-2023/2.1a). */
    public static Transition discovered(String reason, List<String> evidence, LocalDate on, String actor, Instant at) {
        return new Transition(1, null, State.DISCOVERED, reason, evidence, List.of(), null, on, actor, at);
    }

    /** The step that follows {@code last}, or a refusal naming the field and, for a wrong state, the allowed ones. */
    public static Transition follow(String id, Transition last, Step step, LocalDate today, String actor, Instant at) {
        State from = last.to();
        if (!from.next().contains(step.to())) {
            List<String> allowed = from.next().stream().map(State::code).toList();
            throw new LedgerException(
                    Kind.CONFLICT,
                    "to",
                    "outfall '" + id + "' is " + from.code() + ": it may move to " + String.join(" or ", allowed)
                            + ", not to " + step.to().code(),
                    allowed);
        }
        if (step.evidence().isEmpty()) {
            throw LedgerException.bad(
                    "evidence",
                    "every step names at least one piece of evidence (a document, photo, sample or"
                            + " inspection record id)");
        }
        if (step.to() == State.VIOLATION && step.violations().isEmpty()) {
            throw LedgerException.bad(
                    "violations",
                    "a violation names its kinds: " + Violation.values().length + " kinds, e.g. "
                            + Violation.DIRECT_SEWAGE.code() + " (beijing-outfall-supervision-2023/2.2)");
        }
        if (step.to() != State.VIOLATION && !step.violations().isEmpty()) {
            throw LedgerException.bad("violations", "only a step to 'violation' names violations");
        }
        Remediation remediation = step.remediation();
        if (step.to() == State.IN_REMEDIATION && remediation == null) {
            throw LedgerException.bad(
                    "remediation",
                    "a remediation plan names its way: ban, merge or regularise (beijing-outfall-supervision-2023/2.2)");
        }
        if (step.to() == State.CLOSED) {
            // closing finishes the remediation under way; its way is carried on to the closing step
            if (remediation != null && remediation != last.remediation()) {
                throw LedgerException.bad(
                        "remediation",
                        "closing finishes the remediation under way ("
                                + last.remediation().code() + "); it cannot change it to " + remediation.code());
            }
            remediation = last.remediation();
        } else if (step.to() != State.IN_REMEDIATION && remediation != null) {
            throw LedgerException.bad("remediation", "only a step to 'in-remediation' names a remediation");
        }
        LocalDate on = step.occurredOn() == null ? today : step.occurredOn();
        if (on.isAfter(today)) {
            throw LedgerException.bad(
                    "occurredOn",
                    "a step cannot be recorded before it happens: " + on + " is after today (" + today + ")");
        }
        if (on.isBefore(last.occurredOn())) {
            throw LedgerException.bad(
                    "occurredOn",
                    on + " is before the step it follows (" + last.to().code() + " on " + last.occurredOn() + ")");
        }
        return new Transition(
                last.seq() + 1,
                from,
                step.to(),
                step.reason(),
                step.evidence(),
                step.violations(),
                remediation,
                on,
                actor,
                at);
    }
}
