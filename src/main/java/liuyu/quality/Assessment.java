package liuyu.quality;

import java.math.BigDecimal;
import java.util.List;

/**
 * The class of one sample or one period mean, and why: every factor with its class, the factors that
 * set the class (定类因子), and for factors worse than class III the exceedance multiple
 * (C − S)/S over the class III limit S (环办〔2011〕22号; not computed for pH and DO).
 * {@code waterClass} is null when no evaluated parameter was given.
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
    List<String> notes) {

    /**
     * One parameter's verdict. {@code value} is what was compared with the limits (after rounding);
     * below the detection limit it is the limit, so the class is an upper bound ("no worse than").
     */
    public record Factor(Parameter parameter, BigDecimal value, Unit unit, boolean belowDetectionLimit,
                         WaterClass waterClass, BigDecimal classIIILimit, BigDecimal exceedanceMultiple) {
    }
}
