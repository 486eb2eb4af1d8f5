package liuyu.terrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import liuyu.geo.GeoJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.distance.DiscreteHausdorffDistance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Zones and bands from DEMs with closed-form answers: a paraboloid bowl z = 140 + 20 (r / 800 m)², whose
 * level lines are circles of radius r(h) = 800 √((h − 140) / 20), so the area below 155 m is π r(155)² and
 * each band is π (r(upper)² − r(lower)²). The DEMs are in CGCS2000 3° Gauss-Krüger CM 117° E (EPSG:4548),
 * centred at x = 500 000, y = 4 485 000 (about 117° E, 40.5° N).
 */
@Tag("integration")
class ShoreBandsTest {
    static final double CX = 500_000;
    static final double CY = 4_485_000;
    static final double[] LEVELS = {155, 157.5, 160};

    @TempDir
    Path dir;

    static double bowl(double x, double y) {
        double r = Math.hypot(x - CX, y - CY);
        return 140 + 20 * (r / 800) * (r / 800);
    }

    static double radius(double h) {
        return 800 * Math.sqrt((h - 140) / 20);
    }

    static double ring(double inner, double outer) {
        return Math.PI * (outer * outer - inner * inner);
    }

    /** The point (x, y) of EPSG:4548 in CRS84, by PROJ's definition of the zone (lon_0 = 117, k = 1, x_0 = 500 km). */
    static Point lonLat(double x, double y) {
        ProjCoordinate out = new ProjCoordinate();
        TO_LONLAT.transform(new ProjCoordinate(x, y), out);
        return GeoJson.FACTORY.createPoint(new Coordinate(out.x, out.y));
    }

    static final CRSFactory CRS = new CRSFactory();
    static final CoordinateTransform TO_LONLAT = new CoordinateTransformFactory()
            .createTransform(
                    CRS.createFromParameters(
                            "gk117", "+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +datum=WGS84 +units=m"),
                    CRS.createFromParameters("wgs84", "+proj=longlat +datum=WGS84"));
    static final CoordinateTransform TO_GK = new CoordinateTransformFactory()
            .createTransform(
                    CRS.createFromParameters("wgs84", "+proj=longlat +datum=WGS84"),
                    CRS.createFromParameters(
                            "gk117", "+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=500000 +y_0=0 +datum=WGS84 +units=m"));

    /** The reservoir's water body: a 300 m disc at the bottom of the bowl. */
    static Geometry water() {
        return lonLat(CX, CY).buffer(0.003);
    }

    // UTM zone 50's scale factor 0.9996 on its central meridian 117° E shrinks areas by 0.08 %
    static final double UTM_AREA = 0.9996 * 0.9996;

    @Test
    void theZoneAndEachBandOfAParaboloidBowlMatchTheirAnalyticAreasWithinHalfAPercent() throws Exception {
        Path tif = SyntheticDem.write(
                dir.resolve("bowl.tif"), "EPSG:4548", CX - 1000, CY + 1000, 10, 10, 200, 200, ShoreBandsTest::bowl);
        ShoreBands.Result r = ShoreBands.derive(tif, water(), LEVELS);
        assertThat(r.zoneAreaM2()).isCloseTo(Math.PI * radius(155) * radius(155) * UTM_AREA, withinPercent(0.5));
        assertThat(r.bands()).hasSize(2);
        assertThat(r.bands().get(0).lowerM()).isEqualTo(155);
        assertThat(r.bands().get(0).upperM()).isEqualTo(157.5);
        assertThat(r.bands().get(0).areaM2())
                .isCloseTo(ring(radius(155), radius(157.5)) * UTM_AREA, withinPercent(0.5));
        assertThat(r.bands().get(1).areaM2())
                .isCloseTo(ring(radius(157.5), radius(160)) * UTM_AREA, withinPercent(0.5));
        assertThat(r.otherBasins()).isZero();
        assertThat(r.zone().isValid()).isTrue();
        assertThat(r.zone().contains(lonLat(CX, CY))).isTrue();
        assertThat(r.zone().contains(lonLat(CX + radius(155) + 10, CY))).isFalse();
        assertThat(r.bands().get(0).geometry().contains(lonLat(CX + radius(155) + 10, CY)))
                .isTrue();
        assertThat(r.dem().crsName()).startsWith("EPSG:4548");
        assertThat(r.dem().cellSizeM()).isEqualTo(10.0);
    }

    @Test
    void aSecondLowBasinNotConnectedToTheReservoirIsLeftOut() throws Exception {
        double bx = CX + 1500;
        // a second, deeper-looking basin 1.5 km east: below 155 m within 204 m of its centre, never joined to the bowl
        ShoreBandsTest.Surface2 two =
                (x, y) -> Math.min(bowl(x, y), 150 + 30 * Math.pow(Math.hypot(x - bx, y - CY) / 500, 2));
        Path tif =
                SyntheticDem.write(dir.resolve("two.tif"), "EPSG:4548", CX - 1000, CY + 1000, 10, 10, 320, 200, two::z);
        ShoreBands.Result r = ShoreBands.derive(tif, water(), LEVELS);
        assertThat(r.otherBasins()).isEqualTo(1);
        assertThat(r.zone().contains(lonLat(bx, CY))).isFalse();
        assertThat(r.zoneAreaM2()).isCloseTo(Math.PI * radius(155) * radius(155) * UTM_AREA, withinPercent(0.5));
        // the second basin's own rings are not shore bands of the reservoir
        assertThat(r.bands().get(0).geometry().intersects(lonLat(bx, CY).buffer(0.004)))
                .isFalse();
        assertThat(r.bands().get(0).areaM2())
                .isCloseTo(ring(radius(155), radius(157.5)) * UTM_AREA, withinPercent(0.5));
    }

    interface Surface2 {
        double z(double x, double y);
    }

    @Test
    void anIslandAboveTheTopLevelIsAHoleInTheZoneAndItsRingsJoinTheBands() throws Exception {
        double ix = CX + 400;
        // a cone island 170 - 0.2 d: above 155 m within 75 m, above 160 m within 50 m of its top
        Path tif = SyntheticDem.write(
                dir.resolve("island.tif"),
                "EPSG:4548",
                CX - 1000,
                CY + 1000,
                10,
                10,
                200,
                200,
                (x, y) -> Math.max(bowl(x, y), 170 - 0.2 * Math.hypot(x - ix, y - CY)));
        ShoreBands.Result r = ShoreBands.derive(tif, water(), LEVELS);
        Point top = lonLat(ix, CY);
        assertThat(r.zone().contains(top)).isFalse();
        assertThat(r.zone().getEnvelopeInternal().contains(top.getCoordinate())).isTrue();
        Polygon zone = (Polygon) r.zone();
        assertThat(zone.getNumInteriorRing()).isEqualTo(1);
        assertThat(GeoJson.FACTORY
                        .createPolygon(zone.getInteriorRingN(0).getCoordinates())
                        .contains(top))
                .isTrue();
        for (ShoreBands.Band b : r.bands()) {
            assertThat(b.geometry().contains(top))
                    .as("island top in band %s", b.lowerM())
                    .isFalse();
        }
        assertThat(r.zoneAreaM2())
                .isCloseTo((Math.PI * radius(155) * radius(155) - Math.PI * 75 * 75) * UTM_AREA, withinPercent(0.5));
        assertThat(r.bands().get(0).areaM2())
                .isCloseTo((ring(radius(155), radius(157.5)) + ring(62.5, 75)) * UTM_AREA, withinPercent(0.5));
        assertThat(r.bands().get(1).areaM2())
                .isCloseTo((ring(radius(157.5), radius(160)) + ring(50, 62.5)) * UTM_AREA, withinPercent(0.5));
    }

    @Test
    void theSameBowlOnACgcs2000GeographicGridGivesTheSameZoneWithinOneCell() throws Exception {
        Path gk = SyntheticDem.write(
                dir.resolve("gk.tif"), "EPSG:4548", CX - 1000, CY + 1000, 10, 10, 200, 200, ShoreBandsTest::bowl);
        Point c = lonLat(CX, CY);
        double dLon = 0.0001;
        double dLat = 0.0001;
        // the same surface, sampled at the centres of a 0.0001° grid (8.5 m × 11.1 m) in EPSG:4490
        Path geo = SyntheticDem.write(
                dir.resolve("geo.tif"),
                "EPSG:4490",
                c.getX() - 0.012,
                c.getY() + 0.0095,
                dLon,
                dLat,
                240,
                190,
                (lon, lat) -> {
                    ProjCoordinate out = new ProjCoordinate();
                    TO_GK.transform(new ProjCoordinate(lon, lat), out);
                    return bowl(out.x, out.y);
                });
        ShoreBands.Result a = ShoreBands.derive(gk, water(), LEVELS);
        ShoreBands.Result b = ShoreBands.derive(geo, water(), LEVELS);
        assertThat(b.dem().geographic()).isTrue();
        assertThat(b.dem().crsName()).startsWith("EPSG:4490");
        double cellM = b.dem().cellSizeM();
        assertThat(cellM).isCloseTo(11.1, within(0.1));
        assertThat(hausdorffM(a.zone(), b.zone())).isLessThan(cellM);
        for (int k = 0; k < 2; k++) {
            assertThat(hausdorffM(a.bands().get(k).geometry(), b.bands().get(k).geometry()))
                    .isLessThan(cellM);
        }
        assertThat(b.zoneAreaM2()).isCloseTo(a.zoneAreaM2(), withinPercent(1));
    }

    @Test
    void aDemThatNeverGoesBelowTheFirstLevelAtTheWaterIsRefusedWithTheReason() throws Exception {
        Path tif = SyntheticDem.write(
                dir.resolve("high.tif"),
                "EPSG:4548",
                CX - 1000,
                CY + 1000,
                10,
                10,
                200,
                200,
                (x, y) -> bowl(x, y) + 100);
        assertThatThrownBy(() -> ShoreBands.derive(tif, water(), LEVELS))
                .isInstanceOf(TerrainException.class)
                .hasMessageContaining("no land below 155 m touches the water body");
    }

    @Test
    void levelsAreIncreasingNumbers() {
        assertThat(ShoreBands.levels("155, 157.5,160")).containsExactly(155, 157.5, 160);
        assertThatThrownBy(() -> ShoreBands.levels("160,155")).hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> ShoreBands.levels("155")).hasMessageContaining("at least two levels");
        assertThatThrownBy(() -> ShoreBands.levels("155,abc")).hasMessageContaining("must be numbers");
        assertThatThrownBy(() -> ShoreBands.levels("155,NaN")).hasMessageContaining("finite");
    }

    /** Discrete Hausdorff distance in metres, measured in EPSG:4548. */
    static double hausdorffM(Geometry a, Geometry b) {
        return DiscreteHausdorffDistance.distance(toGk(a), toGk(b), 0.05);
    }

    static Geometry toGk(Geometry lonLat) {
        Geometry g = lonLat.copy();
        ProjCoordinate out = new ProjCoordinate();
        g.apply((org.locationtech.jts.geom.CoordinateFilter) co -> {
            TO_GK.transform(new ProjCoordinate(co.x, co.y), out);
            co.x = out.x;
            co.y = out.y;
        });
        g.geometryChanged();
        return g;
    }

    static org.assertj.core.data.Percentage withinPercent(double p) {
        return org.assertj.core.data.Percentage.withPercentage(p);
    }
}
