package liuyu.quality;

import liuyu.atlas.Provenance;

/**
 * A monitoring section (监测断面) from the atlas layer {@code sections}: where it is, what water it
 * samples, its target class, and the evaluation profile it is classed with by default.
 */
public record Section(
        String id,
        String nameZh,
        String nameEn,
        String type,
        String river,
        String reach,
        Waterbody waterbody,
        WaterClass targetClass,
        String basin,
        String district,
        double lon,
        double lat,
        Profile profile,
        Provenance provenance) {}
