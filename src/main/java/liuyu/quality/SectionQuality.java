package liuyu.quality;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A section's water quality over a period: the class of the period means (the section's class),
 * each sample's class, the values left out as abnormal, and whether any value was synthetic.
 * {@code meetsTarget} is null when the section has no target or no class.
 */
public record SectionQuality(
        String sectionId,
        String nameZh,
        String period,
        Profile profile,
        Rounding rounding,
        Waterbody waterbody,
        WaterClass targetClass,
        Boolean meetsTarget,
        Assessment periodMean,
        int sampleCount,
        List<Sample> samples,
        List<Excluded> excluded,
        List<Missing> missingValues,
        boolean synthetic,
        List<String> notes,
        List<String> notesZh) {

    /** The class of one sample: the observations of the section taken at one time. */
    public record Sample(OffsetDateTime sampledAt, Assessment assessment) {}

    /** A value left out of the evaluation because it was flagged abnormal, with the cause given. */
    public record Excluded(String observationId, Parameter parameter, OffsetDateTime sampledAt, String abnormalCause) {}

    /** A value published as missing ('--', '*', '', null), with its marker: no value to evaluate. */
    public record Missing(String observationId, Parameter parameter, OffsetDateTime sampledAt, String marker) {}

    public WaterClass waterClass() {
        return periodMean.waterClass();
    }
}
