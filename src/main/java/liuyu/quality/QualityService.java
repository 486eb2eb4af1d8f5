package liuyu.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import liuyu.geo.BeijingTime;

/** Classes sections over periods from the stored observations, and measures the year against the targets. */
public final class QualityService {
    private final Sections sections;
    private final ObservationStore store;
    private final Classifier classifier;
    private final TnBaseline tnBaseline;

    /** The atlas answers are given from (and name). */
    public liuyu.atlas.Atlas atlas() {
        return sections.atlas();
    }

    public QualityService(Sections sections, ObservationStore store, Classifier classifier, TnBaseline tnBaseline) {
        this.sections = sections;
        this.store = store;
        this.classifier = classifier;
        this.tnBaseline = tnBaseline;
    }

    public List<Section> sections() {
        return sections.all();
    }

    public Optional<Section> section(String id) {
        return sections.byId(id);
    }

    /**
     * The section's class over the period: the class of the period means of each parameter (values
     * flagged abnormal left out and listed), with every sample's own class beside it.
     */
    public SectionQuality quality(Section section, Period period, Profile profile, Rounding rounding) {
        List<Observation> observations = store.latest(section.id(), period.from(), period.to());
        List<SectionQuality.Excluded> excluded = new ArrayList<>();
        List<SectionQuality.Missing> missingValues = new ArrayList<>();
        Map<Instant, SampleParts> bySample = new TreeMap<>();
        Map<Parameter, List<Measurement>> byParameter = new EnumMap<>(Parameter.class);
        boolean synthetic = false;
        for (Observation o : observations) {
            synthetic |= o.source().kind().equals(Observation.Source.SYNTHETIC);
            SampleParts sample = bySample.computeIfAbsent(o.sampledAt().toInstant(), k -> new SampleParts());
            Parameter parameter = o.parameter();
            if (o.abnormal()) {
                excluded.add(new SectionQuality.Excluded(o.id(), o.parameter(), o.sampledAt(), o.abnormalCause()));
                sample.excluded.putIfAbsent(
                        parameter, new Assessment.Excluded(parameter, o.reportedValue(), o.abnormalCause()));
                continue;
            }
            if (o.missing()) {
                missingValues.add(new SectionQuality.Missing(o.id(), o.parameter(), o.sampledAt(), o.reportedValue()));
                sample.missing.putIfAbsent(parameter, new Assessment.MissingValue(parameter, o.reportedValue()));
                continue;
            }
            Measurement m = measurement(o);
            sample.values.computeIfAbsent(m.parameter(), k -> new ArrayList<>()).add(m);
            byParameter.computeIfAbsent(m.parameter(), k -> new ArrayList<>()).add(m);
        }
        List<SectionQuality.Sample> samples = new ArrayList<>();
        for (Map.Entry<Instant, SampleParts> e : bySample.entrySet()) {
            SampleParts p = e.getValue();
            // a parameter with a value at this time is classed; a flag or a gap beside it is listed at the period level
            // only
            p.excluded.keySet().removeAll(p.values.keySet());
            p.missing.keySet().removeAll(p.values.keySet());
            p.missing.keySet().removeAll(p.excluded.keySet());
            samples.add(new SectionQuality.Sample(
                    e.getKey().atOffset(BeijingTime.OFFSET),
                    classifier.classify(
                            section.waterbody(),
                            profile,
                            rounding,
                            means(p.values),
                            List.copyOf(p.excluded.values()),
                            List.copyOf(p.missing.values()))));
        }
        Assessment mean = classifier.classify(section.waterbody(), profile, rounding, means(byParameter));
        List<String> notes = new ArrayList<>();
        List<String> notesZh = new ArrayList<>(); // the same notes in Chinese, item for item
        notes.add(sections.atlas().servedNote());
        notesZh.add(sections.atlas().servedNoteZh());
        if (observations.isEmpty()) {
            notes.add("no observations of this section in " + period.text());
            notesZh.add("本断面在 " + period.text() + " 没有监测数据");
        }
        if (synthetic) {
            notes.add(
                    "includes SYNTHETIC demo observations (source kind 'synthetic'): they show how the service works, not the water");
            notesZh.add("含合成演示数据（来源类型 synthetic）：仅用于展示服务功能，不代表实际水质");
        }
        if (!excluded.isEmpty()) {
            notes.add(
                    excluded.size()
                            + " value(s) flagged abnormal were left out of the evaluation (beijing-monitoring-quality-2018/4.12)");
            notesZh.add(excluded.size() + " 个标记为异常的数值未参与评价（beijing-monitoring-quality-2018/4.12）");
        }
        if (!missingValues.isEmpty()) {
            notes.add(missingValues.size() + " value(s) were published as missing and left out of the evaluation");
            notesZh.add(missingValues.size() + " 个数值发布为缺测，未参与评价");
        }
        return new SectionQuality(
                section.id(),
                section.nameZh(),
                period.text(),
                profile,
                rounding,
                section.waterbody(),
                section.targetClass(),
                meets(section, mean.waterClass()),
                mean,
                samples.size(),
                samples,
                excluded,
                missingValues,
                synthetic,
                notes,
                notesZh);
    }

    /** The year against the targets, with the full profile and values rounded to their reported decimals. */
    public Targets targets(int year) {
        Period period = Period.year(year);
        List<Targets.SectionClass> classes = new ArrayList<>();
        int classed = 0;
        int good = 0;
        int worst = 0;
        boolean synthetic = false;
        // the period means come summed from the database: the same class as quality(s, period, FULL, REPORTED)
        // without reading every observation of the year into memory or classing each sample
        ObservationStore.PeriodTotals totals = store.periodTotals(period.from(), period.to());
        Map<String, List<Measurement>> means = new HashMap<>();
        for (ObservationStore.ParameterTotals t : totals.totals()) {
            means.computeIfAbsent(t.siteId(), k -> new ArrayList<>()).add(mean(t));
        }
        for (Section s : sections.all()) {
            WaterClass c = classifier
                    .classify(s.waterbody(), Profile.FULL, Rounding.REPORTED, means.getOrDefault(s.id(), List.of()))
                    .waterClass();
            boolean siteSynthetic = totals.syntheticSites().contains(s.id());
            synthetic |= siteSynthetic;
            classes.add(new Targets.SectionClass(s.id(), s.nameZh(), c, s.targetClass(), meets(s, c), siteSynthetic));
            if (c != null) {
                classed++;
                good += c.worseThan(WaterClass.III) ? 0 : 1;
                worst += c == WaterClass.WORSE_THAN_V ? 1 : 0;
            }
        }
        List<String> notes = new ArrayList<>();
        List<String> notesZh = new ArrayList<>();
        notes.add(sections.atlas().servedNote());
        notesZh.add(sections.atlas().servedNoteZh());
        notes.add(
                "share at class III or better should rise and worse-than-V sections be eliminated by 2025 (beijing-river-chief-2023/1.3a)");
        notesZh.add("到2025年，达到或优于III类的断面比例应提高，劣V类断面应消除（beijing-river-chief-2023/1.3a）");
        if (synthetic) {
            notes.add("includes SYNTHETIC demo observations: the figures show how the service works, not the water");
            notesZh.add("含合成演示数据：数字仅用于展示服务功能，不代表实际水质");
        }
        if (tnBaseline.demo()) {
            notes.add("the Miyun TN baseline is a DEMO value, not an official figure: " + tnBaseline.source());
            notesZh.add("密云水库总氮基准为演示值，不是官方数据：" + tnBaseline.source());
        }
        Double share = classed == 0
                ? null
                : BigDecimal.valueOf(good)
                        .divide(BigDecimal.valueOf(classed), 4, RoundingMode.HALF_EVEN)
                        .doubleValue();
        return new Targets(
                year,
                Profile.FULL,
                Rounding.REPORTED,
                classed,
                good,
                share,
                worst,
                classes,
                miyunTn(totals),
                notes,
                notesZh);
    }

    private Targets.MiyunTn miyunTn(ObservationStore.PeriodTotals totals) {
        ObservationStore.ParameterTotals tn = totals.totals().stream()
                .filter(t -> t.siteId().equals(tnBaseline.section()) && t.parameter() == Parameter.TN)
                .findFirst()
                .orElse(null);
        BigDecimal mean = null;
        Boolean lower = null;
        if (tn != null) {
            Measurement m = Measurement.mean(
                    Parameter.TN,
                    tn.count(),
                    tn.countBelowLimit(),
                    tn.sumMeasured(),
                    tn.sumLimits(),
                    tn.largestLimit(),
                    tn.decimals());
            mean = m.value().setScale(m.decimals(), RoundingMode.HALF_EVEN);
            lower = mean.compareTo(tnBaseline.value()) < 0;
        }
        return new Targets.MiyunTn(
                tnBaseline.section(),
                mean,
                Parameter.TN.unit().code(),
                tnBaseline.year(),
                tnBaseline.value(),
                tnBaseline.source(),
                tnBaseline.demo(),
                lower,
                "miyun-water-ecology-2023/1.2a 密云水库总氮浓度较 2021 年有所下降 (by 2025)");
    }

    /** One sample's values, flagged values and missing values, by parameter. */
    private static final class SampleParts {
        final Map<Parameter, List<Measurement>> values = new EnumMap<>(Parameter.class);
        final Map<Parameter, Assessment.Excluded> excluded = new EnumMap<>(Parameter.class);
        final Map<Parameter, Assessment.MissingValue> missing = new EnumMap<>(Parameter.class);
    }

    private static List<Measurement> means(Map<Parameter, List<Measurement>> byParameter) {
        List<Measurement> out = new ArrayList<>(byParameter.size());
        for (List<Measurement> values : byParameter.values()) {
            out.add(values.size() == 1 ? values.get(0) : Measurement.mean(values));
        }
        return out;
    }

    /** Whether a section of this class meets its target; null without a target or a class. */
    private static Boolean meets(Section section, WaterClass c) {
        return section.targetClass() == null || c == null ? null : !c.worseThan(section.targetClass());
    }

    /** One parameter's period mean from the database's totals; a single value stands as it was reported, as in {@link #means}. */
    private static Measurement mean(ObservationStore.ParameterTotals t) {
        Parameter p = t.parameter();
        if (t.count() == 1) {
            boolean below = t.countBelowLimit() == 1;
            return new Measurement(p, below ? t.largestLimit() : t.sumMeasured(), t.decimals(), below);
        }
        return Measurement.mean(
                p, t.count(), t.countBelowLimit(), t.sumMeasured(), t.sumLimits(), t.largestLimit(), t.decimals());
    }

    static Measurement measurement(Observation o) {
        return new Measurement(o.parameter(), o.value(), Math.max(0, o.value().scale()), o.belowDetectionLimit());
    }
}
