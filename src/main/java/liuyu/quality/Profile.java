package liuyu.quality;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which parameters set the class. {@code FULL}: the 21 Table-1 items that 环办〔2011〕22号 evaluates
 * (all basic items except water temperature, TN and fecal coliform; flow is no quality item). {@code REALTIME}: the five that
 * national automatic stations publish with (pH, DO, CODMn, NH3-N, TP). For lakes and reservoirs TN
 * is classed and reported beside the class, never in it.
 */
public enum Profile {
    FULL("full"),
    REALTIME("realtime"),
    /**
     * The CNEMC real-time preset: the five items national automatic stations publish with, each value
     * rounded (rounding {@code displayed}, its default) to the decimals the CNEMC real-time page shows
     * that item with, so a class can be compared with the published one.
     */
    CNEMC_REALTIME("cnemc-realtime");

    // the decimals CNEMC's real-time surface-water page shows the five items with, as seen on the published page
    private static final java.util.Map<Parameter, Integer> CNEMC_DISPLAYED =
            java.util.Map.of(Parameter.PH, 2, Parameter.DO, 2, Parameter.CODMN, 1, Parameter.NH3N, 3, Parameter.TP, 3);

    // read-only views: classify() asks for them once per sample, so no copy per call
    private static final Set<Parameter> FULL_ITEMS =
            Collections.unmodifiableSet(classedBut(Parameter.TN, Parameter.FECAL_COLIFORM));
    private static final Set<Parameter> REALTIME_ITEMS = Collections.unmodifiableSet(
            EnumSet.of(Parameter.PH, Parameter.DO, Parameter.CODMN, Parameter.NH3N, Parameter.TP));
    private static final Set<Parameter> TN_ONLY = Collections.unmodifiableSet(EnumSet.of(Parameter.TN));

    private final String code;

    /** Every classed parameter (not water temperature, flow or the unclassed CNEMC columns) except {@code left}. */
    private static Set<Parameter> classedBut(Parameter... left) {
        Set<Parameter> out = EnumSet.noneOf(Parameter.class);
        for (Parameter p : Parameter.values()) {
            if (p.kind() != Parameter.Kind.NOT_CLASSED) {
                out.add(p);
            }
        }
        out.removeAll(java.util.List.of(left));
        return out;
    }

    Profile(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** The parameters whose classes make the sample's class (read-only). */
    public Set<Parameter> evaluated() {
        return this == FULL ? FULL_ITEMS : REALTIME_ITEMS;
    }

    /** The decimals a value of {@code p} is shown with under this preset (rounding {@code displayed}); null if none. */
    public Integer displayedDecimals(Parameter p) {
        return this == CNEMC_REALTIME ? CNEMC_DISPLAYED.get(p) : null;
    }

    /** The rounding used when none is asked for: {@code displayed} for the CNEMC preset, else {@code fallback}. */
    public Rounding defaultRounding(Rounding fallback) {
        return this == CNEMC_REALTIME ? Rounding.DISPLAYED : fallback;
    }

    /** Classed and reported apart from the class: TN in lakes and reservoirs. */
    public Set<Parameter> separate(Waterbody waterbody) {
        return waterbody == Waterbody.LAKE_RESERVOIR ? TN_ONLY : Set.of();
    }

    public static Profile parse(String text) {
        for (Profile p : values()) {
            if (p.code.equals(text)) {
                return p;
            }
        }
        return null;
    }

    public static final String ACCEPTED = "full, realtime, cnemc-realtime";
}
