package liuyu.quality;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.Feature;
import liuyu.network.Mode;
import liuyu.network.Navigation;
import liuyu.network.NavigationException;
import liuyu.network.NetworkService;
import liuyu.network.Semantics;
import liuyu.network.Start;

/**
 * Links a section that got worse to the outfalls upstream of it (联动溯源, beijing-outfall-supervision-2023/4.2): upstream with
 * tributaries (NLDI mode UT) along the river network, bounded by a distance in km.
 */
public final class Tracing {
    private final QualityService quality;
    private final NetworkService networks;
    private final ObservationStore store;

    public Tracing(QualityService quality, NetworkService networks, ObservationStore store) {
        this.quality = quality;
        this.networks = networks;
        this.store = store;
    }

    /**
     * Compares the section's class in {@code period} with its target and with the previous period;
     * if worse than either, lists the outfalls upstream within {@code distanceKm}. Throws the
     * network's {@code NavigationException} when the section is not on the network.
     */
    public Trace trace(Section section, Period period, double distanceKm, Profile profile, Rounding rounding) {
        SectionQuality now = quality.quality(section, period, profile, rounding);
        Period previous = period.previous();
        SectionQuality before = quality.quality(section, previous, profile, rounding);
        WaterClass c = now.waterClass();
        List<String> reasons = new ArrayList<>();
        if (c != null && section.targetClass() != null && c.worseThan(section.targetClass())) {
            reasons.add("class " + c.code() + " is worse than the target "
                    + section.targetClass().code());
        }
        if (c != null && before.waterClass() != null && c.worseThan(before.waterClass())) {
            reasons.add("class " + c.code() + " is worse than "
                    + before.waterClass().code() + " in " + previous.text());
        }
        List<String> notes = new ArrayList<>();
        List<String> notesZh = new ArrayList<>(); // the same notes in Chinese, item for item
        notes.add(quality.atlas().servedNote());
        notesZh.add(quality.atlas().servedNoteZh());
        List<Trace.Suspect> suspects = new ArrayList<>();
        if (c == null) {
            notes.add("no class for " + period.text() + ": nothing to trace");
            notesZh.add(period.text() + " 无类别：无需溯源");
        } else if (reasons.isEmpty()) {
            notes.add("the section is no worse than its target or than " + previous.text() + ": nothing to trace");
            notesZh.add("断面水质不劣于目标，也不劣于 " + previous.text() + "：无需溯源");
        } else {
            Navigation upstream = upstream(section, distanceKm);
            for (Navigation.FeatureHit hit : upstream.features(AtlasSchema.OUTFALLS)) {
                suspects.add(suspect(hit.linked().feature(), hit.distanceKm()));
            }
            notes.add("outfalls upstream along the network with tributaries (NLDI UT) within " + distanceKm
                    + " km, nearest first");
            notesZh.add("沿河网（含支流，NLDI UT）上游 " + distanceKm + " 公里内的排污口，由近及远");
            if (suspects.stream().anyMatch(s -> !s.provenance().authoritative())) {
                notes.add(
                        "the outfalls come from a non-authoritative layer: positions and attributes are not the official ledger");
                notesZh.add("排污口来自非权威图层：位置和属性不是官方台账");
            }
        }
        if (now.synthetic() || before.synthetic()) {
            notes.add("the classes rest on SYNTHETIC demo observations");
            notesZh.add("类别基于合成演示数据");
        }
        return new Trace(
                section.id(),
                section.nameZh(),
                period.text(),
                previous.text(),
                profile,
                rounding,
                c,
                before.waterClass(),
                section.targetClass(),
                reasons,
                distanceKm,
                suspects,
                notes,
                notesZh);
    }

    private Trace.Suspect suspect(Feature f, double distanceKm) {
        List<Observation> latest = store.latestSample(f.id());
        Trace.Latest monitoring = null;
        if (!latest.isEmpty()) {
            Map<String, String> values = new LinkedHashMap<>();
            boolean synthetic = false;
            for (Observation o : latest) {
                values.put(
                        o.parameter().code(),
                        o.missing()
                                ? "missing ('" + o.reportedValue() + "')"
                                : (o.belowDetectionLimit() ? "<" : "")
                                        + o.value().toPlainString() + " " + o.unit());
                synthetic |= o.source().kind().equals(Observation.Source.SYNTHETIC);
            }
            monitoring = new Trace.Latest(latest.get(0).sampledAt(), values, synthetic);
        }
        Boolean flowing = f.properties().get("normallyFlowing") instanceof Boolean b ? b : null;
        return new Trace.Suspect(
                f.id(),
                f.nameZh(),
                f.string("type"),
                f.string("river"),
                f.string("reach"),
                f.string("district"),
                flowing,
                f.string("state"),
                Math.round(distanceKm * 1000) / 1000.0,
                monitoring,
                f.provenance());
    }

    /** The walk upstream; a section the network cannot place is named as the section asked for. */
    private Navigation upstream(Section section, double distanceKm) {
        try {
            return networks.current()
                    .navigate(Start.feature(Sections.LAYER, section.id()), Mode.UT, distanceKm, Semantics.LIUYU);
        } catch (NavigationException e) {
            throw new NavigationException(
                    e.reason(),
                    "id",
                    "section '" + section.id() + "' cannot be traced on the river network: " + e.getMessage());
        }
    }
}
