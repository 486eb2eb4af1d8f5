package liuyu.imports;

import java.util.List;
import java.util.Locale;
import liuyu.atlas.AtlasSchema;
import liuyu.atlas.GeometryKind;

/** What a layer is for, and the attributes the service needs of it beyond id and nameZh. */
public enum LayerKind {
    /** Zones any rule may name; the protection-zones layer also needs its level (the rules select on it). */
    ZONES(GeometryKind.POLYGON, List.of()),
    /** The river network: topology comes from the lines themselves when 'downstream' is not given. */
    RIVERS(GeometryKind.LINE, List.of()),
    /** Monitoring sections: the GB 3838-2002 target class the quality answers compare with. */
    SECTIONS(GeometryKind.POINT, List.of("targetClass")),
    /** Outfalls: the ledger type (the seed of the outfall ledger). */
    OUTFALLS(GeometryKind.POINT, List.of("type")),
    LINES(GeometryKind.LINE, List.of()),
    POINTS(GeometryKind.POINT, List.of());

    private final GeometryKind geometry;
    private final List<String> required;

    LayerKind(GeometryKind geometry, List<String> required) {
        this.geometry = geometry;
        this.required = required;
    }

    public GeometryKind geometry() {
        return geometry;
    }

    /** Required attributes of a layer of this kind with this id. */
    public List<String> required(String layerId) {
        return this == ZONES && AtlasSchema.PROTECTION_ZONES.equals(layerId) ? List.of("level") : required;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LayerKind parse(String text) {
        for (LayerKind k : values()) {
            if (k.code().equalsIgnoreCase(text)) {
                return k;
            }
        }
        return null;
    }

    /** The kind a layer id implies (rivers, sections, outfalls), else the one its geometry implies. */
    public static LayerKind of(String layerId, GeometryKind geometry) {
        LayerKind named = parse(layerId);
        if (named != null && named.geometry == geometry) {
            return named;
        }
        return switch (geometry) {
            case POLYGON -> ZONES;
            case LINE -> LINES;
            case POINT -> POINTS;
        };
    }
}
