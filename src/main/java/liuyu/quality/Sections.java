package liuyu.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import org.locationtech.jts.geom.Point;

/**
 * The monitoring sections of the current atlas (layer {@code sections}). Read per call, so a new
 * atlas snapshot is seen at once. A section without {@code waterbody} is a river section; one
 * without {@code targetClass} has no target; {@code profile: realtime} marks automatic stations.
 */
public final class Sections {
    public static final String LAYER = AtlasSchema.SECTIONS;

    private final AtlasStore atlases;

    /** The atlas the sections are read from now: answers name it. */
    public liuyu.atlas.Atlas atlas() {
        return atlases.current();
    }

    public Sections(AtlasStore atlases) {
        this.atlases = atlases;
    }

    public List<Section> all() {
        Layer layer = atlases.current().layer(LAYER);
        List<Section> out = new ArrayList<>();
        if (layer != null) {
            for (Feature f : layer.features()) {
                out.add(section(f));
            }
        }
        return out;
    }

    public Optional<Section> byId(String id) {
        Layer layer = atlases.current().layer(LAYER);
        Feature f = layer == null ? null : layer.feature(id);
        return f == null ? Optional.empty() : Optional.of(section(f));
    }

    private static Section section(Feature f) {
        Point p = f.geometry().getInteriorPoint();
        Waterbody waterbody = Waterbody.parse(f.string("waterbody"));
        Profile profile = Profile.parse(f.string("profile"));
        return new Section(
                f.id(),
                f.nameZh(),
                f.nameEn(),
                f.string("type"),
                f.string("river"),
                f.string("reach"),
                waterbody == null ? Waterbody.RIVER : waterbody,
                WaterClass.parse(f.string("targetClass")),
                f.string("basin"),
                f.string("district"),
                p.getX(),
                p.getY(),
                profile == null ? Profile.FULL : profile,
                f.provenance());
    }
}
