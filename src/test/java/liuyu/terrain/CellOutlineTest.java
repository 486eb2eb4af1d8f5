package liuyu.terrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/** Outlines of cell sets against JTS's union of the same cells' squares. */
class CellOutlineTest {
    // a grid of 10 m cells with its top-left corner at (1000, 5000), rows going south
    static final double[] GT = {1000, 10, 0, 5000, 0, -10};

    static BitSet cells(int w, String... rows) {
        BitSet b = new BitSet();
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < w; c++) {
                if (rows[r].charAt(c) == '#') {
                    b.set(r * w + c);
                }
            }
        }
        return b;
    }

    static Geometry squares(BitSet cells, int w) {
        List<Geometry> squares = new ArrayList<>();
        for (int c = cells.nextSetBit(0); c >= 0; c = cells.nextSetBit(c + 1)) {
            double x = GT[0] + (c % w) * GT[1];
            double y = GT[3] + (c / w) * GT[5];
            squares.add(DemCrs.NATIVE.toGeometry(new org.locationtech.jts.geom.Envelope(x, x + 10, y, y - 10)));
        }
        return UnaryUnionOp.union(squares);
    }

    static String picture(BitSet b, int w, int h) {
        StringBuilder s = new StringBuilder("\n");
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                s.append(b.get(r * w + c) ? '#' : '.');
            }
            s.append('\n');
        }
        return s.toString();
    }

    @Test
    void twoCellsTouchingAtACornerAreTwoValidSquares() {
        Geometry g = CellOutline.of(cells(3, "#..", ".#.", "..."), 3, 3, GT);
        assertThat(g.isValid()).isTrue();
        assertThat(g.getNumGeometries()).isEqualTo(2);
        assertThat(g.getArea()).isEqualTo(200.0);
        assertThat(g.getGeometryN(0).getNumPoints()).isEqualTo(5);
    }

    @Test
    void aRingOfCellsHasItsHole() {
        Geometry g = CellOutline.of(cells(4, "####", "#..#", "####"), 4, 3, GT);
        assertThat(g).isInstanceOf(Polygon.class);
        assertThat(((Polygon) g).getNumInteriorRing()).isEqualTo(1);
        assertThat(g.isValid()).isTrue();
        assertThat(g.getArea()).isEqualTo(1000.0);
        // straight runs are merged: 4 corners outside, 4 inside
        assertThat(((Polygon) g).getExteriorRing().getNumPoints()).isEqualTo(5);
        assertThat(((Polygon) g).getInteriorRingN(0).getNumPoints()).isEqualTo(5);
    }

    @Test
    void aHoleWithAnIslandInsideIsTwoPolygons() {
        Geometry g = CellOutline.of(cells(5, "#####", "#...#", "#.#.#", "#...#", "#####"), 5, 5, GT);
        assertThat(g.isValid()).isTrue();
        assertThat(g.getNumGeometries()).isEqualTo(2);
        assertThat(g.getArea()).isEqualTo(1700.0);
    }

    @Test
    void randomCellSetsGiveValidOutlinesEqualToTheUnionOfTheirSquares() {
        Random random = new Random(20261202);
        for (int round = 0; round < 300; round++) {
            int w = 2 + random.nextInt(12);
            int h = 2 + random.nextInt(12);
            double density = 0.2 + 0.6 * random.nextDouble();
            BitSet b = new BitSet();
            for (int c = 0; c < w * h; c++) {
                if (random.nextDouble() < density) {
                    b.set(c);
                }
            }
            if (b.isEmpty()) {
                continue;
            }
            Geometry outline = CellOutline.of(b, w, h, GT);
            Geometry oracle = squares(b, w);
            assertThat(outline.isValid())
                    .as(
                            "round %d valid: %s %s",
                            round,
                            new org.locationtech.jts.operation.valid.IsValidOp(outline).getValidationError(),
                            picture(b, w, h))
                    .isTrue();
            assertThat(outline.getArea()).as("round %d area", round).isEqualTo(b.cardinality() * 100.0);
            assertThat(outline.symDifference(oracle).getArea())
                    .as("round %d same shape", round)
                    .isZero();
        }
    }
}
