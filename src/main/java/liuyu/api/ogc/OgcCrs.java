package liuyu.api.ogc;

import java.util.ArrayList;
import java.util.List;
import liuyu.cql.Axes;
import liuyu.geo.Crs;
import liuyu.geo.GeoJson;
import liuyu.geo.ProjectedCrs;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * A CRS the OGC API offers for {@code crs} and {@code bbox-crs} (Part 2): the geographic ones of
 * {@link Crs} (storage CRS84), or a projected one of {@link ProjectedCrs}, each in its EPSG axis order.
 */
record OgcCrs(Crs geographic, ProjectedCrs projected) {
    static final OgcCrs CRS84 = new OgcCrs(Crs.CRS84, null);
    static final List<OgcCrs> ALL;

    static {
        List<OgcCrs> all = new ArrayList<>();
        for (Crs c : List.of(Crs.CRS84, Crs.EPSG_4326, Crs.EPSG_4490)) { // GCJ-02 is an input datum only
            all.add(new OgcCrs(c, null));
        }
        ProjectedCrs.all().forEach(p -> all.add(new OgcCrs(null, p)));
        ALL = List.copyOf(all);
    }

    /** From a URI or short name; {@code null} if not offered. */
    static OgcCrs parse(String text) {
        Crs c = Crs.parse(text);
        if (c != null) {
            return c == Crs.GCJ_02 ? null : new OgcCrs(c, null);
        }
        ProjectedCrs p = ProjectedCrs.parse(text);
        return p == null ? null : new OgcCrs(null, p);
    }

    String uri() {
        return geographic != null ? geographic.uri() : projected.uri();
    }

    String label() {
        return geographic != null ? geographic.label() : projected.label();
    }

    /** Whether the second ordinate comes first: latitude (EPSG:4326, 4490) or northing (Gauss-Krüger). */
    boolean swapped() {
        return geographic != null ? geographic.latitudeFirst() : projected.northingFirst();
    }

    /** Axis order and rounding: 7 decimals of a degree, 3 of a metre (both about a centimetre or finer). */
    GeoJson.Style style() {
        return geographic != null ? GeoJson.Style.of(geographic) : new GeoJson.Style(projected.northingFirst(), 3);
    }

    /** Literal coordinates of a filter in this CRS ({@code filter-crs}) → CRS84 lon/lat. */
    Axes axes() {
        if (geographic != null) {
            return geographic.latitudeFirst() ? (a, b) -> new Coordinate(b, a) : Axes.CRS84;
        }
        return projected.northingFirst() ? (a, b) -> projected.toLonLat(b, a) : projected::toLonLat;
    }

    /** A stored (lon/lat) geometry in this CRS, x easting. */
    Geometry fromLonLat(Geometry g) {
        return projected == null ? g : projected.fromLonLat(g);
    }
}
