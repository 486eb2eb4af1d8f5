package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import liuyu.geo.GeoJson;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/** Bounding-box and property selection over a layer, checked against a brute-force scan. */
class LayerSelectTest {
    private static final Atlas FIXTURE = new AtlasLoader().load(Path.of("src/test/resources/ogc-atlas"));

    private static List<String> ids(Selection s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(s.get(i).id());
        }
        return out;
    }

    private static List<String> bruteForce(Layer layer, Envelope box, List<PropertyEquals> equalities) {
        Geometry b = GeoJson.FACTORY.toGeometry(box);
        List<String> out = new ArrayList<>();
        for (Feature f : layer.features()) {
            if (b.intersects(f.geometry()) && equalities.stream().allMatch(e -> e.matches(f))) {
                out.add(f.id());
            }
        }
        return out;
    }

    @Test
    void indexedBboxSelectionEqualsBruteForceInLayerOrderForThousandsOfRandomBoxes() {
        Atlas atlas = GeneratedAtlas.of(4000, 2, 60, 17);
        Random random = new Random(5);
        int returned = 0;
        for (int i = 0; i < 2000; i++) {
            double w = Math.pow(10, -3 + 3 * random.nextDouble());
            double h = Math.pow(10, -3 + 3 * random.nextDouble());
            double x = GeneratedAtlas.MIN_LON + random.nextDouble() * (GeneratedAtlas.MAX_LON - GeneratedAtlas.MIN_LON);
            double y = GeneratedAtlas.MIN_LAT + random.nextDouble() * (GeneratedAtlas.MAX_LAT - GeneratedAtlas.MIN_LAT);
            Envelope box = new Envelope(x, x + w, y, y + h);
            for (Layer layer : atlas.layers()) {
                List<String> indexed = ids(layer.select(box, List.of()));
                assertThat(indexed).containsExactlyElementsOf(bruteForce(layer, box, List.of()));
                returned += indexed.size();
            }
        }
        assertThat(returned).as("the boxes really hit features").isGreaterThan(10_000);
    }

    @Test
    void aFeatureWhoseEnvelopeTouchesTheBoxButNotItsGeometryIsNotSelected() {
        // the empty north-east corner of the L-shaped zone, and the empty side of the diagonal river
        Envelope cornerOfL = new Envelope(116.25, 116.35, 40.05, 40.15);
        assertThat(FIXTURE.layer("zones")
                        .feature("zone-l")
                        .geometry()
                        .getEnvelopeInternal()
                        .intersects(cornerOfL))
                .isTrue();
        assertThat(ids(FIXTURE.layer("zones").select(cornerOfL, List.of()))).isEmpty();
        Envelope besideDiagonal = new Envelope(116.40, 116.45, 40.60, 40.65);
        assertThat(ids(FIXTURE.layer("rivers").select(besideDiagonal, List.of())))
                .doesNotContain("river-diag");
        assertThat(ids(FIXTURE.layer("rivers").select(new Envelope(116.29, 116.31, 40.79, 40.81), List.of())))
                .containsExactly("river-diag");
    }

    @Test
    void aPolygonsHoleIsNotPartOfIt() {
        Envelope insideHole = new Envelope(116.85, 116.95, 40.45, 40.50);
        assertThat(ids(FIXTURE.layer("zones").select(insideHole, List.of()))).containsExactly("zone-1");
    }

    @Test
    void equalityComparesNumbersByValueBooleansAsWordsAndStringsExactly() {
        Layer zones = FIXTURE.layer("zones");
        assertThat(ids(zones.select(null, List.of(new PropertyEquals("level", "1")))))
                .containsExactly("zone-1");
        assertThat(ids(zones.select(null, List.of(new PropertyEquals("level", "2.0")))))
                .containsExactly("zone-2", "zone-l");
        assertThat(ids(zones.select(null, List.of(new PropertyEquals("level", "one")))))
                .isEmpty();
        assertThat(ids(zones.select(
                        null, List.of(new PropertyEquals("level", "2"), new PropertyEquals("waterSource", "测试水库")))))
                .containsExactly("zone-2");
        Layer sections = FIXTURE.layer("sections");
        assertThat(sections.select(null, List.of(new PropertyEquals("active", "true")))
                        .size())
                .isEqualTo(12);
        assertThat(sections.select(null, List.of(new PropertyEquals("active", "1")))
                        .size())
                .isZero();
        assertThat(ids(sections.select(null, List.of(new PropertyEquals("targetClass", "iii")))))
                .isEmpty();
    }

    @Test
    void listValuedPropertiesCannotBeFilteredOnButScalarOnesCan() {
        assertThat(FIXTURE.layer("rivers").filterableProperties())
                .contains("kind", "downstream", "nameZh")
                .doesNotContain("diversions");
        assertThat(FIXTURE.layer("zones").filterableProperties())
                .contains("level", "waterSource", "method", "authoritative");
    }

    @Test
    void noFilterSelectsTheWholeLayerInFileOrder() {
        Layer sections = FIXTURE.layer("sections");
        assertThat(ids(sections.select(null, List.of())))
                .containsExactlyElementsOf(
                        sections.features().stream().map(Feature::id).toList());
        assertThat(sections.select(null, List.of()).size()).isEqualTo(23);
    }
}
