package liuyu.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceCrsTest {
    /** A grid across a zone: central meridian ± half the zone width, 39.4–41.1°N (Beijing's latitudes). */
    static double[][] grid(double centralMeridian, double halfWidth) {
        double[][] pts = new double[48][];
        int n = 0;
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 6; j++) {
                pts[n++] = new double[] {centralMeridian - halfWidth + i * 2 * halfWidth / 7, 39.4 + j * 0.34};
            }
        }
        return pts;
    }

    /**
     * Projected coordinates made by PROJ from the EPSG registry's definitions, converted back by us and by
     * PROJ: the two agree within a centimetre over the whole zone (edges included).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "EPSG:4548, EPSG:4490, true, 117, 1.5", // CGCS2000 3° CM 117E (Beijing)
        "EPSG:4527, EPSG:4490, true, 117, 1.5", // CGCS2000 3° zone 39 with prefix
        "EPSG:4539, EPSG:4490, true, 90, 1.5", // CGCS2000 3° CM 90E
        "EPSG:4508, EPSG:4490, true, 117, 3", // CGCS2000 6° CM 117E
        "EPSG:4498, EPSG:4490, true, 117, 3", // CGCS2000 6° zone 20 with prefix
        "EPSG:32650, EPSG:4326, false, 117, 3", // WGS 84 / UTM 50N
        "EPSG:2384, EPSG:4610, true, 117, 1.5", // Xi'an 1980 3° CM 117E
        "EPSG:2436, EPSG:4214, true, 117, 1.5", // Beijing 1954 3° CM 117E
        "EPSG:21480, EPSG:4214, true, 117, 3", // Beijing 1954 6° CM 117E
    })
    void invertsLikeProj(
            String code, String geographic, boolean northingFirst, double centralMeridian, double halfWidth) {
        double[][] lonLat = grid(centralMeridian, halfWidth);
        double[][] xy = Cs2cs.toProjected(geographic, code, northingFirst, lonLat);
        double[][] proj = Cs2cs.toLonLat(code, geographic, northingFirst, xy);
        SourceCrs crs = SourceCrs.parse(code);
        assertThat(crs).isNotNull();
        SourceCrs.Transform t = crs.transform();
        double worst = 0;
        for (int i = 0; i < xy.length; i++) {
            worst = Math.max(worst, Cs2cs.metres(t.apply(xy[i][0], xy[i][1]), proj[i]));
        }
        assertThat(worst).as("largest difference to cs2cs, metres").isLessThan(0.01);
    }

    /**
     * The in-place conversion over a packed x,y array (what the importer uses) gives, bit for bit, what Proj4J's own
     * per-point transform gives (built here from the same PROJ string, independently of SourceCrs), and stays within
     * a centimetre of PROJ's cs2cs.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "EPSG:4548, EPSG:4490, true, 117, 1.5",
        "EPSG:4527, EPSG:4490, true, 117, 1.5",
        "EPSG:4498, EPSG:4490, true, 117, 3",
        "EPSG:32650, EPSG:4326, false, 117, 3",
        "EPSG:2384, EPSG:4610, true, 117, 1.5",
    })
    void convertsInPlaceExactlyAsProj4jPointByPoint(
            String code, String geographic, boolean northingFirst, double centralMeridian, double halfWidth) {
        double[][] xy = Cs2cs.toProjected(geographic, code, northingFirst, grid(centralMeridian, halfWidth));
        double[][] proj = Cs2cs.toLonLat(code, geographic, northingFirst, xy);
        SourceCrs crs = SourceCrs.parse(code);
        org.locationtech.proj4j.CoordinateReferenceSystem projected =
                new org.locationtech.proj4j.CRSFactory().createFromParameters(code, crs.proj());
        org.locationtech.proj4j.CoordinateTransform own = new org.locationtech.proj4j.CoordinateTransformFactory()
                .createTransform(projected, projected.createGeographic());
        double[] packed = new double[2 * xy.length];
        for (int i = 0; i < xy.length; i++) {
            packed[2 * i] = xy[i][0];
            packed[2 * i + 1] = xy[i][1];
        }
        SourceCrs.Transform t = crs.transform();
        for (int i = 0; i < xy.length; i++) {
            t.applyInPlace(packed, 2 * i);
        }
        double worst = 0;
        for (int i = 0; i < xy.length; i++) {
            org.locationtech.proj4j.ProjCoordinate out = own.transform(
                    new org.locationtech.proj4j.ProjCoordinate(xy[i][0], xy[i][1]),
                    new org.locationtech.proj4j.ProjCoordinate());
            assertThat(new double[] {packed[2 * i], packed[2 * i + 1]})
                    .as("point %d", i)
                    .containsExactly(out.x, out.y);
            worst = Math.max(worst, Cs2cs.metres(new double[] {packed[2 * i], packed[2 * i + 1]}, proj[i]));
        }
        assertThat(worst).as("largest difference to cs2cs, metres").isLessThan(0.01);
    }

    @Test
    void inPlaceIsApplyForTheOtherKinds() {
        double[] lonLat = {116.391, 39.907, 121.4737, 31.2304};
        for (String code : new String[] {"CRS84", "EPSG:4490", "GCJ-02", "BD-09"}) {
            SourceCrs.Transform t = SourceCrs.parse(code).transform();
            double[] packed = lonLat.clone();
            t.applyInPlace(packed, 0);
            t.applyInPlace(packed, 2);
            assertThat(packed)
                    .as(code)
                    .containsExactly(concat(t.apply(lonLat[0], lonLat[1]), t.apply(lonLat[2], lonLat[3])));
        }
        double[] untouched = lonLat.clone();
        SourceCrs.parse("CRS84").transform().applyInPlace(untouched, 0);
        assertThat(untouched).containsExactly(lonLat);
        double[] gcj = lonLat.clone();
        SourceCrs.parse("GCJ-02").transform().applyInPlace(gcj, 0);
        assertThat(gcj[0]).as("GCJ-02 is converted, not left as it was").isNotEqualTo(lonLat[0]);
        assertThat(new double[] {gcj[2], gcj[3]}).as("only the pair asked for").containsExactly(lonLat[2], lonLat[3]);
    }

    private static double[] concat(double[] a, double[] b) {
        return new double[] {a[0], a[1], b[0], b[1]};
    }

    @Test
    void readsTheNamesFilesAndUsersGive() {
        assertThat(SourceCrs.parse("urn:ogc:def:crs:EPSG::4547").name())
                .isEqualTo("CGCS2000 / 3-degree Gauss-Kruger CM 114E");
        assertThat(SourceCrs.parse("http://www.opengis.net/def/crs/EPSG/0/4513").name())
                .isEqualTo("CGCS2000 / 3-degree Gauss-Kruger zone 25");
        assertThat(SourceCrs.parse("EPSG:4512").name()).isEqualTo("CGCS2000 / Gauss-Kruger CM 135E");
        assertThat(SourceCrs.parse("epsg:4491").proj()).contains("+lon_0=75 ").contains("+x_0=13500000 ");
        assertThat(SourceCrs.parse("EPSG:2390").name()).isEqualTo("Xian 1980 / 3-degree Gauss-Kruger CM 135E");
        assertThat(SourceCrs.parse("EPSG:2390").approximate()).isTrue();
        assertThat(SourceCrs.parse("EPSG:4548").approximate()).isFalse();
        assertThat(SourceCrs.parse("gcj02").kind()).isEqualTo(SourceCrs.Kind.GCJ02);
        assertThat(SourceCrs.parse("BD-09").kind()).isEqualTo(SourceCrs.Kind.BD09);
        assertThat(SourceCrs.parse("EPSG:3857"))
                .as("not supported: refused by name")
                .isNull();
        assertThat(SourceCrs.parse("EPSG:4534").name()).isEqualTo("CGCS2000 / 3-degree Gauss-Kruger CM 75E");
        assertThat(SourceCrs.parse("EPSG:4554").name()).isEqualTo("CGCS2000 / 3-degree Gauss-Kruger CM 135E");
    }

    @Test
    void namesTheLikelyFamilyFromTheEasting() {
        assertThat(SourceCrs.likelyFamily(39_440_000, 39_520_000, 4_400_000, 4_500_000))
                .startsWith(
                        "3-degree Gauss-Krüger zone 39 with the zone prefix (central meridian 117°E): CGCS2000 EPSG:4527");
        assertThat(SourceCrs.likelyFamily(20_440_000, 20_520_000, 4_400_000, 4_500_000))
                .startsWith(
                        "6-degree Gauss-Krüger zone 20 with the zone prefix (central meridian 117°E): CGCS2000 EPSG:4498");
        assertThat(SourceCrs.likelyFamily(440_000, 520_000, 4_400_000, 4_500_000))
                .startsWith("Gauss-Krüger or UTM without a zone prefix (false easting 500 000 m)");
        assertThat(SourceCrs.likelyFamily(-9_000_000, 12_000_000, -2_000, 5_000))
                .startsWith("projected coordinates of a family");
    }
}
