package liuyu.outfalls;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.Feature;
import liuyu.geo.GeoJson;
import liuyu.network.LinkedFeature;
import liuyu.network.LinkedLayer;
import liuyu.network.Placement;
import liuyu.network.RiverNetwork;
import liuyu.network.Unlinked;
import liuyu.rules.CheckReport;
import liuyu.rules.Project;
import liuyu.rules.ProjectChecker;
import liuyu.rules.Verdict;
import org.locationtech.jts.geom.Coordinate;

/**
 * What the atlas and the rules say of one outfall where it lies: its district, its reach, who
 * approves it (rule 16, beijing-outfall-supervision-2023/3.2a, beijing-outfall-supervision-2023/3.2b) and the compliance flags. The rules are the catalogue's: the
 * outfall is checked as the project "outfall" with its ledger facts, so a flag cites the same clause
 * a planner's check would.
 */
public record OutfallAssessment(
        Place district,
        Reach reach,
        Verdict verdict,
        List<CheckReport.AuthorityLine> authorities,
        String supervisor,
        List<Flag> flags,
        List<CheckReport.Downstream> downstream,
        List<String> notes,
        List<String> notesZh) {
    static final String ACTIVITY = "outfall";
    /** The authority table's role for who supervises an outfall and enforces (gis/rules/authorities.yaml, per district). */
    static final String SUPERVISOR = "supervisor";

    public record Place(String id, String nameZh) {}

    /** The reach the outfall is linked to (measure as NHDPlus: 0 downstream end, 100 upstream), or why it is not. */
    public record Reach(String reach, String riverNameZh, Double measure, Double offsetM, String unlinked) {}

    /**
     * A compliance flag: {@code kind} is {@code forbidden} (a rule forbids an outfall here),
     * {@code approval-missing} (a rule needs an approval the record lacks) or {@code fact-missing}
     * (a rule turns on a fact the record does not state).
     */
    public record Flag(
            String kind,
            String rule,
            String titleZh,
            String titleEn,
            String zone,
            String zoneNameZh,
            List<CheckReport.Citation> clauses,
            String note,
            String noteZh) {}

    static OutfallAssessment of(Outfall o, Atlas atlas, RiverNetwork network, ProjectChecker checker, LocalDate on) {
        CheckReport report = checker.check(
                atlas,
                network,
                new Project(o.id(), GeoJson.FACTORY.createPoint(new Coordinate(o.lon(), o.lat())), ACTIVITY, facts(o)),
                new ProjectChecker.Options(0, 50, on));
        Feature d = district(atlas, o.lon(), o.lat());
        List<Flag> flags = new ArrayList<>();
        for (CheckReport.Hit h : report.hits()) {
            List<CheckReport.Citation> clauses = h.citations();
            boolean approves =
                    report.authorities().stream().anyMatch(a -> a.rule().equals(h.rule()) && a.approves() != null);
            if (h.undetermined() != null) {
                flags.add(new Flag(
                        "fact-missing",
                        h.rule(),
                        h.titleZh(),
                        h.titleEn(),
                        h.zone(),
                        h.zoneNameZh(),
                        clauses,
                        "the record does not state '" + h.undetermined().missingAttribute() + "'",
                        "记录未说明“" + h.undetermined().missingAttribute() + "”"));
            } else if (h.verdict() == Verdict.FORBIDDEN) {
                flags.add(new Flag(
                        "forbidden",
                        h.rule(),
                        h.titleZh(),
                        h.titleEn(),
                        h.zone(),
                        h.zoneNameZh(),
                        clauses,
                        h.note(),
                        h.noteZh()));
            } else if (h.verdict() == Verdict.CONDITIONAL
                    && approves
                    && o.details().approvals().stream().noneMatch(a -> a.rule().equals(h.rule()))) {
                flags.add(new Flag(
                        "approval-missing",
                        h.rule(),
                        h.titleZh(),
                        h.titleEn(),
                        h.zone(),
                        h.zoneNameZh(),
                        clauses,
                        "no approval under rule '" + h.rule() + "' is recorded",
                        "未记录依规则“" + h.rule() + "”取得的批准"));
            }
        }
        return new OutfallAssessment(
                d == null ? null : new Place(d.id(), d.nameZh()),
                reach(o, network),
                report.verdict(),
                report.authorities(),
                d == null ? null : checker.roleFor(SUPERVISOR, d),
                flags,
                report.downstream(),
                report.notes(),
                report.notesZh());
    }

    /** The rule-16 facts of a record, named as the rule catalogue's outfall attributes. */
    static Map<String, Object> facts(Outfall o) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("outfallType", o.type().code());
        if (o.details().eiaApprovedBy() != null) {
            facts.put("eiaApprovedBy", o.details().eiaApprovedBy());
        }
        facts.put("interProvincialDispute", o.details().interProvincialDispute());
        facts.put("affectsFloodControl", o.details().affectsFloodControl());
        return facts;
    }

    /** The district the point lies in; null outside every district of the atlas. */
    static Feature district(Atlas atlas, double lon, double lat) {
        for (Feature f : atlas.zones().containing(lon, lat)) {
            if (f.layer().equals(AtlasSchema.DISTRICTS)) {
                return f;
            }
        }
        return null;
    }

    /** The id of the district a record lies in; null outside every district. */
    public static String districtOf(Atlas atlas, Outfall o) {
        Feature d = district(atlas, o.lon(), o.lat());
        return d == null ? null : d.id();
    }

    private static Reach reach(Outfall o, RiverNetwork network) {
        LinkedLayer linked = network == null ? null : network.linked(AtlasSchema.OUTFALLS);
        Placement p = linked == null ? null : linked.placement(o.id());
        if (p instanceof LinkedFeature l) {
            Feature r = network.reachFeature(l.link().reach());
            return new Reach(
                    l.link().reach(),
                    r == null ? null : r.nameZh(),
                    round(l.link().measure()),
                    round(l.link().offsetM()),
                    null);
        }
        return new Reach(null, null, null, null, p instanceof Unlinked u ? u.reason() : "no river network to link to");
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
