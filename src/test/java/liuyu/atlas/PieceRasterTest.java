package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import liuyu.geo.GeoJson;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * The piece raster against JTS (the oracle): a cell it calls inside or outside must agree with {@code covers} for
 * every point of the box that maps to it, boundary points included; only boundary cells may answer "ask the rings".
 */
class PieceRasterTest {
    private static long[] raster(Polygon polygon) {
        PolygonPiece piece = new PolygonPiece(polygon);
        Envelope e = polygon.getEnvelopeInternal();
        long[] out = new long[PieceRaster.LONGS + 3];
        PieceRaster.build(piece.shell(), piece.holes(), e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(), out, 3);
        return out;
    }

    private static int state(long[] raster, Polygon polygon, double x, double y) {
        Envelope e = polygon.getEnvelopeInternal();
        return PieceRaster.state(raster, 3, e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(), x, y);
    }

    /** Checks a point of the box against JTS; returns the raster's state. */
    private static int check(long[] raster, Polygon polygon, double x, double y) {
        int state = state(raster, polygon, x, y);
        boolean covers = polygon.covers(GeoJson.FACTORY.createPoint(new Coordinate(x, y)));
        if (state == PieceRaster.INSIDE) {
            assertThat(covers).as("inside at %s %s", x, y).isTrue();
        } else if (state == PieceRaster.OUTSIDE) {
            assertThat(covers).as("outside at %s %s", x, y).isFalse();
        } else {
            assertThat(state).isEqualTo(PieceRaster.BOUNDARY);
        }
        return state;
    }

    /** Checks points all over the polygon's box; returns how many of the random ones each state answered. */
    private static int[] checkEverywhere(Polygon polygon, Random random) {
        long[] raster = raster(polygon);
        Envelope e = polygon.getEnvelopeInternal();
        int[] seen = new int[3];
        for (int k = 0; k < 2000; k++) {
            double x = e.getMinX() + random.nextDouble() * e.getWidth();
            double y = e.getMinY() + random.nextDouble() * e.getHeight();
            seen[check(raster, polygon, x, y)]++;
        }
        // the box's corners and sides, every vertex and points on and a hair beside every segment: where a cell
        // wrongly left unmarked would show
        check(raster, polygon, e.getMinX(), e.getMinY());
        check(raster, polygon, e.getMaxX(), e.getMaxY());
        check(raster, polygon, e.getMinX(), e.getMaxY());
        check(raster, polygon, e.getMaxX(), e.getMinY());
        for (Coordinate[] ring : rings(polygon)) {
            for (int v = 0; v + 1 < ring.length; v++) {
                Coordinate a = ring[v];
                Coordinate b = ring[v + 1];
                check(raster, polygon, a.x, a.y);
                for (double t : new double[] {0.5, random.nextDouble()}) {
                    double x = a.x + t * (b.x - a.x);
                    double y = a.y + t * (b.y - a.y);
                    for (double d : new double[] {0, 1e-12, -1e-12, 1e-9, -1e-9}) {
                        if (e.contains(x + d, y - d)) {
                            check(raster, polygon, x + d, y - d);
                        }
                    }
                }
            }
        }
        return seen;
    }

    private static Coordinate[][] rings(Polygon p) {
        Coordinate[][] rings = new Coordinate[1 + p.getNumInteriorRing()][];
        rings[0] = p.getExteriorRing().getCoordinates();
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
            rings[h + 1] = p.getInteriorRingN(h).getCoordinates();
        }
        return rings;
    }

    @Test
    void insideAndOutsideCellsAgreeWithJtsOnStarsWithAndWithoutHoles() {
        Random random = new Random(17);
        int[] seen = new int[3];
        for (int i = 0; i < 60; i++) {
            Polygon star = GeneratedAtlas.star(116.5, 40.2, 0.05, 3 + random.nextInt(64), random);
            if (i % 3 == 0) {
                Polygon hole = GeneratedAtlas.star(116.5, 40.2, 0.01, 3 + random.nextInt(20), random);
                Geometry holed = star.difference(hole);
                if (holed instanceof Polygon p && p.getNumInteriorRing() == 1) {
                    star = p;
                }
            }
            int[] one = checkEverywhere(star, random);
            for (int s = 0; s < 3; s++) {
                seen[s] += one[s];
            }
        }
        // spiky stars leave many boundary cells, but the raster still answers points both ways without the rings
        assertThat(seen[PieceRaster.INSIDE]).isPositive();
        assertThat(seen[PieceRaster.OUTSIDE]).isPositive();
    }

    @Test
    void insideAndOutsideCellsAgreeWithJtsOnTheGeneratedTiles() {
        Random random = new Random(3);
        Atlas tiled = GeneratedAtlas.tiled(100, 1, 9, 1);
        int[] seen = new int[3];
        for (Feature f : tiled.layers().iterator().next().features()) {
            int[] one = checkEverywhere((Polygon) f.geometry(), random);
            for (int s = 0; s < 3; s++) {
                seen[s] += one[s];
            }
        }
        // on zones like these the raster answers most points of a piece's box without reading its rings
        assertThat(seen[PieceRaster.INSIDE] + seen[PieceRaster.OUTSIDE]).isGreaterThan(2 * seen[PieceRaster.BOUNDARY]);
    }

    @Test
    void aBoxWithoutAreaHasOnlyBoundaryCells() {
        // a degenerate piece (a line of zero width): every point must take the exact test
        Polygon flat = GeoJson.FACTORY.createPolygon(new Coordinate[] {
            new Coordinate(116, 40), new Coordinate(116, 40.1), new Coordinate(116, 40.05), new Coordinate(116, 40)
        });
        long[] raster = raster(flat);
        for (int w = 0; w < PieceRaster.LONGS; w++) {
            assertThat(raster[3 + w]).isEqualTo(0xAAAAAAAAAAAAAAAAL); // every cell 2 (boundary)
        }
        assertThat(raster[0]).isZero(); // nothing written before its place
    }
}
