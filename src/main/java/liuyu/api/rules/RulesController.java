package liuyu.api.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liuyu.api.ApiProblem;
import liuyu.api.Params;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Location;
import liuyu.geo.BeijingTime;
import liuyu.rules.CheckReport.Citation;
import liuyu.rules.RuleCatalogue;
import liuyu.rules.RuleFiles;
import liuyu.rules.RuleFiles.Rule;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The rule catalogue for people on the ground: what applies here, a rule by id, the rules of a layer, the activities. */
@RestController
public class RulesController {

    private final RuleCatalogue rules;
    private final AtlasStore atlases;

    public RulesController(RuleCatalogue rules, AtlasStore atlases) {
        this.rules = rules;
        this.atlases = atlases;
    }

    public record RuleView(
            String id,
            String titleZh,
            String titleEn,
            List<RuleFiles.ZoneRef> zones,
            List<String> activities,
            RuleFiles.Fact fact,
            String verdict,
            List<RuleFiles.Condition> conditions,
            String note,
            RuleFiles.Authority authority,
            List<Citation> citations,
            LocalDate validFrom,
            LocalDate validTo,
            String status,
            String noteZh,
            String replacedBy) {}

    public record ZoneRules(
            String layer,
            String zone,
            String nameZh,
            String nameEn,
            Map<String, Object> provenance,
            List<RuleView> rules) {}

    /** The rules at a point; {@code notes} in English, {@code notesZh} the same notes in Chinese, item for item. */
    public record RulesHere(
            double lon,
            double lat,
            List<ZoneRules> zones,
            List<RuleView> everywhere,
            String ruleset,
            LocalDate asOf,
            String atlasVersion,
            Map<String, String> layerVersions,
            List<String> notes,
            List<String> notesZh) {}

    public record ActivityView(String id, String nameZh, String nameEn, List<AttributeView> attributes) {}

    public record AttributeView(String name, String type, List<String> values, String description) {}

    @GetMapping("/activities")
    public List<ActivityView> activities() {
        List<ActivityView> out = new ArrayList<>();
        for (RuleFiles.Activity a : rules.activities().values()) {
            List<AttributeView> attrs = new ArrayList<>();
            for (String name : a.attributes()) {
                RuleFiles.AttributeDef d = rules.attributes().get(name);
                attrs.add(new AttributeView(name, d.type(), d.values(), d.description()));
            }
            out.add(new ActivityView(a.id(), a.nameZh(), a.nameEn(), attrs));
        }
        return out;
    }

    @GetMapping("/rules/{id}")
    public RuleView rule(@PathVariable String id) {
        Rule r = rules.rule(id);
        if (r == null) {
            throw ApiProblem.notFound("id", "no rule with id '" + id + "'; see /rules for the list");
        }
        return view(r);
    }

    /**
     * Without parameters every rule of the catalogue, repealed ones included; {@code layer=} the rules of one zone
     * layer; {@code lon=&lat=} the rules in force there today. {@code asOf=YYYY-MM-DD} keeps only the rules in
     * force that day and, with lon/lat, answers on the zones in force that day.
     */
    @GetMapping("/rules")
    public Object rules(
            @RequestParam(required = false) String lon,
            @RequestParam(required = false) String lat,
            @RequestParam(required = false) String layer,
            @RequestParam(required = false) String asOf) {
        LocalDate day = asOf(asOf);
        java.util.function.Predicate<Rule> dated = r -> asOf == null || r.inForce(day);
        if (layer != null) {
            if (atlases.current().layer(layer) == null) {
                throw ApiProblem.notFound("layer", "no layer with id '" + layer + "'; see /layers");
            }
            return rules.rules().stream()
                    .filter(dated)
                    .filter(r -> r.zones().stream().anyMatch(z -> z.layer().equals(layer)))
                    .map(this::view)
                    .toList();
        }
        if (lon == null && lat == null) {
            return rules.rules().stream().filter(dated).map(this::view).toList();
        }
        double x = Params.number("lon", lon, -180, 180);
        double y = Params.number("lat", lat, -90, 90);
        Atlas atlas = atlases.current();
        LocalDate today = day;
        List<ZoneRules> zones = new ArrayList<>();
        for (Location.Hit hit : atlas.locate(x, y, day).within()) {
            List<RuleView> here = new ArrayList<>();
            for (Rule r : rules.rules()) {
                boolean applies = r.inForce(today)
                        && r.zones().stream()
                                .anyMatch(z -> z.layer().equals(hit.feature().layer())
                                        && z.where().entrySet().stream()
                                                .allMatch(e -> String.valueOf(e.getValue())
                                                        .equals(String.valueOf(hit.feature()
                                                                .properties()
                                                                .get(e.getKey())))));
                if (applies) {
                    here.add(view(r));
                }
            }
            if (!here.isEmpty()) {
                Map<String, Object> provenance = new LinkedHashMap<>();
                provenance.put("method", hit.feature().provenance().method().code());
                provenance.put("authoritative", hit.feature().provenance().authoritative());
                zones.add(new ZoneRules(
                        hit.feature().layer(),
                        hit.feature().id(),
                        hit.feature().nameZh(),
                        hit.feature().nameEn(),
                        provenance,
                        here));
            }
        }
        List<RuleView> everywhere = rules.rules().stream()
                .filter(r -> r.zones().isEmpty() && r.inForce(today))
                .map(this::view)
                .toList();
        List<String> notes = new ArrayList<>();
        List<String> notesZh = new ArrayList<>();
        if (zones.stream().anyMatch(z -> !Boolean.TRUE.equals(z.provenance().get("authoritative")))) {
            notes.add(
                    "Some zones here come from non-authoritative (derived, schematic or synthetic) layers; confirm on the official maps.");
            notesZh.add("此处部分区域来自非权威（推导、示意或合成）图层，请以官方图件为准。");
        }
        notes.add("Rules cite government plans; they are not legal determinations (miyun-work-rules-2023/art17).");
        notesZh.add("规则引用政府规划文件，不是法律认定（miyun-work-rules-2023/art17）。");
        return new RulesHere(
                x,
                y,
                zones,
                everywhere,
                rules.version(),
                day,
                atlas.version(),
                atlas.zoneLayerVersions(day),
                notes,
                notesZh);
    }

    /** The day an answer is for: {@code asOf} (an ISO date between 1900 and 2999), or today in Beijing. */
    public static LocalDate asOf(String asOf) {
        if (asOf == null) {
            return BeijingTime.today();
        }
        LocalDate day;
        try {
            day = LocalDate.parse(asOf);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblem.badRequest("asOf", "asOf must be an ISO date (YYYY-MM-DD), got '" + asOf + "'");
        }
        if (day.getYear() < 1900 || day.getYear() > 2999) {
            throw ApiProblem.badRequest("asOf", "asOf must lie between 1900-01-01 and 2999-12-31, got '" + asOf + "'");
        }
        return day;
    }

    RuleView view(Rule r) {
        List<Citation> citations = new ArrayList<>();
        for (RuleFiles.CitationRef c : r.citations()) {
            citations.add(rules.citation(c.clause()));
        }
        return new RuleView(
                r.id(),
                r.titleZh(),
                r.titleEn(),
                r.zones(),
                r.activities(),
                r.fact(),
                r.verdict().name(),
                r.conditions(),
                r.note(),
                r.authority(),
                citations,
                r.validFrom(),
                r.validTo(),
                r.status(),
                r.noteZh(),
                r.replacedBy());
    }
}
