package liuyu.terrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;

/**
 * Delineation on valleys whose drainage areas are known in closed form. Grids are 10 m cells in EPSG:4548
 * with the top-left corner at (X0, Y0); heights rise 0.01 per metre northwards and 0.1 per metre away from
 * each channel, so water runs straight to the channel and then south along it.
 */
@Tag("integration")
class DelineationTest {
    static final double X0 = 499_000;
    static final double Y0 = 4_487_000;

    @TempDir
    Path dir;

    /** A DEM 2 km wide and 4 km long: its bottom edge is at Y0 − 4000. */
    Delineation valleys(String name, double... channels) throws Exception {
        Path tif = SyntheticDem.write(dir.resolve(name + ".tif"), "EPSG:4548", X0, Y0, 10, 10, 200, 400, (x, y) -> {
            double across = Double.MAX_VALUE;
            for (double c : channels) {
                across = Math.min(across, Math.abs(x - c));
            }
            return 200 + 0.1 * across + 0.01 * (y - (Y0 - 4000));
        });
        return new Delineation(new FlowGrid(DemGrid.read(DemInfo.read(tif))));
    }

    static double[] lonLat(double x, double y) {
        Point p = ShoreBandsTest.lonLat(x, y);
        return new double[] {p.getX(), p.getY()};
    }

    @Test
    void aPointOnTheChannelOfATiltedVValleyDrainsTheWholeWidthUpstreamOfIt() throws Exception {
        double channel = X0 + 1005; // the centre of column 100
        Delineation c = valleys("v", channel);
        // 3 km below the top: the analytic drainage area is 2 km × 3 km
        double[] p = lonLat(channel + 3, Y0 - 3005);
        Delineation.Catchment a = c.of(p[0], p[1], Delineation.DEFAULT_SNAP_M, Delineation.DEFAULT_STREAM_KM2);
        assertThat(a.areaKm2()).isCloseTo(6.0, within(0.06));
        assertThat(a.area().isValid()).isTrue();
        assertThat(DemCrs.areaM2(a.area()) / 1e6).isCloseTo(a.areaKm2() * 0.9992, within(0.01));
        Envelope e = ShoreBandsTest.toGk(a.area()).getEnvelopeInternal();
        assertThat(e.getMinX()).isCloseTo(X0, within(0.01));
        assertThat(e.getMaxX()).isCloseTo(X0 + 2000, within(0.01));
        assertThat(e.getMaxY()).isCloseTo(Y0, within(0.01));
        assertThat(e.getMinY()).isCloseTo(Y0 - 3010, within(0.01));
        // the point lies in a channel cell: it stays there rather than moving down the stream
        assertThat(a.snapDistanceM()).isZero();
        assertThat(a.onStream()).isTrue();
    }

    @Test
    void aPointBesideTheChannelIsSnappedToItAndSaysHowFar() throws Exception {
        double channel = X0 + 1005;
        Delineation c = valleys("v2", channel);
        double[] p = lonLat(channel - 48, Y0 - 2005);
        Delineation.Catchment a = c.of(p[0], p[1], 100, Delineation.DEFAULT_STREAM_KM2);
        assertThat(a.snapDistanceM()).isCloseTo(50, within(0.5));
        assertThat(a.onStream()).isTrue();
        assertThat(ShoreBandsTest.toGk(a.snapped()).getCoordinate().x).isCloseTo(channel, within(0.01));
        assertThat(a.areaKm2()).isCloseTo(4.0, within(0.04));
        // without snapping the point drains only the hillslope west of it in its own row: 96 cells
        Delineation.Catchment unsnapped = c.of(p[0], p[1], 0, Delineation.DEFAULT_STREAM_KM2);
        assertThat(unsnapped.onStream()).isFalse();
        assertThat(unsnapped.cells()).isEqualTo(96);
    }

    @Test
    void twoValleysSplitAtTheirDivide() throws Exception {
        double west = X0 + 505;
        double east = X0 + 1505;
        Delineation c = valleys("w", west, east);
        double[] p = lonLat(west, Y0 - 3005);
        Delineation.Catchment a = c.of(p[0], p[1], 0, Delineation.DEFAULT_STREAM_KM2);
        // the divide runs along x = X0 + 1005: analytically the western valley drains 1.005 km × 3.005 km to
        // the point; on the grid the divide's own column drains east
        assertThat(a.areaKm2()).isCloseTo(1.005 * 3.005, within(0.03));
        assertThat(ShoreBandsTest.toGk(a.area()).getEnvelopeInternal().getMaxX())
                .isLessThanOrEqualTo(X0 + 1005);
    }

    @Test
    void aPointOnTheDivideGoesToTheSideItIsSnappedToAndTheAnswerSaysWhich() throws Exception {
        double divide = X0 + 1005;
        Delineation c = valleys("divide", X0 + 505, X0 + 1505);
        double[] p = lonLat(divide, Y0 - 2005);
        // both channels are 500 m away: the tie goes to one side, and the answer names the cell it chose
        Delineation.Catchment a = c.of(p[0], p[1], 600, Delineation.DEFAULT_STREAM_KM2);
        assertThat(a.onStream()).isTrue();
        double snappedX = ShoreBandsTest.toGk(a.snapped()).getCoordinate().x;
        Envelope e = ShoreBandsTest.toGk(a.area()).getEnvelopeInternal();
        if (snappedX > divide) {
            assertThat(e.getMinX()).isGreaterThanOrEqualTo(divide - 5 - 0.01);
        } else {
            assertThat(e.getMaxX()).isLessThanOrEqualTo(divide + 5 + 0.01);
        }
        assertThat(a.snapDistanceM()).isCloseTo(500, within(0.01));
        assertThat(a.areaKm2()).isCloseTo(1.0 * 2.01, within(0.001));
    }

    @Test
    void aPointOutsideTheDemIsRefused() throws Exception {
        Delineation c = valleys("out", X0 + 1005);
        double[] p = lonLat(X0 - 500, Y0 - 100);
        assertThatThrownBy(() -> c.of(p[0], p[1], 100, 0.1))
                .isInstanceOf(TerrainException.class)
                .hasMessageContaining("outside the DEM");
    }
}
