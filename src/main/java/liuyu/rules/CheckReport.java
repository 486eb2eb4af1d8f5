package liuyu.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The answer to a project check: the strictest verdict, every rule hit with its clause and overlap,
 * zones nearby, who approves or must be consulted, what lies downstream, and data-quality notes; the
 * day it answers for ({@code asOf}), the ruleset, atlas and zone-layer versions in force that day.
 */
public record CheckReport(
        String project,
        String activity,
        Verdict verdict,
        List<Hit> hits,
        List<Near> near,
        List<AuthorityLine> authorities,
        List<Downstream> downstream,
        List<String> notes,
        List<String> notesZh,
        String ruleset,
        String atlasVersion,
        LocalDate asOf,
        Map<String, String> layerVersions) {

    /** One rule applying through one zone (or everywhere, when {@code layer} is null); {@code note} English, {@code noteZh} Chinese. */
    public record Hit(
            String rule,
            String titleZh,
            String titleEn,
            String layer,
            String zone,
            String zoneNameZh,
            Verdict verdict,
            Undetermined undetermined,
            String note,
            String noteZh,
            Double overlapM2,
            Double overlapPercent,
            Double overlapLengthM,
            List<Citation> citations,
            boolean authoritativeZone) {}

    /** The project did not state a fact the rule needs: the hit counts as CONDITIONAL until it does. */
    public record Undetermined(String missingAttribute, Verdict verdictIfItApplies) {}

    /**
     * A clause an answer rests on: its id ({@code <document>/<section>}), the document as 《title》（文号）,
     * the section path as the document numbers it, the words verbatim in Chinese and an English gist.
     */
    public record Citation(
            String clause,
            String documentId,
            String document,
            String number,
            String section,
            String text,
            String gistEn) {}

    public record Near(String layer, String zone, String nameZh, double distanceM) {}

    /**
     * Who approves or must be consulted under one rule, and which overrides of the rule data led there
     * ({@code because} in English, {@code becauseZh} the same reasons in Chinese).
     */
    public record AuthorityLine(
            String rule, String approves, String consults, List<String> because, List<String> becauseZh) {}

    public record Downstream(String layer, String id, String nameZh, double networkKm) {}
}
