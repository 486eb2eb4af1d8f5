package liuyu.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The rule catalogue as written in gis/rules/*.yaml: plain values, bound by Jackson. */
public final class RuleFiles {
    private RuleFiles() {}

    public record RuleFile(Head ruleset, List<Rule> rules) {}

    public record Head(String id, String version) {}

    /**
     * A rule: where it applies ({@code zones}; none = everywhere), to which activities ({@code any} for
     * all), an optional fact the project must state, the verdict, conditions that change it, the
     * authority, the clauses it rests on, and when it is in force: from validFrom through validTo (inclusive);
     * a repealed rule keeps applying to days up to its validTo, and names the rule that replaced it, if any.
     */
    public record Rule(
            String id,
            String titleZh,
            String titleEn,
            List<ZoneRef> zones,
            List<String> activities,
            Fact fact,
            Verdict verdict,
            List<Condition> conditions,
            String note,
            Authority authority,
            List<CitationRef> citations,
            LocalDate validFrom,
            LocalDate validTo,
            String status,
            String noteZh,
            String replacedBy) {
        public Rule {
            zones = zones == null ? List.of() : List.copyOf(zones);
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
            citations = citations == null ? List.of() : List.copyOf(citations);
        }

        public boolean inForce(LocalDate on) {
            return ("in-force".equals(status) || validTo != null)
                    && (validFrom == null || !on.isBefore(validFrom))
                    && (validTo == null || !on.isAfter(validTo));
        }

        public boolean governs(String activity) {
            return activities.contains("any") || activities.contains(activity);
        }
    }

    /** A zone layer and an optional property filter ({@code level: 1}). */
    public record ZoneRef(String layer, Map<String, Object> where) {
        public ZoneRef {
            where = where == null ? Map.of() : Map.copyOf(where);
        }
    }

    /** A fact about the project the rule turns on: at least a number, equal to a value, or one of several. */
    public record Fact(String attribute, Double atLeast, Object equals, List<String> in) {}

    /** When the project's activity or attributes match {@code when}, the verdict becomes {@code verdict}; notes in English and Chinese. */
    public record Condition(Map<String, Object> when, Verdict verdict, String note, String noteZh) {}

    /** {@code approves}/{@code consults}: a body, or {@code @role} looked up per zone in the authority table. */
    public record Authority(String approves, String consults, List<AuthorityOverride> overrides) {
        public Authority {
            overrides = overrides == null ? List.of() : List.copyOf(overrides);
        }
    }

    /** Another authority when attributes match ({@code when}) or the project touches a zone layer ({@code whenZone}). */
    public record AuthorityOverride(Map<String, Object> when, String whenZone, String approves, String consults) {}

    /** A rule's citation: a clause id of clauses.yaml, {@code <document>/<section>}. */
    public record CitationRef(String clause) {}

    /** gis/rules/authorities.yaml: which body holds a role for a zone. */
    public record AuthorityFile(List<AuthorityRow> authorities) {
        public AuthorityFile {
            authorities = authorities == null ? List.of() : List.copyOf(authorities);
        }
    }

    /**
     * One row of the authority table: the zones it is for (layer and properties), the bodies by role
     * ({@code water-authority}, {@code manager}, …; {@code {district}} is filled in), why, and the clause.
     */
    public record AuthorityRow(String id, ZoneRef zone, Map<String, String> roles, String because, ClauseRef clause) {
        public AuthorityRow {
            roles = roles == null ? Map.of() : Map.copyOf(roles);
        }
    }

    /** A clause cited by document id and the document's own section numbering, with its words. */
    public record ClauseRef(String document, String section, String quote) {}

    public record DocumentFile(List<Document> documents) {}

    /**
     * A cited document: its number (文号; null where the gazette prints none, {@code numberNote} says so),
     * title, issuer, date, where it was published, and its status with what that rests on
     * ({@code statusClause}, a clause of a clean-up decision, when there is one).
     */
    public record Document(
            String id,
            String number,
            String numberNote,
            String title,
            String titleEn,
            String issuer,
            LocalDate issued,
            Published published,
            String status,
            String statusNote,
            String statusClause) {}

    /** Where a document was published: the gazette, its year and issue as printed, and the issue's date. */
    public record Published(String gazette, int year, String issue, LocalDate date) {}

    public record ClauseFile(List<Clause> clauses) {}

    /**
     * A clause: id {@code <document>/<section>}, the section path as the document numbers it, the words
     * verbatim in Chinese (a substring of the document's text) and an English gist.
     */
    public record Clause(String id, String section, String text, String gistEn) {
        public String document() {
            int slash = id.indexOf('/');
            return slash < 0 ? id : id.substring(0, slash);
        }
    }

    public record ActivityFile(List<Activity> activities, Map<String, AttributeDef> attributes) {}

    public record Activity(String id, String nameZh, String nameEn, List<String> attributes) {}

    public record AttributeDef(String type, List<String> values, String description) {}
}
