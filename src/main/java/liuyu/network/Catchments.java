package liuyu.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import liuyu.atlas.Atlas;
import liuyu.atlas.Feature;
import liuyu.atlas.GeometryKind;
import liuyu.atlas.Layer;
import org.locationtech.jts.geom.Geometry;

/**
 * The catchment polygons of the reaches (NHDPlus {@code catchmentsp}, or any polygon layer keyed by
 * reach id in one of the configured properties, e.g. {@code FEATUREID}). Which catchment contains a
 * point is asked of the atlas zone index, so it costs what {@code /locate} costs.
 */
final class Catchments {
    private final Atlas atlas;
    private final String layer;
    private final boolean present;
    private final Map<Feature, String> reachOf;
    private final Map<String, List<Geometry>> byReach;

    private Catchments(
            Atlas atlas,
            String layer,
            boolean present,
            Map<Feature, String> reachOf,
            Map<String, List<Geometry>> byReach) {
        this.atlas = atlas;
        this.layer = layer;
        this.present = present;
        this.reachOf = reachOf;
        this.byReach = byReach;
    }

    static Catchments of(Atlas atlas, NetworkProperties settings, Network network, List<Problem> problems) {
        Layer l = atlas.layer(settings.catchmentLayer());
        Map<Feature, String> reachOf = new IdentityHashMap<>();
        Map<String, List<Geometry>> byReach = new HashMap<>();
        if (l == null || l.info().geometry() != GeometryKind.POLYGON) {
            return new Catchments(atlas, settings.catchmentLayer(), false, reachOf, byReach);
        }
        List<String> unkeyed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Feature f : l.features()) {
            Object key = null;
            for (String k : settings.catchmentKeys()) {
                for (Map.Entry<String, Object> e : f.properties().entrySet()) {
                    if (key == null && e.getValue() != null && e.getKey().equalsIgnoreCase(k)) {
                        key = e.getValue();
                    }
                }
            }
            if (key == null) {
                unkeyed.add(f.id());
                continue;
            }
            String reach = Linker.reachId(key);
            if (network.index(reach) < 0) {
                unknown.add(f.id());
                continue;
            }
            reachOf.put(f, reach);
            byReach.computeIfAbsent(reach, r -> new ArrayList<>()).add(f.geometry());
        }
        if (!unkeyed.isEmpty()) {
            problems.add(Problem.warning(
                    "catchment-without-reach",
                    unkeyed.size() + " catchments of layer '" + l.id() + "' have none of the properties "
                            + settings.catchmentKeys() + " naming their reach; they are not used",
                    unkeyed));
        }
        if (!unknown.isEmpty()) {
            problems.add(Problem.warning(
                    "catchment-unknown-reach",
                    unknown.size() + " catchments of layer '" + l.id()
                            + "' name a reach that is not in the network; they are not used",
                    unknown));
        }
        return new Catchments(atlas, l.id(), true, reachOf, byReach);
    }

    boolean present() {
        return present;
    }

    String layer() {
        return layer;
    }

    /** The reach of the catchment containing the point, or null. */
    String reachAt(double lon, double lat) {
        if (!present) {
            return null;
        }
        for (Feature f : atlas.zones().containing(lon, lat)) {
            String reach = reachOf.get(f);
            if (reach != null) {
                return reach;
            }
        }
        return null;
    }

    List<Geometry> of(String reach) {
        return byReach.getOrDefault(reach, List.of());
    }
}
