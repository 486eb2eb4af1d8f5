package liuyu.outfalls;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.atlas.Method;
import org.locationtech.jts.geom.Coordinate;

/**
 * Fills an empty ledger from the atlas's point layer {@value liuyu.atlas.AtlasSchema#OUTFALLS}. In demo mode the
 * synthetic features (the demo atlas) get a SYNTHETIC history that reaches their {@code status}: ledgered at
 * the end of 2022 (beijing-outfall-supervision-2023/preamble: the full ledger existed by then), traced and monitored in 2023, a
 * flood-season violation in 2024, remediation, and closing in 2025. Outside demo mode synthetic features
 * are not seeded at all. Any other feature is imported with its own provenance, discovered and ledgered today.
 */
public final class LedgerSeed {
    public static final String USER = "atlas-import";
    static final LocalDate LEDGERED = LocalDate.of(2022, 12, 31);
    static final LocalDate TRACED = LocalDate.of(2023, 4, 15);
    static final LocalDate MONITORED = LocalDate.of(2023, 7, 10);
    static final LocalDate VIOLATION = LocalDate.of(2024, 7, 20);
    static final LocalDate REMEDIATION = LocalDate.of(2024, 9, 1);
    static final LocalDate CLOSED = LocalDate.of(2025, 5, 30);

    private LedgerSeed() {}

    /** How many records were seeded, and how many synthetic features were left out (outside demo mode). */
    public record Seeded(int records, int skippedSynthetic) {}

    /** Seeds every feature of {@code layer} whose id is not in the ledger yet; synthetic ones only when {@code demo}. */
    public static Seeded seed(LedgerCommands commands, LedgerQueries ledger, Layer layer, Instant now, boolean demo) {
        List<LedgerCommands.Imported> records = new ArrayList<>();
        int skipped = 0;
        for (Feature f : layer.features()) {
            if (ledger.entry(f.id()).isPresent()) {
                continue;
            }
            boolean synthetic = f.provenance().method() == Method.SYNTHETIC;
            if (synthetic && !demo) {
                skipped++;
                continue;
            }
            OutfallType type = OutfallType.parse(f.string("type"));
            if (type == null) {
                throw new IllegalStateException(layer.id() + " '" + f.id() + "': type '" + f.string("type")
                        + "' is none of " + OutfallType.codes());
            }
            Coordinate c = f.geometry().getCoordinate();
            Outfall.Details details = new Outfall.Details(
                    null,
                    null,
                    null,
                    f.string("river"),
                    null,
                    f.string("dischargingUnit"),
                    null,
                    List.of(),
                    null,
                    false,
                    List.of(),
                    null,
                    null,
                    f.string("reach"),
                    null,
                    false,
                    false,
                    List.of());
            String reason = "imported from the atlas layer '" + layer.id() + "'";
            Outfall first = new Outfall(
                    f.id(),
                    1,
                    f.nameZh(),
                    f.nameEn(),
                    type,
                    c.x,
                    c.y,
                    Boolean.TRUE.equals(f.properties().get("normallyFlowing")),
                    details,
                    f.provenance(),
                    USER,
                    now,
                    reason);
            records.add(new LedgerCommands.Imported(
                    first,
                    synthetic
                            ? syntheticHistory(f, type, now)
                            : List.of(
                                    step(1, null, State.DISCOVERED, reason, ledger.today(), null, null, now),
                                    step(
                                            2,
                                            State.DISCOVERED,
                                            State.LEDGERED,
                                            reason,
                                            ledger.today(),
                                            null,
                                            null,
                                            now))));
        }
        commands.importAll(records);
        return new Seeded(records.size(), skipped);
    }

    private static List<Transition> syntheticHistory(Feature f, OutfallType type, Instant now) {
        String status = f.string("status") == null ? "ledgered" : f.string("status");
        List<State> path = switch (status) {
            case "ledgered" -> List.of(State.DISCOVERED, State.LEDGERED);
            case "monitored" -> List.of(State.DISCOVERED, State.LEDGERED, State.TRACED, State.MONITORED);
            case "remediation" ->
                List.of(
                        State.DISCOVERED,
                        State.LEDGERED,
                        State.TRACED,
                        State.MONITORED,
                        State.VIOLATION,
                        State.IN_REMEDIATION);
            case "closed" ->
                List.of(
                        State.DISCOVERED,
                        State.LEDGERED,
                        State.TRACED,
                        State.MONITORED,
                        State.VIOLATION,
                        State.IN_REMEDIATION,
                        State.CLOSED);
            default ->
                throw new IllegalStateException("outfall '" + f.id() + "': status '" + status
                        + "' is none of ledgered, monitored, remediation, closed");
        };
        // an overflow is remediated by regularising (closed) or banning; a bypass by merging into the sewer
        Remediation remediation = type == OutfallType.BYPASS
                ? Remediation.MERGE
                : "closed".equals(status) ? Remediation.BAN : Remediation.REGULARISE;
        Violation kind = type == OutfallType.BYPASS ? Violation.DIRECT_SEWAGE : Violation.MIXED_DISCHARGE;
        List<Transition> out = new ArrayList<>();
        State from = null;
        for (State to : path) {
            LocalDate on = switch (to) {
                case DISCOVERED, LEDGERED -> LEDGERED;
                case TRACED -> TRACED;
                case MONITORED, COMPLIANT -> MONITORED;
                case VIOLATION -> VIOLATION;
                case IN_REMEDIATION -> REMEDIATION;
                case CLOSED -> CLOSED;
            };
            out.add(step(
                    out.size() + 1,
                    from,
                    to,
                    "SYNTHETIC demo history (not a real inspection)",
                    on,
                    to == State.VIOLATION ? kind : null,
                    to == State.IN_REMEDIATION || to == State.CLOSED ? remediation : null,
                    now));
            from = to;
        }
        return out;
    }

    private static Transition step(
            int seq,
            State from,
            State to,
            String reason,
            LocalDate on,
            Violation kind,
            Remediation remediation,
            Instant now) {
        return new Transition(
                seq,
                from,
                to,
                reason,
                List.of("atlas layer feature (" + USER + ")"),
                kind == null ? List.of() : List.of(kind),
                remediation,
                on,
                USER,
                now);
    }
}
