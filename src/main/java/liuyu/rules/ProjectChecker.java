package liuyu.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.atlas.Location;
import liuyu.atlas.Method;
import liuyu.geo.MetricProjection;
import liuyu.network.Mode;
import liuyu.network.Navigation;
import liuyu.network.NavigationException;
import liuyu.network.RiverNetwork;
import liuyu.network.Semantics;
import liuyu.network.Start;
import liuyu.rules.CheckReport.AuthorityLine;
import liuyu.rules.CheckReport.Citation;
import liuyu.rules.CheckReport.Downstream;
import liuyu.rules.CheckReport.Hit;
import liuyu.rules.CheckReport.Near;
import liuyu.rules.CheckReport.Undetermined;
import liuyu.rules.RuleFiles.Rule;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Checks a project against the rule catalogue on one atlas snapshot. Zone rules hit through every
 * zone the project's geometry touches; rules without zones apply everywhere; a rule turning on a
 * fact the project does not state is reported undetermined and counts as CONDITIONAL.
 */
public final class ProjectChecker {

    private final RuleCatalogue rules;

    public ProjectChecker(RuleCatalogue rules) {
        this.rules = rules;
    }

    public record Options(double nearMetres, double downstreamKm, LocalDate on) {
        /** The defaults of HTTP and the command line alike: zones within 500 m, sections 50 km downstream. */
        public static final double NEAR_METRES = 500;

        public static final double DOWNSTREAM_KM = 50;
    }

    public CheckReport check(Atlas atlas, RiverNetwork river, Project project, Options options) {
        Geometry metric = MetricProjection.toMetric(project.geometry());
        PreparedGeometry preparedMetric = PreparedGeometryFactory.prepare(metric);
        Map<Feature, Double> overlaps = new IdentityHashMap<>(); // several rules often hit through one zone
        List<Feature> touched = atlas.zones().intersecting(project.geometry(), options.on());
        Set<String> ruleLayers = new LinkedHashSet<>();
        List<Hit> hits = new ArrayList<>();
        List<AuthorityLine> authorities = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            rule.zones().forEach(z -> ruleLayers.add(z.layer()));
            if (!rule.inForce(options.on()) || !rule.governs(project.activity())) {
                continue;
            }
            Undetermined undetermined = null;
            if (rule.fact() != null) {
                Object value = project.attributes().get(rule.fact().attribute());
                if (value == null) {
                    undetermined = new Undetermined(rule.fact().attribute(), rule.verdict());
                } else if (!Facts.holds(rule.fact(), value)) {
                    continue;
                }
            }
            List<Feature> zones = matchingZones(rule, touched);
            if (!rule.zones().isEmpty() && zones.isEmpty()) {
                continue;
            }
            Verdict verdict = rule.verdict();
            String note = rule.note();
            String noteZh = rule.noteZh();
            for (RuleFiles.Condition c : rule.conditions()) {
                if (Facts.matches(c.when(), project)) {
                    verdict = c.verdict();
                    note = c.note();
                    noteZh = c.noteZh();
                    break;
                }
            }
            if (undetermined != null) {
                verdict = Verdict.CONDITIONAL; // never silently allowed, never forbidden on a guess
                note = "undetermined: the project does not state '" + undetermined.missingAttribute() + "'";
                noteZh = "待定：项目未说明“" + undetermined.missingAttribute() + "”";
            }
            List<Citation> citations = citations(rule);
            if (zones.isEmpty()) {
                hits.add(new Hit(
                        rule.id(),
                        rule.titleZh(),
                        rule.titleEn(),
                        null,
                        null,
                        null,
                        verdict,
                        undetermined,
                        note,
                        noteZh,
                        null,
                        null,
                        null,
                        citations,
                        true));
            }
            for (Feature zone : zones) {
                Double area = null;
                Double percent = null;
                Double length = null;
                if (!(project.geometry() instanceof Puntal)) {
                    double overlap =
                            overlaps.computeIfAbsent(zone, z -> atlas.zones().overlap(z, metric, preparedMetric));
                    if (project.geometry() instanceof Polygonal) {
                        area = round(overlap);
                        percent = metric.getArea() == 0 ? null : round(100 * overlap / metric.getArea());
                    } else {
                        length = round(overlap);
                    }
                }
                hits.add(new Hit(
                        rule.id(),
                        rule.titleZh(),
                        rule.titleEn(),
                        zone.layer(),
                        zone.id(),
                        zone.nameZh(),
                        verdict,
                        undetermined,
                        note,
                        noteZh,
                        area,
                        percent,
                        length,
                        citations,
                        zone.provenance().authoritative()));
            }
            if (rule.authority() != null) {
                authorities.add(authority(atlas, rule, project, touched, zones));
            }
        }
        hits.sort(Comparator.comparing(Hit::verdict)
                .reversed()
                .thenComparing(h -> rules.rules().indexOf(rules.rule(h.rule())))
                .thenComparing(h -> h.layer() == null ? "" : h.layer())
                .thenComparing(h -> h.zone() == null ? "" : h.zone()));
        Verdict overall = Verdict.ALLOWED;
        for (Hit h : hits) {
            overall = overall.stricter(h.verdict());
        }
        List<Near> near = new ArrayList<>();
        for (Location.Hit n : atlas.zones().near(metric, options.nearMetres(), touched, options.on())) {
            if (ruleLayers.contains(n.feature().layer())) {
                near.add(new Near(
                        n.feature().layer(), n.feature().id(), n.feature().nameZh(), round(n.distanceM())));
            }
        }
        near.sort(Comparator.comparingDouble(Near::distanceM)
                .thenComparing(Near::layer)
                .thenComparing(Near::zone));
        List<String> notes = new ArrayList<>();
        List<String> notesZh = new ArrayList<>();
        List<Downstream> downstream = downstream(river, project, touched, options.downstreamKm(), notes, notesZh);
        notes(atlas, project, hits, near, notes, notesZh);
        return new CheckReport(
                project.id(),
                project.activity(),
                overall,
                hits,
                near,
                authorities,
                downstream,
                notes,
                notesZh,
                rules.version(),
                atlas.version(),
                options.on(),
                atlas.zoneLayerVersions(options.on()));
    }

    private static List<Feature> matchingZones(Rule rule, List<Feature> touched) {
        List<Feature> out = new ArrayList<>();
        for (Feature f : touched) {
            for (RuleFiles.ZoneRef z : rule.zones()) {
                if (z.layer().equals(f.layer())
                        && Facts.propertiesMatch(z.where(), f.properties())
                        && !out.contains(f)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private List<Citation> citations(Rule rule) {
        List<Citation> out = new ArrayList<>();
        for (RuleFiles.CitationRef c : rule.citations()) {
            out.add(rules.citation(c.clause()));
        }
        return out;
    }

    /**
     * Who approves or is consulted under {@code rule}: a body the rule names, or an {@code @role} looked up in the
     * authority table for each zone the rule hit ({@code zones}) or, for an override, each zone of its layer. Every
     * line says why: the row of the table with its clause, the override's facts or zone, or the rule itself.
     */
    private AuthorityLine authority(
            Atlas atlas, Rule rule, Project project, List<Feature> touched, List<Feature> zones) {
        List<String> districts = new ArrayList<>();
        touched.stream().filter(f -> f.layer().equals(AtlasSchema.DISTRICTS)).forEach(f -> districts.add(f.nameZh()));
        String district = districts.isEmpty() ? "所在区" : String.join("、", districts);
        List<String> approvesBecause = new ArrayList<>();
        List<String> consultsBecause = new ArrayList<>();
        List<String> approvesBecauseZh = new ArrayList<>();
        List<String> consultsBecauseZh = new ArrayList<>();
        String approves = body(
                rule, rule.authority().approves(), zones, district, "approves", approvesBecause, approvesBecauseZh);
        String consults = body(
                rule, rule.authority().consults(), zones, district, "consults", consultsBecause, consultsBecauseZh);
        List<String> overridden = new ArrayList<>();
        List<String> overriddenZh = new ArrayList<>();
        for (RuleFiles.AuthorityOverride o : rule.authority().overrides()) {
            boolean byFacts = o.when() != null && Facts.matches(o.when(), project);
            List<Feature> inZone = o.whenZone() == null
                    ? List.of()
                    : touched.stream()
                            .filter(f -> f.layer().equals(o.whenZone()))
                            .toList();
            if (!byFacts && inZone.isEmpty()) {
                continue;
            }
            // later overrides are the stronger ones: the rule data lists them in that order
            List<Feature> at = byFacts ? zones : inZone;
            if (o.approves() != null) {
                approvesBecause = new ArrayList<>();
                approvesBecauseZh = new ArrayList<>();
                approves = body(rule, o.approves(), at, district, "approves", approvesBecause, approvesBecauseZh);
            }
            if (o.consults() != null) {
                consultsBecause = new ArrayList<>();
                consultsBecauseZh = new ArrayList<>();
                consults = body(rule, o.consults(), at, district, "consults", consultsBecause, consultsBecauseZh);
            }
            overridden.add(byFacts ? "facts " + o.when() : "lies in " + o.whenZone());
            overriddenZh.add(
                    byFacts ? "项目事实 " + o.when() : "位于" + layerZh(atlas, o.whenZone()) + "（" + o.whenZone() + "）");
        }
        List<String> because = new ArrayList<>(overridden);
        because.addAll(approvesBecause);
        because.addAll(consultsBecause);
        List<String> becauseZh = new ArrayList<>(overriddenZh);
        becauseZh.addAll(approvesBecauseZh);
        becauseZh.addAll(consultsBecauseZh);
        return new AuthorityLine(rule.id(), approves, consults, List.copyOf(because), List.copyOf(becauseZh));
    }

    /** A body as the rule names it, or the bodies the authority table gives {@code @role} for each zone. */
    private String body(
            Rule rule,
            String ref,
            List<Feature> zones,
            String district,
            String verb,
            List<String> because,
            List<String> becauseZh) {
        if (ref == null) {
            return null;
        }
        if (!ref.startsWith(RuleCatalogue.ROLE)) {
            because.add(verb + " " + fill(ref, district) + ": named by rule '" + rule.id() + "'");
            becauseZh.add(verbZh(verb) + fill(ref, district) + "：规则“" + rule.id() + "”所列");
            return fill(ref, district);
        }
        String role = ref.substring(RuleCatalogue.ROLE.length());
        Set<String> bodies = new LinkedHashSet<>();
        for (Feature zone : zones) {
            RuleFiles.AuthorityRow row = rules.authorities().stream()
                    .filter(r -> r.zone().layer().equals(zone.layer())
                            && Facts.propertiesMatch(r.zone().where(), zone.properties())
                            && r.roles().containsKey(role))
                    .findFirst()
                    .orElse(null);
            if (row == null) {
                because.add(verb + ": no row of " + RuleCatalogue.AUTHORITIES + " names the " + role + " for zone '"
                        + zone.id() + "'");
                becauseZh.add(verbZh(verb) + "：" + RuleCatalogue.AUTHORITIES + " 中没有为区域“" + zone.id() + "”列出 " + role);
                continue;
            }
            String body = fill(row.roles().get(role), district);
            bodies.add(body);
            because.add(verb + " " + body + ": zone '" + zone.id() + "' (" + zone.layer() + ") is row '" + row.id()
                    + "' of "
                    + RuleCatalogue.AUTHORITIES + ": " + row.because() + " ["
                    + row.clause().document() + " " + row.clause().section()
                    + ": " + row.clause().quote() + "]");
            becauseZh.add(
                    verbZh(verb) + body + "：区域“" + zone.id() + "”（" + zone.layer() + "）对应 " + RuleCatalogue.AUTHORITIES
                            + " 的“" + row.id() + "”行：" + row.because() + "〔"
                            + row.clause().document() + " " + row.clause().section() + "："
                            + row.clause().quote() + "〕");
        }
        return bodies.isEmpty() ? null : String.join("; ", bodies);
    }

    private static String verbZh(String verb) {
        return verb.equals("approves") ? "审批：" : "征求意见：";
    }

    /**
     * The body the authority table gives {@code role} for {@code zone} (for a district, {@code {district}} is the
     * district itself), or null when no row names one.
     */
    public String roleFor(String role, Feature zone) {
        return rules.authorities().stream()
                .filter(r -> r.zone().layer().equals(zone.layer())
                        && Facts.propertiesMatch(r.zone().where(), zone.properties())
                        && r.roles().containsKey(role))
                .findFirst()
                .map(r -> fill(r.roles().get(role), zone.layer().equals(AtlasSchema.DISTRICTS) ? zone.nameZh() : "所在区"))
                .orElse(null);
    }

    private static String fill(String template, String district) {
        return template == null ? null : template.replace("{district}", district);
    }

    /** Monitoring sections and reservoirs downstream of the project, following diversions, within the distance. */
    private static List<Downstream> downstream(
            RiverNetwork river,
            Project project,
            List<Feature> touched,
            double km,
            List<String> notes,
            List<String> notesZh) {
        if (river == null) {
            notes.add("No river network is available in this atlas: nothing downstream was traced.");
            notesZh.add("本图集没有河网：未追踪下游。");
            return List.of();
        }
        Point at = project.geometry().getInteriorPoint();
        Navigation nav;
        try {
            String outlet = reservoirOutlet(river, touched);
            nav = river.navigate(
                    outlet != null ? Start.reach(outlet) : Start.position(at.getX(), at.getY()),
                    Mode.DD,
                    km,
                    Semantics.LIUYU);
        } catch (NavigationException e) {
            notes.add("Downstream not traced: " + e.getMessage());
            notesZh.add("未能追踪下游：" + e.getMessage());
            return List.of();
        }
        List<Downstream> out = new ArrayList<>();
        for (Navigation.ReachHit r : nav.reaches()) {
            if (AtlasSchema.ARTIFICIAL_PATH.equals(r.feature().string("kind"))) {
                out.add(new Downstream(river.riverLayer(), r.id(), r.feature().nameZh(), round(r.distanceKm())));
            }
        }
        if (river.featureLayers().contains(AtlasSchema.SECTIONS)) {
            for (Navigation.FeatureHit s : nav.features(AtlasSchema.SECTIONS)) {
                out.add(new Downstream(
                        AtlasSchema.SECTIONS,
                        s.linked().feature().id(),
                        s.linked().feature().nameZh(),
                        round(s.distanceKm())));
            }
        }
        out.sort(Comparator.comparingDouble(Downstream::networkKm).thenComparing(Downstream::id));
        return out;
    }

    /**
     * A project in a reservoir drains through the reservoir's outlet: the artificial path inside it that
     * every other path inside it flows into. Null when the project touches no reservoir with such paths.
     */
    private static String reservoirOutlet(RiverNetwork river, List<Feature> touched) {
        for (Feature reservoir : touched) {
            if (!reservoir.layer().equals(AtlasSchema.RESERVOIRS)) {
                continue;
            }
            List<String> paths = new ArrayList<>();
            for (String id : river.reachIds()) {
                Feature reach = river.reachFeature(id);
                if (AtlasSchema.ARTIFICIAL_PATH.equals(reach.string("kind"))
                        && reach.geometry().intersects(reservoir.geometry())) {
                    paths.add(id);
                }
            }
            for (String candidate : paths) {
                if (paths.stream().allMatch(p -> p.equals(candidate) || river.isUpstream(p, candidate))) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** The data-quality notes, each in English ({@code notes}) and Chinese ({@code notesZh}), item for item. */
    private static void notes(
            Atlas atlas, Project project, List<Hit> hits, List<Near> near, List<String> notes, List<String> notesZh) {
        notes.add(atlas.servedNote());
        notesZh.add(atlas.servedNoteZh());
        Map<String, String> weak = new LinkedHashMap<>();
        for (Hit h : hits) {
            weakLayer(atlas, h.layer(), weak);
        }
        for (Near n : near) {
            weakLayer(atlas, n.layer(), weak);
        }
        if (!weak.isEmpty()) {
            List<String> parts = new ArrayList<>();
            List<String> partsZh = new ArrayList<>();
            weak.forEach((layer, method) -> {
                parts.add(layer + " (" + method + ")");
                partsZh.add(layerZh(atlas, layer) + "（" + layer + "，"
                        + Method.parse(method).zh() + "）");
            });
            notes.add("This report rests on non-authoritative layers: " + String.join(", ", parts)
                    + ". Boundaries are approximate; confirm against the official zone boundaries.");
            notesZh.add("本报告依据非权威图层：" + String.join("、", partsZh) + "。边界为近似，请以官方划定的边界为准。");
        }
        if (hits.isEmpty()) {
            notes.add("No rule of the catalogue governs '" + project.activity() + "' here.");
            notesZh.add("规则目录中没有规则在此处管辖活动“" + project.activity() + "”。");
        }
        notes.add(
                "This report cites government plans, clause by clause; it is not a legal determination (miyun-work-rules-2023/art17).");
        notesZh.add("本报告逐条引用政府规划文件，不是法律认定（miyun-work-rules-2023/art17）。");
    }

    private static String layerZh(Atlas atlas, String layerId) {
        Layer layer = atlas.layer(layerId);
        return layer == null ? layerId : layer.info().titleZh();
    }

    private static void weakLayer(Atlas atlas, String layerId, Map<String, String> weak) {
        Layer layer = layerId == null ? null : atlas.layer(layerId);
        if (layer != null && !layer.info().provenance().authoritative()) {
            weak.put(layerId, layer.info().provenance().method().code());
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
