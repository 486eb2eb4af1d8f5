package liuyu.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

class MetricProjectionTest {

    @Test
    void projectsToUtm50NorthLikeTheEpsgDefinition() {
        // Reference values from PROJ (cs2cs +proj=utm +zone=50 +datum=WGS84): 117° E is the central meridian.
        Coordinate c = MetricProjection.toMetric(117.0, 40.0);
        assertThat(c.x).isCloseTo(500000.0, within(0.001));
        assertThat(c.y).isCloseTo(4427757.2187, within(0.001));
    }

    @Test
    void distancesInMetresAgreeWithTheGreatCircle() {
        Coordinate a = MetricProjection.toMetric(116.40, 39.90);
        Coordinate b = MetricProjection.toMetric(116.97, 40.52);
        double haversine = Gcj02Test.metres(116.40, 39.90, 116.97, 40.52);
        assertThat(a.distance(b)).isCloseTo(haversine, within(haversine * 0.002));
    }

    @Test
    void roundTripsToLonLat() {
        Coordinate m = MetricProjection.toMetric(116.123456, 40.654321);
        Coordinate back = MetricProjection.toLonLat(m.x, m.y);
        assertThat(back.x).isCloseTo(116.123456, within(1e-9));
        assertThat(back.y).isCloseTo(40.654321, within(1e-9));
    }
}
