package liuyu.outfalls;

import java.time.LocalDate;
import java.util.List;

/** A requested lifecycle step, before it is checked against the outfall's state and recorded. */
public record Step(
        State to,
        String reason,
        List<String> evidence,
        List<Violation> violations,
        Remediation remediation,
        LocalDate occurredOn) {}
