package liuyu.outfalls;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One step of an outfall's lifecycle as recorded: from and to, why, on what evidence, who recorded
 * it and when; {@code occurredOn} is the day it happened in the field (Beijing time).
 */
public record Transition(
        int seq,
        State from,
        State to,
        String reason,
        List<String> evidence,
        List<Violation> violations,
        Remediation remediation,
        LocalDate occurredOn,
        String actor,
        Instant recordedAt) {
    public Transition {
        evidence = List.copyOf(evidence);
        violations = violations == null ? List.of() : List.copyOf(violations);
    }
}
