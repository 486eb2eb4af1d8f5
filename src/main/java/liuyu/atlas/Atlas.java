package liuyu.atlas;

import java.time.LocalDate;
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
    private final boolean demo;
    private final Map<String, Layer> layers;
    private final ZoneIndex zones;

    public Atlas(String id, String title, String version, List<Layer> layers) {
        this(id, title, version, false, layers);
    }

    /** {@code demo}: the atlas declares itself the bundled demo ({@code demo: true} in atlas.yaml). */
    public Atlas(String id, String title, String version, boolean demo, List<Layer> layers) {
        this(id, title, version, demo, byId(layers), null);
    }

    /** An atlas whose zone index is built from the parts and trees of one built before (a snapshot file's). */
    Atlas(String id, String title, String version, boolean demo, List<Layer> layers, ZoneIndex.Stored stored) {
        this(id, title, version, demo, byId(layers), new ZoneIndex(polygonLayers(byId(layers)), stored));
    }

    private static List<Layer> polygonLayers(Map<String, Layer> layers) {
        List<Layer> polygonLayers = new ArrayList<>();
        for (Layer layer : layers.values()) {
            if (layer.info().geometry() == GeometryKind.POLYGON) {
                polygonLayers.add(layer);
            }
        }
        return polygonLayers;
    }

    private Atlas(String id, String title, String version, boolean demo, Map<String, Layer> layers, ZoneIndex zones) {
        this.id = id;
        this.title = title;
        this.version = version;
        this.demo = demo;
        this.layers = Collections.unmodifiableMap(layers);
        if (zones == null) {
            zones = new ZoneIndex(polygonLayers(layers));
        }
        this.zones = zones;
    }

    private static Map<String, Layer> byId(List<Layer> layers) {
        Map<String, Layer> byId = new LinkedHashMap<>();
        for (Layer layer : layers) {
            byId.put(layer.id(), layer);
        }
        return byId;
    }

    /**
     * This snapshot with point or line layers put in place of the layers of the same id (or added):
     * the zone index is shared, and the version names each replacement's version.
     */
    public Atlas with(Collection<Layer> replacements) {
        if (replacements.isEmpty()) {
            return this;
        }
        Map<String, Layer> next = new LinkedHashMap<>(layers);
        StringBuilder v = new StringBuilder(version);
        for (Layer layer : replacements) {
            if (layer.info().geometry() == GeometryKind.POLYGON) {
                throw new IllegalArgumentException(
                        "layer '" + layer.id() + "': only point and line layers are overlaid");
            }
            next.put(layer.id(), layer);
            v.append('+').append(layer.id()).append('@').append(layer.info().version());
        }
        return new Atlas(id, title, v.toString(), demo, next, zones);
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

    /** True only for an atlas whose manifest says {@code demo: true}: the bundled demo, whose layers are not real. */
    public boolean demo() {
        return demo;
    }

    /** How answers name this atlas: its title and id, and whether it is the demo. */
    public String label() {
        String name = title == null || title.isBlank() ? id : title + " (" + id + ")";
        return demo ? name + ", the bundled DEMO atlas" : name;
    }

    /** The note every answer carries first: which atlas answered, and its version. */
    public String servedNote() {
        return "Atlas served: " + label() + ", version " + version + ".";
    }

    /** {@link #servedNote()} in Chinese. */
    public String servedNoteZh() {
        return "所用图集：" + label() + "，版本 " + version + "。";
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

    /** Point-in-zone: every zone in force today containing the point, with distances, and the nearest other zones. */
    public Location locate(double lon, double lat) {
        return zones.locate(lon, lat, null);
    }

    /** Point-in-zone among the zones in force on {@code on}. */
    public Location locate(double lon, double lat, LocalDate on) {
        return zones.locate(lon, lat, on);
    }

    /**
     * The version of each zone layer in force on {@code on}: its content version, and for a layer with
     * dated zones the day its zones last changed on or before {@code on} ({@code 1a2b3c4d5e6f/2025-01-01}).
     */
    public Map<String, String> zoneLayerVersions(LocalDate on) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Layer layer : layers.values()) {
            if (layer.info().geometry() == GeometryKind.POLYGON) {
                LocalDate edition = layer.editionOn(on);
                out.put(layer.id(), layer.info().version() + (edition == null ? "" : "/" + edition));
            }
        }
        return out;
    }
}
