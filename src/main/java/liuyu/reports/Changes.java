package liuyu.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What a re-check changed against the report it re-ran: the verdict, each rule hit (by rule and zone)
 * that appeared, went or changed its verdict, each authority line that changed, and the versions.
 * Compared on the stored JSON, so reports recorded under an older report shape still compare.
 */
public record Changes(
        long previousReportId,
        String previousReportNumber,
        boolean changed,
        Change verdict,
        List<HitChange> hits,
        List<AuthorityChange> authorities,
        Map<String, Change> versions) {

    /** A value before and after; {@code changed} says whether they differ. */
    public record Change(String before, String after, boolean changed) {
        static Change of(String before, String after) {
            return new Change(before, after, !Objects.equals(before, after));
        }
    }

    /** A rule hit through one zone (zone null: everywhere): its verdict before and after, null where it did not hit. */
    public record HitChange(String rule, String layer, String zone, String before, String after) {}

    public record AuthorityChange(String rule, Change approves, Change consults) {}

    public static Changes between(long previousId, String previousNumber, JsonNode before, JsonNode after) {
        Change verdict = Change.of(text(before, "verdict"), text(after, "verdict"));
        Map<String, JsonNode> hitsBefore = hits(before);
        Map<String, JsonNode> hitsAfter = hits(after);
        Set<String> keys = new LinkedHashSet<>(hitsBefore.keySet());
        keys.addAll(hitsAfter.keySet());
        List<HitChange> hits = new ArrayList<>();
        for (String key : keys) {
            JsonNode b = hitsBefore.get(key);
            JsonNode a = hitsAfter.get(key);
            String vb = b == null ? null : text(b, "verdict");
            String va = a == null ? null : text(a, "verdict");
            if (!Objects.equals(vb, va)) {
                JsonNode any = a == null ? b : a;
                hits.add(new HitChange(text(any, "rule"), text(any, "layer"), text(any, "zone"), vb, va));
            }
        }
        Map<String, JsonNode> authBefore = byRule(before.path("authorities"));
        Map<String, JsonNode> authAfter = byRule(after.path("authorities"));
        Set<String> rules = new LinkedHashSet<>(authBefore.keySet());
        rules.addAll(authAfter.keySet());
        List<AuthorityChange> authorities = new ArrayList<>();
        for (String rule : rules) {
            JsonNode b = authBefore.get(rule);
            JsonNode a = authAfter.get(rule);
            Change approves = Change.of(b == null ? null : text(b, "approves"), a == null ? null : text(a, "approves"));
            Change consults = Change.of(b == null ? null : text(b, "consults"), a == null ? null : text(a, "consults"));
            if (approves.changed() || consults.changed()) {
                authorities.add(new AuthorityChange(rule, approves, consults));
            }
        }
        Map<String, Change> versions = new LinkedHashMap<>();
        versions.put("ruleset", Change.of(text(before, "ruleset"), text(after, "ruleset")));
        versions.put("atlas", Change.of(text(before, "atlasVersion"), text(after, "atlasVersion")));
        boolean changed = verdict.changed() || !hits.isEmpty() || !authorities.isEmpty();
        return new Changes(previousId, previousNumber, changed, verdict, hits, authorities, versions);
    }

    private static Map<String, JsonNode> hits(JsonNode report) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode h : report.path("hits")) {
            out.put(text(h, "rule") + "|" + text(h, "layer") + "|" + text(h, "zone"), h);
        }
        return out;
    }

    private static Map<String, JsonNode> byRule(JsonNode lines) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode l : lines) {
            out.put(text(l, "rule"), l);
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asString();
    }
}
