package liuyu.quality;

import java.math.BigDecimal;
import java.util.List;

/**
 * The class of one sample or one period mean, and why: every factor with its class, the factors that
 * set the class (定类因子), and for factors worse than class III the exceedance multiple
 * (C − S)/S over the class III limit S (环办〔2011〕22号; not computed for pH and DO).
 * {@code waterClass} is null when no evaluated parameter was given. Values flagged abnormal are
 * left out of the class and listed in {@code excluded}; values published as missing ('--', '*', '',
 * null) are listed with their marker in {@code missingValues}; {@code missing} names the profile's
 * parameters that had no value to class (never given, or given as missing).
 * <p>
 * For an {@code unknown} water body, {@code byWaterbody} holds the assessments under river and under
 * lake/reservoir limits; {@code waterClass} is their class when both agree and null when they differ,
 * and {@code factors} holds only the factors whose class is the same under both. Null otherwise.
 */
public record Assessment(
        Waterbody waterbody,
        Profile profile,
        Rounding rounding,
        WaterClass waterClass,
        List<Parameter> classSetting,
        List<Factor> factors,
        List<Factor> reportedSeparately,
        List<Parameter> notEvaluated,
        List<Parameter> missing,
        List<Excluded> excluded,
        List<MissingValue> missingValues,
        List<String> notes,
        List<String> notesZh,
        List<Assessment> byWaterbody) {

    /** A value flagged abnormal: reported, never classed; {@code cause} as given (may be null in a stateless classification). */
    public record Excluded(Parameter parameter, String value, String cause) {}

    /** A value published as missing, with the marker it was published with. */
    public record MissingValue(Parameter parameter, String marker) {}

    /**
     * One parameter's verdict. {@code value} is what was compared with the limits (after rounding);
     * below the detection limit it is the limit, so the class is an upper bound ("no worse than").
     */
    public record Factor(
            Parameter parameter,
            BigDecimal value,
            Unit unit,
            boolean belowDetectionLimit,
            WaterClass waterClass,
            BigDecimal classIIILimit,
            BigDecimal exceedanceMultiple) {}
}
