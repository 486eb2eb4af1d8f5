package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The index against brute force on a generated atlas of 9,000 zones of 400 vertices and 3,000 points: about half a
 * minute, so it runs with the slow tests in {@code ./mvnw verify}; {@link ZoneIndexTest} keeps the small cases fast.
 */
@Tag("integration")
class ZoneIndexAtScaleTest {

    @Test
    void indexedAnswerEqualsBruteForceOnAGeneratedAtlas() {
        Atlas atlas = GeneratedAtlas.of(1500, 6, 400, 7);
        assertThat(atlas.zones().pieceCount())
                .as("large polygons were subdivided")
                .isGreaterThan(atlas.zones().zoneCount());
        int nonEmpty = 0;
        for (double[] p : GeneratedAtlas.points(3_000, 11)) {
            List<Feature> indexed = atlas.zones().containing(p[0], p[1]);
            assertThat(indexed)
                    .containsExactlyInAnyOrderElementsOf(atlas.zones().containingByScan(p[0], p[1]));
            nonEmpty += indexed.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).as("the test exercises real hits").isGreaterThan(300);
    }
}
