package liuyu.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Bd09Test {
    /** The conversion examples published with the coordtransform libraries (wandergis/coordtransform README). */
    @Test
    void matchesThePublishedExamples() {
        double[] bd = Bd09.fromGcj02(116.404, 39.915);
        assertThat(bd[0]).isCloseTo(116.41036949371029, within(1e-12));
        assertThat(bd[1]).isCloseTo(39.92133699351021, within(1e-12));
        double[] gcj = Bd09.toGcj02(116.404, 39.915);
        assertThat(gcj[0]).isCloseTo(116.39762729119315, within(1e-12));
        assertThat(gcj[1]).isCloseTo(39.90865673957631, within(1e-12));
    }

    /** Beijing railway station as both maps label it, to the 5 decimals they show: GCJ-02 (116.42703, 39.90245), BD-09 (116.43351, 39.90851). */
    @Test
    void beijingRailwayStationAsTheTwoMapsShowIt() {
        double[] bd = Bd09.fromGcj02(116.42703, 39.90245);
        assertThat(bd[0]).isCloseTo(116.43351, within(0.5e-5));
        assertThat(bd[1]).isCloseTo(39.90851, within(0.5e-5));
    }

    @Test
    void aRoundTripThroughBd09ComesBackWithinFiveCentimetres() {
        for (double lon = 115.5; lon <= 117.5; lon += 0.25) {
            for (double lat = 39.5; lat <= 41; lat += 0.25) {
                double[] back = Bd09.toWgs84(Bd09.fromWgs84(lon, lat)[0], Bd09.fromWgs84(lon, lat)[1]);
                assertThat((back[0] - lon) * 111_320 * Math.cos(Math.toRadians(lat))).isCloseTo(0, within(0.05));
                assertThat((back[1] - lat) * 110_574).isCloseTo(0, within(0.05));
            }
        }
    }
}
