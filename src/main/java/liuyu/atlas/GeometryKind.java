package liuyu.atlas;

import java.util.Locale;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;

/** The geometry a layer holds; zones are polygon layers. */
public enum GeometryKind {
    POLYGON,
    LINE,
    POINT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean accepts(Geometry g) {
        return switch (this) {
            case POLYGON -> g instanceof Polygonal;
            case LINE -> g instanceof Lineal;
            case POINT -> g instanceof Puntal;
        };
    }

    public static GeometryKind parse(String text) {
        for (GeometryKind k : values()) {
            if (k.code().equals(text)) {
                return k;
            }
        }
        return null;
    }
}
