package liuyu.quality;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import liuyu.atlas.Provenance;

/**
 * 联动溯源 (beijing-outfall-supervision-2023/4.2): a section's class this period against its target and the previous period and,
 * when it is worse than either, the outfalls upstream within the distance along the network (with
 * tributaries), nearest first, each with its latest monitoring. {@code reasons} is empty (and the
 * list of outfalls too) when the section got no worse.
 */
public record Trace(
        String sectionId,
        String nameZh,
        String period,
        String previousPeriod,
        Profile profile,
        Rounding rounding,
        WaterClass waterClass,
        WaterClass previousClass,
        WaterClass targetClass,
        List<String> reasons,
        double distanceKm,
        List<Suspect> outfalls,
        List<String> notes,
        List<String> notesZh) {

    /** An outfall upstream: where it is, what it is, how far along the network, and its latest monitoring. */
    public record Suspect(
            String id,
            String nameZh,
            String type,
            String river,
            String reach,
            String district,
            Boolean normallyFlowing,
            String state,
            double networkDistanceKm,
            Latest latestMonitoring,
            Provenance provenance) {}

    /** The outfall's most recent sample: when, and each value in its canonical unit; null when never monitored. */
    public record Latest(OffsetDateTime sampledAt, Map<String, String> values, boolean synthetic) {}
}
