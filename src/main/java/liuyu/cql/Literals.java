package liuyu.cql;

import java.math.BigDecimal;
import liuyu.geo.Decimals;
import liuyu.geo.GeoJson;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;

/** Literal values shared by the Text and JSON readers, with the same checks for both. */
final class Literals {
    static final GeometryFactory FACTORY = GeoJson.FACTORY;

    private Literals() {}

    static BigDecimal number(String text) {
        BigDecimal n = Decimals.parse(text);
        if (n == null) {
            throw new CqlException("'" + text + "' is not a number the filter can compare (too long or out of range)");
        }
        return n;
    }

    /** A DATE ('2024-05-01') or TIMESTAMP ('2024-05-01T08:00:00Z') literal. */
    static Object instant(boolean date, String text) {
        try {
            return date
                    ? java.time.LocalDate.parse(text)
                    : java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new CqlException((date ? "DATE" : "TIMESTAMP") + " literal '" + text + "' is not RFC 3339 ("
                    + (date ? "2024-05-01" : "2024-05-01T08:00:00Z") + ")");
        }
    }

    static LinearRing ring(Coordinate[] cs) {
        if (cs.length < 4 || !cs[0].equals2D(cs[cs.length - 1])) {
            throw new CqlException("a polygon ring needs at least 4 positions and must end where it starts");
        }
        return FACTORY.createLinearRing(cs);
    }

    static Geometry box(Axes axes, double a0, double a1, double b0, double b1) {
        Coordinate min = axes.lonLat(a0, a1);
        Coordinate max = axes.lonLat(b0, b1);
        if (min.x > max.x || min.y > max.y) {
            throw new CqlException("BBOX minimum is greater than its maximum");
        }
        return FACTORY.toGeometry(new org.locationtech.jts.geom.Envelope(min, max));
    }
}
