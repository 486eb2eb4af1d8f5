package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import liuyu.geo.GeoJson;
import liuyu.geo.MetricProjection;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * An outline moved into a shared array (as the zone index keeps them), or read in place from one (as a snapshot file
 * gives them), measures as JTS does, to the last bit.
 */
class OutlineStoreTest {
    @Test
    void aMovedOutlineIsTheOutlineItWasToTheLastBit() {
        Random random = new Random(23);
        double[] store = new double[200_000];
        int at = 7; // not at the start of the array
        for (int i = 0; i < 30; i++) {
            Geometry polygon =
                    MetricProjection.toMetric(GeneratedAtlas.star(116.5, 40.2, 0.05, 3 + random.nextInt(300), random));
            if (i % 3 == 0) { // with a hole, as a multipolygon of two parts: several rings, run boxes
                Geometry hole = MetricProjection.toMetric(GeneratedAtlas.star(116.5, 40.2, 0.005, 12, random));
                Geometry far = MetricProjection.toMetric(GeneratedAtlas.star(116.9, 40.2, 0.02, 50, random));
                polygon = polygon.difference(hole).union(far);
            }
            Outline own = new Outline(polygon);
            Outline moved = own.moveTo(store, at);
            // read where it lies, as a snapshot file's outline: its run boxes are taken from the store at its offset
            Outline inPlace = new Outline(store, at, own.ringEnds());
            assertThat(inPlace.xy()).containsExactly(own.xy());
            assertThat(moved.from()).isEqualTo(at);
            assertThat(moved.store()).isSameAs(store);
            assertThat(moved.xy()).containsExactly(own.xy());
            assertThat(moved.ringEnds()).containsExactly(own.ringEnds());
            assertThat(moved.vertexCount()).isEqualTo(own.vertexCount());
            assertThat(moved.envelope()).isEqualTo(own.envelope());
            Geometry boundary = polygon.getBoundary();
            Coordinate c = polygon.getCentroid().getCoordinate();
            for (int k = 0; k < 200; k++) {
                double x = c.x + (random.nextDouble() - 0.5) * 20_000;
                double y = c.y + (random.nextDouble() - 0.5) * 20_000;
                double jts = boundary.distance(GeoJson.FACTORY.createPoint(new Coordinate(x, y)));
                assertThat(moved.distance(x, y)).isEqualTo(jts);
                assertThat(inPlace.distance(x, y)).isEqualTo(jts);
                if (moved.simple()) {
                    assertThat(Outline.nearer(store, x, y, at, at + moved.length() - 2, Double.POSITIVE_INFINITY))
                            .isEqualTo(jts);
                }
            }
            at += own.xy().length + random.nextInt(5);
        }
    }

    @Test
    void anOutlineReachingPastItsStoreIsRefused() {
        double[] store = new double[20];
        assertThat(new Outline(store, 10, new int[] {10}).length()).isEqualTo(10);
        assertThatThrownBy(() -> new Outline(store, 12, new int[] {10}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 12 of 20");
        assertThatThrownBy(() -> new Outline(store, -2, new int[] {10})).isInstanceOf(IllegalArgumentException.class);
    }
}
