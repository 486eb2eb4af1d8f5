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
        double[] gcj = Bd09.toGcj02Published(116.404, 39.915);
        assertThat(gcj[0]).isCloseTo(116.39762729119315, within(1e-12));
        assertThat(gcj[1]).isCloseTo(39.90865673957631, within(1e-12));
    }

    /** The exact inverse lands where the forward formula maps back onto the input, and near the published reverse. */
    @Test
    void theInverseIsExactAndCloseToThePublishedReverse() {
        for (double lon = 115.5; lon <= 117.5; lon += 0.25) {
            for (double lat = 39.5; lat <= 41; lat += 0.25) {
                double[] gcj = Bd09.toGcj02(lon, lat);
                double[] bd = Bd09.fromGcj02(gcj[0], gcj[1]);
                assertThat(bd[0]).isCloseTo(lon, within(1e-10));
                assertThat(bd[1]).isCloseTo(lat, within(1e-10));
                double[] published = Bd09.toGcj02Published(lon, lat);
                assertThat(Cs2cs.metres(gcj, published)).isLessThan(1.0);
                double[] wgs = Bd09.toWgs84(Bd09.fromWgs84(lon, lat)[0], Bd09.fromWgs84(lon, lat)[1]);
                assertThat(Cs2cs.metres(wgs, new double[] {lon, lat})).isLessThan(0.001);
            }
        }
    }
}
