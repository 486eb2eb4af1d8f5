package liuyu.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Gcj02Test {

    /** Haversine metres, independent of the projection code, to state tolerances on the ground. */
    static double metres(double lon1, double lat1, double lon2, double lat2) {
        double r = 6371008.8;
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1))
                        * Math.cos(Math.toRadians(lat2))
                        * Math.sin(dLon / 2)
                        * Math.sin(dLon / 2);
        return 2 * r * Math.asin(Math.sqrt(a));
    }

    // Published conversion examples (wgsLat, wgsLng, gcjLat, gcjLng), the test vectors of the
    // eviltransform project used by many GCJ-02 implementations.
    @ParameterizedTest(name = "{0},{1} ↔ {2},{3}")
    @CsvSource({
        "31.1774276, 121.5272106, 31.17530398364597, 121.531541859215",
        "22.543847, 113.912316, 22.540796131694766, 113.9171764808363",
        "39.911954, 116.377817, 39.91334545536069, 116.38404722455657",
    })
    void convertsPublishedExamplesBothWaysWithinOneMetre(double wLat, double wLon, double gLat, double gLon) {
        double[] gcj = Gcj02.fromWgs84(wLon, wLat);
        assertThat(metres(gcj[0], gcj[1], gLon, gLat)).isLessThan(0.01);

        double[] wgs = Gcj02.toWgs84(gLon, gLat);
        assertThat(metres(wgs[0], wgs[1], wLon, wLat)).isLessThan(1.0);
    }

    @ParameterizedTest(name = "round trip at {0},{1}")
    @CsvSource({"116.40, 39.90", "117.00, 40.50", "115.50, 40.40", "117.50, 41.05", "116.0, 39.45"})
    void roundTripsAcrossBeijingWithinOneMetre(double lon, double lat) {
        double[] gcj = Gcj02.fromWgs84(lon, lat);
        assertThat(metres(gcj[0], gcj[1], lon, lat))
                .as("the offset itself is hundreds of metres")
                .isGreaterThan(100);
        double[] back = Gcj02.toWgs84(gcj[0], gcj[1]);
        assertThat(metres(back[0], back[1], lon, lat)).isLessThan(1.0);
    }

    @ParameterizedTest
    @CsvSource({"-104.9903, 39.7392", "2.35, 48.85"})
    void leavesPointsOutsideChinaUnchanged(double lon, double lat) {
        assertThat(Gcj02.fromWgs84(lon, lat)).containsExactly(lon, lat);
        assertThat(Gcj02.toWgs84(lon, lat)).containsExactly(lon, lat);
    }
}
