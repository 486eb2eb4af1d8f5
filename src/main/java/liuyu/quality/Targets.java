package liuyu.quality;

import java.math.BigDecimal;
import java.util.List;

/**
 * A year against the plans' water targets: the share of classed sections at class III or better
 * (rising, beijing-river-chief-2023/1.3a), the count worse than V (none by 2025, beijing-river-chief-2023/1.3a), and Miyun reservoir's TN
 * against its 2021 level (miyun-water-ecology-2023/1.2a).
 */
public record Targets(
        int year,
        Profile profile,
        Rounding rounding,
        int sectionsClassed,
        int atClassIIIOrBetter,
        Double shareAtClassIIIOrBetter,
        int worseThanV,
        List<SectionClass> sections,
        MiyunTn miyunTotalNitrogen,
        List<String> notes,
        List<String> notesZh) {

    public record SectionClass(
            String id,
            String nameZh,
            WaterClass waterClass,
            WaterClass targetClass,
            Boolean meetsTarget,
            boolean synthetic) {}

    /**
     * The year's mean TN at the baseline section against the baseline; {@code mean} is null without data.
     * {@code lower} is null when there is no mean to compare.
     */
    public record MiyunTn(
            String sectionId,
            BigDecimal mean,
            String unit,
            int baselineYear,
            BigDecimal baseline,
            String baselineSource,
            boolean baselineIsDemo,
            Boolean lower,
            String citation) {}
}
