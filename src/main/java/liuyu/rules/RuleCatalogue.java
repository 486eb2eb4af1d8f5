package liuyu.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liuyu.atlas.Atlas;
import liuyu.atlas.GeometryKind;
import liuyu.atlas.Layer;
import liuyu.rules.RuleFiles.Activity;
import liuyu.rules.RuleFiles.AttributeDef;
import liuyu.rules.RuleFiles.Clause;
import liuyu.rules.RuleFiles.Document;
import liuyu.rules.RuleFiles.Rule;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The loaded rule catalogue: rules, activities, the documents they cite and the clauses quoted from
 * them, read from a rules directory ({@code rules.yaml}, {@code activities.yaml}, {@code documents.yaml},
 * {@code clauses.yaml}, {@code texts/<document>.txt}) and checked against the atlas: an unknown field,
 * layer, activity, attribute, document or clause, or a quote that is not in its document's text, stops
 * loading with file and line.
 */
public final class RuleCatalogue {
    /** The authority table: optional; rules naming an {@code @role} need it. */
    public static final String AUTHORITIES = "authorities.yaml";
    /** An authority written {@code @role} is looked up per zone in the authority table. */
    public static final String ROLE = "@";

    private final String version;
    private final List<Rule> rules;
    private final Map<String, Rule> byId;
    private final Map<String, Activity> activities;
    private final Map<String, AttributeDef> attributes;
    private final Map<String, Document> documents;
    private final Map<String, Clause> clauses;
    private final List<RuleFiles.AuthorityRow> authorities;

    private RuleCatalogue(
            String version,
            List<Rule> rules,
            Map<String, Activity> activities,
            Map<String, AttributeDef> attributes,
            Map<String, Document> documents,
            Map<String, Clause> clauses,
            List<RuleFiles.AuthorityRow> authorities) {
        this.version = version;
        this.rules = List.copyOf(rules);
        Map<String, Rule> ids = new LinkedHashMap<>();
        rules.forEach(r -> ids.put(r.id(), r));
        this.byId = ids;
        this.activities = activities;
        this.attributes = attributes;
        this.documents = documents;
        this.clauses = clauses;
        this.authorities = List.copyOf(authorities);
    }

    /** No rules and no activities: an atlas served without a catalogue. */
    public static RuleCatalogue empty() {
        return new RuleCatalogue("none", List.of(), Map.of(), Map.of(), Map.of(), Map.of(), List.of());
    }

    public static RuleCatalogue load(Path dir, Atlas atlas) {
        ObjectMapper yaml = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        List<String> problems = new ArrayList<>();
        RuleFiles.ActivityFile af = read(yaml, dir.resolve("activities.yaml"), RuleFiles.ActivityFile.class, problems);
        RuleFiles.DocumentFile df = read(yaml, dir.resolve("documents.yaml"), RuleFiles.DocumentFile.class, problems);
        RuleFiles.ClauseFile cf = read(yaml, dir.resolve("clauses.yaml"), RuleFiles.ClauseFile.class, problems);
        RuleFiles.RuleFile rf = read(yaml, dir.resolve("rules.yaml"), RuleFiles.RuleFile.class, problems);
        Path authorityPath = dir.resolve(AUTHORITIES);
        RuleFiles.AuthorityFile authorityFile = Files.exists(authorityPath)
                ? read(yaml, authorityPath, RuleFiles.AuthorityFile.class, problems)
                : new RuleFiles.AuthorityFile(List.of());
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }
        Map<String, Activity> activities = new LinkedHashMap<>();
        af.activities().forEach(a -> activities.put(a.id(), a));
        Map<String, Document> documents = new LinkedHashMap<>();
        df.documents().forEach(d -> documents.put(d.id(), d));
        Map<String, Clause> clauses = clauses(dir, documents, cf, problems);
        Set<String> roles = new HashSet<>();
        for (RuleFiles.AuthorityRow row : authorityFile.authorities()) {
            String where = authorityPath + ": row '" + row.id() + "'";
            if (row.id() == null
                    || row.zone() == null
                    || row.roles().isEmpty()
                    || row.because() == null
                    || row.clause() == null) {
                problems.add(where + ": id, zone, roles, because and clause are required");
                continue;
            }
            zoneLayer(atlas, row.zone().layer(), where, problems);
            if (!documents.containsKey(row.clause().document())
                    || row.clause().section() == null
                    || row.clause().quote() == null) {
                problems.add(where + ": clause needs a document of documents.yaml, its section and the quoted words");
            }
            roles.addAll(row.roles().keySet());
        }
        Path rulesFile = dir.resolve("rules.yaml");
        String text;
        try {
            text = Files.readString(rulesFile);
        } catch (IOException e) {
            throw new RuleLoadException(List.of(rulesFile + ": cannot be read: " + e.getMessage()));
        }
        for (Activity a : activities.values()) {
            for (String attribute : a.attributes()) {
                if (!af.attributes().containsKey(attribute)) {
                    problems.add(dir.resolve("activities.yaml") + ": activity '" + a.id() + "': unknown attribute '"
                            + attribute + "'");
                }
            }
        }
        Set<String> ids = new HashSet<>();
        for (Rule r : rf.rules()) {
            String where = rulesFile + ":" + lineOf(text, r.id()) + ": rule '" + r.id() + "'";
            if (r.id() == null || !ids.add(r.id())) {
                problems.add(where + ": missing or duplicate id");
            }
            if (r.verdict() == null
                    || r.titleZh() == null
                    || r.titleEn() == null
                    || r.activities() == null
                    || r.activities().isEmpty()
                    || r.citations().isEmpty()) {
                problems.add(where + ": titleZh, titleEn, activities, verdict and citations are required");
                continue;
            }
            if (!"in-force".equals(r.status()) && !"repealed".equals(r.status())) {
                problems.add(where + ": status must be in-force or repealed");
            }
            if ("repealed".equals(r.status()) && r.validTo() == null) {
                problems.add(where + ": a repealed rule needs validTo, its last day in force");
            }
            if (r.validFrom() != null && r.validTo() != null && r.validTo().isBefore(r.validFrom())) {
                problems.add(where + ": validTo is before validFrom");
            }
            for (String activity : r.activities()) {
                if (!activity.equals("any") && !activities.containsKey(activity)) {
                    problems.add(where + ": unknown activity '" + activity + "'");
                }
            }
            for (RuleFiles.ZoneRef z : r.zones()) {
                zoneLayer(atlas, z.layer(), where, problems);
            }
            if (r.fact() != null && !af.attributes().containsKey(r.fact().attribute())) {
                problems.add(where + ": fact on unknown attribute '" + r.fact().attribute() + "'");
            }
            for (RuleFiles.Condition c : r.conditions()) {
                conditionKeys(c.when(), af.attributes(), where, problems);
                if ((c.note() == null) != (c.noteZh() == null)) {
                    problems.add(where
                            + ": a condition's note comes in English and Chinese (note and noteZh) or not at all");
                }
            }
            if ((r.note() == null) != (r.noteZh() == null)) {
                problems.add(where + ": the note comes in English and Chinese (note and noteZh) or not at all");
            }
            if (r.authority() != null) {
                roleRef(r.authority().approves(), roles, authorityPath, where, problems);
                roleRef(r.authority().consults(), roles, authorityPath, where, problems);
                for (RuleFiles.AuthorityOverride o : r.authority().overrides()) {
                    roleRef(o.approves(), roles, authorityPath, where, problems);
                    roleRef(o.consults(), roles, authorityPath, where, problems);
                    if (o.when() != null) {
                        conditionKeys(o.when(), af.attributes(), where, problems);
                    }
                    if (o.whenZone() != null) {
                        zoneLayer(atlas, o.whenZone(), where, problems);
                    }
                }
            }
            for (RuleFiles.CitationRef c : r.citations()) {
                if (!clauses.containsKey(c.clause())) {
                    problems.add(where + ": cites unknown clause '" + c.clause() + "'; clauses.yaml lists them");
                }
            }
        }
        for (Rule r : rf.rules()) {
            if (r.replacedBy() != null && (!ids.contains(r.replacedBy()) || r.validTo() == null)) {
                problems.add(rulesFile + ":" + lineOf(text, r.id()) + ": rule '" + r.id() + "': replacedBy '"
                        + r.replacedBy() + "' must name another rule, and the replaced rule needs validTo");
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }
        return new RuleCatalogue(
                rf.ruleset().id() + "@" + rf.ruleset().version(),
                rf.rules(),
                activities,
                af.attributes(),
                documents,
                clauses,
                authorityFile.authorities());
    }

    /**
     * The clauses, each checked: a known document, a section, a gist, and a text found verbatim in
     * texts/&lt;document&gt;.txt, so that no quote can drift from the document it claims to quote.
     */
    private static Map<String, Clause> clauses(
            Path dir, Map<String, Document> documents, RuleFiles.ClauseFile cf, List<String> problems) {
        Map<String, Clause> clauses = new LinkedHashMap<>();
        Map<String, String> texts = new HashMap<>();
        Path file = dir.resolve("clauses.yaml");
        for (Clause c : cf.clauses()) {
            String where = file + ": clause '" + c.id() + "'";
            if (c.id() == null || !c.id().contains("/") || clauses.put(c.id(), c) != null) {
                problems.add(where + ": missing, duplicate or not <document>/<section>");
                continue;
            }
            if (!documents.containsKey(c.document())) {
                problems.add(where + ": unknown document '" + c.document() + "'");
                continue;
            }
            if (c.section() == null || c.text() == null || c.text().isBlank() || c.gistEn() == null) {
                problems.add(where + ": section, text and gistEn are required");
                continue;
            }
            String text = texts.computeIfAbsent(c.document(), d -> documentText(dir, d));
            if (text == null) {
                problems.add(where + ": no text of document '" + c.document() + "' at texts/" + c.document() + ".txt");
            } else if (!text.contains(c.text())) {
                problems.add(where + ": its text is not found verbatim in texts/" + c.document() + ".txt");
            }
        }
        for (Document d : documents.values()) {
            if (d.statusClause() != null && !clauses.containsKey(d.statusClause())) {
                problems.add(dir.resolve("documents.yaml") + ": document '" + d.id() + "': unknown statusClause '"
                        + d.statusClause() + "'");
            }
        }
        return clauses;
    }

    private static String documentText(Path dir, String document) {
        try {
            return Files.readString(dir.resolve("texts").resolve(document + ".txt"));
        } catch (IOException e) {
            return null;
        }
    }

    /** An {@code @role} authority must be a role of some row of the authority table. */
    private static void roleRef(String body, Set<String> roles, Path table, String where, List<String> problems) {
        if (body != null && body.startsWith(ROLE) && !roles.contains(body.substring(1))) {
            problems.add(where + ": authority '" + body + "' is no role of " + table);
        }
    }

    private static void zoneLayer(Atlas atlas, String layer, String where, List<String> problems) {
        Layer l = atlas.layer(layer);
        if (l == null) {
            problems.add(where + ": unknown zone layer '" + layer + "'");
        } else if (l.info().geometry() != GeometryKind.POLYGON) {
            problems.add(where + ": layer '" + layer + "' is not a polygon layer");
        }
    }

    private static void conditionKeys(
            Map<String, Object> when, Map<String, AttributeDef> attributes, String where, List<String> problems) {
        for (String key : when.keySet()) {
            if (!key.equals("activity") && !attributes.containsKey(key)) {
                problems.add(where + ": condition on unknown attribute '" + key + "'");
            }
        }
    }

    private static <T> T read(ObjectMapper yaml, Path file, Class<T> type, List<String> problems) {
        try {
            return yaml.readValue(file.toFile(), type);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            if (e instanceof UnrecognizedPropertyException u) {
                line = lineOfKey(file, u.getPropertyName(), line); // the YAML parser reports the line after the key
            }
            problems.add(file + ":" + line + ": " + e.getOriginalMessage());
            return null;
        }
    }

    private static int lineOfKey(Path file, String key, int before) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = Math.min(before, lines.size()) - 1; i >= 0; i--) {
                if (lines.get(i).matches("\\s*(- )?\\{?\\s*" + java.util.regex.Pattern.quote(key) + ":.*")) {
                    return i + 1;
                }
            }
        } catch (IOException unreadable) {
            // keep the parser's line
        }
        return before;
    }

    private static int lineOf(String text, String id) {
        int at = id == null ? -1 : text.indexOf("id: " + id + "\n");
        return at < 0
                ? 0
                : (int) text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
    }

    public String version() {
        return version;
    }

    public List<Rule> rules() {
        return rules;
    }

    public Rule rule(String id) {
        return byId.get(id);
    }

    public Map<String, Activity> activities() {
        return activities;
    }

    public Map<String, AttributeDef> attributes() {
        return attributes;
    }

    public Document document(String id) {
        return documents.get(id);
    }

    public Map<String, Document> documents() {
        return documents;
    }

    public Clause clause(String id) {
        return clauses.get(id);
    }

    public Map<String, Clause> clauses() {
        return clauses;
    }

    /** A clause as answers carry it: id, 《title》（文号）, section, the words and the gist. */
    public CheckReport.Citation citation(String clauseId) {
        Clause c = clauses.get(clauseId);
        Document d = documents.get(c.document());
        return new CheckReport.Citation(c.id(), d.id(), reference(d), d.number(), c.section(), c.text(), c.gistEn());
    }

    /** 《title》（文号）, or 《title》（date, 无文号） where the gazette prints no number. */
    public static String reference(Document d) {
        String number = d.number() != null
                ? d.number()
                : d.issued().getYear() + "年" + d.issued().getMonthValue() + "月"
                        + d.issued().getDayOfMonth() + "日，无文号";
        return "《" + d.title() + "》（" + number + "）";
    }

    /** The authority table in file order: specific rows first. */
    public List<RuleFiles.AuthorityRow> authorities() {
        return authorities;
    }
}
