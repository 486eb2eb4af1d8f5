package liuyu.atlas;

import java.time.LocalDate;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature of a layer: geometry in CRS84 lon/lat, properties as read (provenance fields included),
 * and the provenance parsed from them.
 */
public record Feature(
        String layer, String id, Geometry geometry, Map<String, Object> properties, Provenance provenance) {

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
}
