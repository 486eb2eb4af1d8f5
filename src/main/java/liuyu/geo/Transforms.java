package liuyu.geo;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.ProjCoordinate;

/** The one way a JTS geometry goes through a Proj4J transform: every vertex, into a copy. */
public final class Transforms {
    private Transforms() {}

    /** A copy of {@code g} made by {@code factory} with every vertex transformed by {@code t}. */
    public static Geometry apply(Geometry g, CoordinateTransform t, GeometryFactory factory) {
        Geometry copy = factory.createGeometry(g);
        ProjCoordinate in = new ProjCoordinate();
        ProjCoordinate out = new ProjCoordinate();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                in.x = seq.getX(i);
                in.y = seq.getY(i);
                t.transform(in, out);
                seq.setOrdinate(i, 0, out.x);
                seq.setOrdinate(i, 1, out.y);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        copy.geometryChanged();
        return copy;
    }

    /** As {@link #apply(Geometry, CoordinateTransform, GeometryFactory)}, keeping {@code g}'s own factory. */
    public static Geometry apply(Geometry g, CoordinateTransform t) {
        return apply(g, t, g.getFactory());
    }
}
