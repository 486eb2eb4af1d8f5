package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import liuyu.geo.GeoJson;
import liuyu.geo.MetricProjection;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

class ZoneIndexTest {

    @Test
    void indexedAnswerEqualsBruteForceOnAGeneratedAtlas() {
        Atlas atlas = GeneratedAtlas.of(1500, 6, 400, 7);
        assertThat(atlas.zones().pieceCount()).as("large polygons were subdivided").isGreaterThan(atlas.zones().zoneCount());
        int nonEmpty = 0;
        for (double[] p : GeneratedAtlas.points(3_000, 11)) {
            List<Feature> indexed = atlas.zones().containing(p[0], p[1]);
            assertThat(indexed).containsExactlyInAnyOrderElementsOf(atlas.zones().containingByScan(p[0], p[1]));
            nonEmpty += indexed.isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).as("the test exercises real hits").isGreaterThan(300);
    }

    @Test
    void theTiledGeneratorTilesTheBoxSoEveryPointLiesInOneCellPerLayer() {
        Atlas atlas = GeneratedAtlas.tiled(400, 2, 6, 3);
        for (Layer layer : atlas.layers()) {
            assertThat(layer.features()).allSatisfy(f -> assertThat(f.geometry().isValid()).isTrue());
            double area = layer.features().stream().mapToDouble(f -> f.geometry().getArea()).sum();
            double box = (GeneratedAtlas.MAX_LON - GeneratedAtlas.MIN_LON) * (GeneratedAtlas.MAX_LAT - GeneratedAtlas.MIN_LAT);
            assertThat(area).isCloseTo(box, org.assertj.core.data.Percentage.withPercentage(1e-6));
        }
        for (double[] p : GeneratedAtlas.points(3000, 5)) {
            assertThat(atlas.zones().containing(p[0], p[1])).hasSize(2).containsExactlyElementsOf(atlas.zones().containingByScan(p[0], p[1]));
        }
    }

    @Test
    void subdividedPiecesCoverExactlyTheOriginalPolygon() {
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            Geometry polygon = GeneratedAtlas.star(116.5, 40.2, 0.3, 600 + random.nextInt(2000), random);
            List<org.locationtech.jts.geom.Polygon> pieces = ZoneIndex.subdivide(polygon);
            assertThat(pieces.size()).isGreaterThan(1);
            assertThat(pieces).allSatisfy(p -> assertThat(p.getNumPoints()).isLessThanOrEqualTo(ZoneIndex.MAX_PIECE_VERTICES + 8));
            double area = pieces.stream().mapToDouble(Geometry::getArea).sum();
            assertThat(area).isCloseTo(polygon.getArea(), org.assertj.core.data.Percentage.withPercentage(1e-6));
        }
    }

    @Test
    void distanceToBoundaryIsMeasuredInMetresOnTheProjectedOutline() {
        Atlas atlas = GeneratedAtlas.of(200, 2, 40, 5);
        for (double[] p : GeneratedAtlas.points(2000, 13)) {
            Location location = atlas.locate(p[0], p[1]);
            Coordinate m = MetricProjection.toMetric(p[0], p[1]);
            Point metricPoint = GeoJson.FACTORY.createPoint(m);
            for (Location.Hit hit : location.within()) {
                double expected = MetricProjection.toMetric(hit.feature().geometry()).getBoundary().distance(metricPoint);
                assertThat(hit.distanceM()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
            }
            for (Location.Hit hit : location.nearby()) {
                // outside in lon/lat: the distance to the outline (a point can sit within a metre of an
                // edge that is straight in degrees but slightly curved in metres)
                double expected = MetricProjection.toMetric(hit.feature().geometry()).getBoundary().distance(metricPoint);
                assertThat(hit.distanceM()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6)).isLessThanOrEqualTo(ZoneIndex.NEARBY_METRES);
                assertThat(location.within()).noneMatch(w -> w.feature() == hit.feature());
            }
        }
    }

    @Test
    void nearbyIsTheClosestNonContainingZoneOfEachLayerWithinFiveKilometres() {
        Atlas atlas = GeneratedAtlas.of(400, 3, 30, 21);
        java.util.Map<Feature, Geometry> metric = new java.util.IdentityHashMap<>();
        atlas.layers().forEach(l -> l.features().forEach(f -> metric.put(f, MetricProjection.toMetric(f.geometry()).getBoundary())));
        for (double[] p : GeneratedAtlas.points(500, 17)) {
            Location location = atlas.locate(p[0], p[1]);
            Point metricPoint = GeoJson.FACTORY.createPoint(MetricProjection.toMetric(p[0], p[1]));
            for (Layer layer : atlas.layers()) {
                List<Feature> inside = atlas.zones().containingByScan(p[0], p[1]);
                double best = Double.POSITIVE_INFINITY;
                for (Feature f : layer.features()) {
                    if (!inside.contains(f)) {
                        best = Math.min(best, metric.get(f).distance(metricPoint));
                    }
                }
                var reported = location.nearby().stream().filter(h -> h.feature().layer().equals(layer.id())).toList();
                if (best <= ZoneIndex.NEARBY_METRES) {
                    assertThat(reported).hasSize(1);
                    assertThat(reported.get(0).distanceM()).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-6));
                } else {
                    assertThat(reported).isEmpty();
                }
            }
        }
    }
}
