package liuyu.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import liuyu.geo.ProjectedCrs;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * Polygons onto a tile's grid against an independent oracle: the polygon projected by Proj4J (EPSG:3857), scaled to
 * tile units and intersected with the buffered tile by JTS's overlay. The clipped and snapped area must be the
 * overlay's within the grid's rounding (every vertex moves at most half a unit each way).
 */
class TileGridTest {
    private static final GeometryFactory F = new GeometryFactory();
    private static final ProjectedCrs MERCATOR = ProjectedCrs.parse("EPSG:3857");
    private static final int Z = 14;
    private static final int ROW = 6200;
    private static final int COL = 13512;

    private final Envelope tile = WebMercatorQuad.tile(Z, ROW, COL);
    private final double unit = tile.getWidth() / VectorTiles.EXTENT;
    private final Envelope clip = new Envelope(
            -VectorTiles.BUFFER,
            VectorTiles.EXTENT + VectorTiles.BUFFER,
            -VectorTiles.BUFFER,
            VectorTiles.EXTENT + VectorTiles.BUFFER);

    /** Tile units (y down) by Proj4J and an affine map. */
    private Geometry units(Geometry lonLat) {
        Geometry metres = MERCATOR.fromLonLat(lonLat);
        return new AffineTransformation(1 / unit, 0, -tile.getMinX() / unit, 0, -1 / unit, tile.getMaxY() / unit)
                .transform(metres);
    }

    /** The oracle: in tile units, JTS's overlay with the buffered tile. */
    private Geometry expected(Geometry lonLat) {
        return units(lonLat).intersection(F.toGeometry(clip));
    }

    /** A lon/lat point of the tile at (x, y) in tile units. */
    private Coordinate at(double x, double y) {
        return WebMercatorQuad.lonLat(tile.getMinX() + x * unit, tile.getMaxY() - y * unit);
    }

    /** A star-shaped ring (concave, so it can leave the tile and come back several times) around (cx, cy). */
    private LinearRing star(Random random, double cx, double cy, double radius, int points, boolean clockwise) {
        Coordinate[] c = new Coordinate[points + 1];
        for (int i = 0; i < points; i++) {
            double a = 2 * Math.PI * i / points * (clockwise ? -1 : 1);
            double r = radius * (0.35 + 0.65 * random.nextDouble());
            c[i] = at(cx + r * Math.cos(a), cy + r * Math.sin(a));
        }
        c[points] = new Coordinate(c[0]);
        return F.createLinearRing(c);
    }

    @Test
    void clippedPolygonsHaveTheOverlaysAreaWithinTheGridsRounding() {
        Random random = new Random(20261203);
        int crossing = 0;
        for (int i = 0; i < 2000; i++) {
            double cx = -1500 + 7_000 * random.nextDouble();
            double cy = -1500 + 7_000 * random.nextDouble();
            double radius = 200 + 3000 * random.nextDouble();
            LinearRing shell = star(random, cx, cy, radius, 8 + random.nextInt(40), false);
            List<LinearRing> holes = new ArrayList<>();
            if (random.nextBoolean()) {
                holes.add(star(random, cx, cy, radius * 0.3, 12, true)); // inside the shell's smallest radius
            }
            Polygon polygon = F.createPolygon(shell, holes.toArray(LinearRing[]::new));
            Geometry want = expected(polygon);
            Geometry got = new TileGrid(tile, unit).encode(polygon);
            String what = "polygon " + i + " " + polygon;
            if (want.getArea() == 0) {
                assertThat(got).as(what).isNull();
                continue;
            }
            if (!clip.contains(units(polygon).getEnvelopeInternal())) {
                crossing++;
            }
            double tolerance = want.getLength() * 0.75 + 4;
            if (got == null) {
                // everything left collapsed on the grid: only a sliver can do that
                assertThat(want.getArea()).as(what).isLessThanOrEqualTo(tolerance);
                continue;
            }
            assertThat(got.getArea())
                    .as(what)
                    .isCloseTo(want.getArea(), org.assertj.core.data.Offset.offset(tolerance));
            assertThat(clip.contains(got.getEnvelopeInternal())).as(what).isTrue();
        }
        assertThat(crossing).as("polygons that cross the buffered tile's edge").isGreaterThan(500);
    }

    @Test
    void aPolygonAroundTheTileIsTheBufferedTileAndAHoleAroundItLeavesNothing() {
        Polygon around = F.createPolygon(F.createLinearRing(
                new Coordinate[] {at(-500, -500), at(5000, -500), at(5000, 5000), at(-500, 5000), at(-500, -500)}));
        Geometry got = new TileGrid(tile, unit).encode(around);
        assertThat(got.getEnvelopeInternal()).isEqualTo(clip);
        assertThat(got.getArea()).isEqualTo(clip.getArea());

        LinearRing hole = F.createLinearRing(
                new Coordinate[] {at(-300, -300), at(-300, 4800), at(4800, 4800), at(4800, -300), at(-300, -300)});
        Polygon holed =
                F.createPolygon(F.createLinearRing(around.getExteriorRing().getCoordinates()), new LinearRing[] {hole});
        assertThat(new TileGrid(tile, unit).encode(holed)).isNull();
    }

    @Test
    void aShellThatLeavesTheTileAndComesBackBecomesTwoPolygonsNotOneRingTouchingItself() {
        // a U open at the top, its two arms reaching into the tile from above: two pieces in the tile
        Polygon u = F.createPolygon(F.createLinearRing(new Coordinate[] {
            at(1000, -2000),
            at(3000, -2000),
            at(3000, 1000),
            at(2500, 1000),
            at(2500, -1000),
            at(1500, -1000),
            at(1500, 1000),
            at(1000, 1000),
            at(1000, -2000)
        }));
        Geometry got = new TileGrid(tile, unit).encode(u);
        assertThat(got.getGeometryType()).isEqualTo("MultiPolygon");
        assertThat(got.getNumGeometries()).isEqualTo(2);
        assertThat(got.isValid()).isTrue();
        assertThat(got.getArea())
                .isCloseTo(expected(u).getArea(), org.assertj.core.data.Offset.offset(got.getLength() * 0.75 + 4));
    }

    @Test
    void anLShapeWhoseBoxMeetsTheTileButWhoseAreaDoesNotIsLeftOut() {
        // around the tile's top-left corner, outside it: its envelope covers the corner
        Polygon l = F.createPolygon(F.createLinearRing(new Coordinate[] {
            at(-1000, -1000),
            at(500, -1000),
            at(500, -200),
            at(-200, -200),
            at(-200, 500),
            at(-1000, 500),
            at(-1000, -1000)
        }));
        assertThat(expected(l).getArea()).isZero();
        assertThat(new TileGrid(tile, unit).encode(l)).isNull();
    }
}
