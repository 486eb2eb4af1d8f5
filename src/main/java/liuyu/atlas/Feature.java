package liuyu.atlas;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature of a layer: geometry in CRS84 lon/lat, properties as read (provenance fields included),
 * and the provenance parsed from them.
 */
public record Feature(String layer, String id, Geometry geometry, Map<String, Object> properties, Provenance provenance) {

    public String nameZh() {
        return string("nameZh");
    }

    public String nameEn() {
        return string("nameEn");
    }

    public String string(String key) {
        Object v = properties.get(key);
        return v == null ? null : v.toString();
    }
}
