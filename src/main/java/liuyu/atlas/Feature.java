package liuyu.atlas;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature of a layer: geometry in CRS84 lon/lat, properties as read (provenance fields included),
 * and the provenance parsed from them.
 *
 * <p>A zone on packed coordinates ({@link PackedGeometry}) keeps only its coordinate arrays, the very arrays its
 * index pieces use, and {@link #geometry()} wraps them in a new JTS polygon on each call (three small objects per
 * ring, no coordinate copied): the JTS objects a zone would otherwise keep for ever (polygon, ring, sequence and two
 * cached envelopes, ≈ 220 bytes) are made only for the questions that need them. Any other geometry is kept as it is.
 * A geometry handed out is the feature's: its coordinates must not be changed.
 */
public final class Feature {
    private final String layer;
    private final String id;
    private final Object shape; // a Geometry, or the packed arrays of PackedGeometry.arrays
    private final Map<String, Object> properties;
    private final Provenance provenance;

    public Feature(String layer, String id, Geometry geometry, Map<String, Object> properties, Provenance provenance) {
        this(layer, id, shape(geometry), properties, provenance);
    }

    private Feature(String layer, String id, Object shape, Map<String, Object> properties, Provenance provenance) {
        this.layer = layer;
        this.id = id;
        this.shape = shape;
        this.properties = properties;
        this.provenance = provenance;
    }

    private static Object shape(Geometry geometry) {
        Object packed = PackedGeometry.arrays(geometry);
        return packed != null ? packed : geometry;
    }

    /**
     * A packed zone from the arrays {@link PackedGeometry#arrays} would give for its polygon (a snapshot file reads
     * them so, without making the polygon first); the arrays become the feature's.
     */
    static Feature packed(String layer, String id, Object arrays, Map<String, Object> properties, Provenance p) {
        if (!(arrays instanceof double[] || arrays instanceof double[][] || arrays instanceof double[][][])) {
            throw new IllegalArgumentException("not packed arrays: " + arrays);
        }
        return new Feature(layer, id, arrays, properties, p);
    }

    public String layer() {
        return layer;
    }

    public String id() {
        return id;
    }

    /** The geometry (lon/lat); for a packed zone a new polygon over its arrays each time. */
    public Geometry geometry() {
        return shape instanceof Geometry g ? g : shape == null ? null : PackedGeometry.geometry(shape);
    }

    /** The packed arrays this feature keeps instead of a JTS geometry, or null (see {@link PackedGeometry#arrays}). */
    Object packed() {
        return shape instanceof Geometry ? null : shape;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public Provenance provenance() {
        return provenance;
    }

    public String nameZh() {
        return string("nameZh");
    }

    public String nameEn() {
        return string("nameEn");
    }

    /** First day this version of the zone is in force (property {@code validFrom}); null: always was. */
    public LocalDate validFrom() {
        return date("validFrom");
    }

    /** Last day this version is in force (property {@code validTo}, inclusive); null: still is. */
    public LocalDate validTo() {
        return date("validTo");
    }

    /** The id of the feature that replaced this version (property {@code replacedBy}), if any. */
    public String replacedBy() {
        return string("replacedBy");
    }

    private LocalDate date(String key) {
        String v = string(key);
        return v == null ? null : LocalDate.parse(v); // the loader refuses a feature whose dates do not parse
    }

    public String string(String key) {
        Object v = properties.get(key);
        return v == null ? null : v.toString();
    }

    /** As a record's: equal layer, id, geometry (exactly, {@link Geometry#equals(Object)}), properties, provenance. */
    @Override
    public boolean equals(Object o) {
        return o == this
                || o instanceof Feature f
                        && Objects.equals(layer, f.layer)
                        && Objects.equals(id, f.id)
                        && Objects.equals(properties, f.properties)
                        && Objects.equals(provenance, f.provenance)
                        && Objects.equals(geometry(), f.geometry());
    }

    @Override
    public int hashCode() {
        return Objects.hash(layer, id, properties, provenance);
    }

    @Override
    public String toString() {
        return "Feature[layer=" + layer + ", id=" + id + ", geometry=" + geometry() + ", properties=" + properties
                + ", provenance=" + provenance + "]";
    }
}
