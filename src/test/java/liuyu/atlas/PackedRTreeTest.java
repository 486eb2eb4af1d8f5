package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The packed R-tree against a scan of every box (the oracle), and read back from its arrays. */
class PackedRTreeTest {
    static double[] randomBoxes(Random random, int n) {
        double[] boxes = new double[4 * n];
        for (int i = 0; i < n; i++) {
            double x = random.nextDouble() * 100;
            double y = random.nextDouble() * 50;
            // some points (zero-size boxes), some long thin boxes
            double w = random.nextInt(5) == 0 ? 0 : random.nextDouble() * (random.nextBoolean() ? 1 : 20);
            double h = random.nextInt(5) == 0 ? 0 : random.nextDouble() * 2;
            boxes[4 * i] = x;
            boxes[4 * i + 1] = y;
            boxes[4 * i + 2] = x + w;
            boxes[4 * i + 3] = y + h;
        }
        return boxes;
    }

    static List<Integer> scan(double[] boxes, double minX, double minY, double maxX, double maxY) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < boxes.length / 4; i++) {
            if (boxes[4 * i] <= maxX
                    && boxes[4 * i + 2] >= minX
                    && boxes[4 * i + 1] <= maxY
                    && boxes[4 * i + 3] >= minY) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void everyQueryFindsExactlyTheBoxesAScanFindsBoundariesIncluded() {
        Random random = new Random(5);
        for (int n : new int[] {0, 1, 2, 15, 16, 17, 255, 256, 257, 5000}) {
            double[] boxes = randomBoxes(random, n);
            PackedRTree tree = PackedRTree.build(boxes, n);
            assertThat(tree.size()).isEqualTo(n);
            for (int q = 0; q < 300; q++) {
                double x = random.nextDouble() * 110 - 5;
                double y = random.nextDouble() * 55 - 5;
                double w = q % 3 == 0 ? 0 : random.nextDouble() * 10;
                double h = q % 3 == 0 ? 0 : random.nextDouble() * 5;
                if (q % 7 == 0 && n > 0) {
                    // a query touching a box's corner exactly
                    int i = random.nextInt(n);
                    x = boxes[4 * i + 2];
                    y = boxes[4 * i + 3];
                    w = 0;
                    h = 0;
                }
                TreeSet<Integer> found = new TreeSet<>();
                List<Integer> all = new ArrayList<>();
                tree.query(x, y, x + w, y + h, i -> {
                    all.add(i);
                    found.add(i);
                });
                assertThat(all).as("each item once").hasSameSizeAs(found);
                assertThat(found).containsExactlyElementsOf(scan(boxes, x, y, x + w, y + h));
            }
        }
    }

    @Test
    void nodesHoldTheirChildrenAndTheRootHoldsEverything() {
        double[] boxes = randomBoxes(new Random(9), 1000);
        PackedRTree tree = PackedRTree.build(boxes, 1000);
        for (int node = 1000; node < tree.refs().length; node++) {
            assertThat(tree.childEnd(node) - tree.firstChild(node)).isBetween(1, PackedRTree.NODE);
            for (int c = tree.firstChild(node); c < tree.childEnd(node); c++) {
                assertThat(tree.minX(c)).isGreaterThanOrEqualTo(tree.minX(node));
                assertThat(tree.minY(c)).isGreaterThanOrEqualTo(tree.minY(node));
                assertThat(tree.maxX(c)).isLessThanOrEqualTo(tree.maxX(node));
                assertThat(tree.maxY(c)).isLessThanOrEqualTo(tree.maxY(node));
            }
        }
        List<Integer> items = new ArrayList<>();
        for (int e = 0; e < 1000; e++) {
            items.add(tree.item(e));
        }
        assertThat(new TreeSet<>(items)).hasSize(1000).first().isEqualTo(0);
    }

    @Test
    void aTreeReadBackFromItsArraysAnswersAsTheOneBuiltAndBrokenArraysAreRefused() {
        double[] boxes = randomBoxes(new Random(3), 700);
        PackedRTree built = PackedRTree.build(boxes, 700);
        PackedRTree read = new PackedRTree(
                700,
                built.boxes().clone(),
                built.refs().clone(),
                built.levelEnds().clone());
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        built.query(10, 10, 30, 20, a::add);
        read.query(10, 10, 30, 20, b::add);
        assertThat(b).isNotEmpty().isEqualTo(a);
        int[] refs = built.refs().clone();
        refs[refs.length - 1] = refs.length; // the root pointing past its children's level
        assertThatThrownBy(() -> new PackedRTree(700, built.boxes(), refs, built.levelEnds()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refers to");
        assertThatThrownBy(() -> new PackedRTree(699, built.boxes(), built.refs(), built.levelEnds()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
