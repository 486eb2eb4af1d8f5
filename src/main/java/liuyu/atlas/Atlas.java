package liuyu.atlas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of every layer with its spatial index. Queries read a snapshot and never
 * touch a database; a new snapshot replaces the old one as a whole (see {@link AtlasStore}).
 */
public final class Atlas {
    private final String id;
    private final String title;
    private final String version;
    private final Map<String, Layer> layers;
    private final ZoneIndex zones;

    public Atlas(String id, String title, String version, List<Layer> layers) {
        this.id = id;
        this.title = title;
        this.version = version;
        Map<String, Layer> byId = new LinkedHashMap<>();
        for (Layer layer : layers) {
            byId.put(layer.id(), layer);
        }
        this.layers = Collections.unmodifiableMap(byId);
        List<Layer> polygonLayers = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer.info().geometry() == GeometryKind.POLYGON) {
                polygonLayers.add(layer);
            }
        }
        this.zones = new ZoneIndex(polygonLayers);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String version() {
        return version;
    }

    /** Layers in manifest order. */
    public Collection<Layer> layers() {
        return layers.values();
    }

    public Layer layer(String id) {
        return layers.get(id);
    }

    public ZoneIndex zones() {
        return zones;
    }

    /** Point-in-zone: every zone containing the point, with distances, and the nearest other zones. */
    public Location locate(double lon, double lat) {
        return zones.locate(lon, lat);
    }
}
