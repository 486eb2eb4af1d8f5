package liuyu.cql;

import org.locationtech.jts.geom.Coordinate;

/** The CRS of a filter's geometry literals ({@code filter-crs}): two ordinates in its axis order → CRS84 lon/lat. */
@FunctionalInterface
public interface Axes {
    Axes CRS84 = (first, second) -> new Coordinate(first, second);

    Coordinate lonLat(double first, double second);
}
