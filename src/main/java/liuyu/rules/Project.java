package liuyu.rules;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/** A proposed project: where (lon/lat geometry of any type), what activity, and the facts it states. */
public record Project(String id, Geometry geometry, String activity, Map<String, Object> attributes) {}
