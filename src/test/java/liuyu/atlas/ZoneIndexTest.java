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
    void theTiledGeneratorTilesTheBoxSoEveryPointLiesInOneCellPerLayer() {
        Atlas atlas = GeneratedAtlas.tiled(400, 2, 6, 3);
        for (Layer layer : atlas.layers()) {
            assertThat(layer.features())
                    .allSatisfy(f -> assertThat(f.geometry().isValid()).isTrue());
            double area = layer.features().stream()
                    .mapToDouble(f -> f.geometry().getArea())
                    .sum();
            double box = (GeneratedAtlas.MAX_LON - GeneratedAtlas.MIN_LON)
                    * (GeneratedAtlas.MAX_LAT - GeneratedAtlas.MIN_LAT);
            assertThat(area).isCloseTo(box, org.assertj.core.data.Percentage.withPercentage(1e-6));
        }
        for (double[] p : GeneratedAtlas.points(3000, 5)) {
            assertThat(atlas.zones().containing(p[0], p[1]))
                    .hasSize(2)
                    .containsExactlyElementsOf(atlas.zones().containingByScan(p[0], p[1]));
        }
    }

    @Test
    void subdividedPiecesCoverExactlyTheOriginalPolygon() {
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            Geometry polygon = GeneratedAtlas.star(116.5, 40.2, 0.3, 600 + random.nextInt(2000), random);
            List<org.locationtech.jts.geom.Polygon> pieces = ZoneIndex.subdivide(polygon);
            assertThat(pieces.size()).isGreaterThan(1);
            assertThat(pieces)
                    .allSatisfy(
                            p -> assertThat(p.getNumPoints()).isLessThanOrEqualTo(ZoneIndex.MAX_PIECE_VERTICES + 8));
            double area = pieces.stream().mapToDouble(Geometry::getArea).sum();
            assertThat(area).isCloseTo(polygon.getArea(), org.assertj.core.data.Percentage.withPercentage(1e-6));
        }
    }

    /**
     * The snapshot writer takes a zone's pieces from the index rather than cutting the zone again: they must be the
     * zone's cut, piece for piece, found by the zone's place among every layer's pieces; a zone small enough keeps its
     * own ring arrays (the file then marks it "own polygons" rather than copying its rings).
     */
    @Test
    void theDerivedPiecesOfEveryZoneAreItsCutAsTheIndexKeepsThem() {
        Atlas generated = GeneratedAtlas.of(120, 3, 400, 9); // stars of up to 400 vertices: most are cut
        Atlas demo = new AtlasLoader().load(java.nio.file.Path.of("gis")); // packed, real shapes
        int cut = 0;
        int shared = 0;
        for (Atlas atlas : List.of(generated, demo)) {
            for (Layer layer : atlas.layers()) {
                if (layer.info().geometry() != GeometryKind.POLYGON) {
                    continue;
                }
                for (Feature f : layer.features()) {
                    List<org.locationtech.jts.geom.Polygon> expected = ZoneIndex.subdivide(f.geometry());
                    List<org.locationtech.jts.geom.Polygon> pieces =
                            atlas.zones().derived(f).pieces();
                    assertThat(pieces).as("pieces of %s/%s", f.layer(), f.id()).hasSameSizeAs(expected);
                    for (int k = 0; k < pieces.size(); k++) {
                        assertThat(pieces.get(k).equalsExact(expected.get(k)))
                                .as("piece %d of %s/%s", k, f.layer(), f.id())
                                .isTrue();
                    }
                    cut += pieces.size() > f.geometry().getNumGeometries() ? 1 : 0;
                    double[] own = PackedGeometry.raw(
                            ((org.locationtech.jts.geom.Polygon) f.geometry().getGeometryN(0)).getExteriorRing());
                    if (own != null && pieces.size() == f.geometry().getNumGeometries()) {
                        assertThat(PackedGeometry.raw(pieces.get(0).getExteriorRing()))
                                .isSameAs(own);
                        shared++;
                    }
                }
            }
        }
        assertThat(cut).as("zones cut into pieces").isGreaterThan(50);
        assertThat(shared).as("packed zones sharing their arrays").isGreaterThan(0);
    }

    @Test
    void distanceToBoundaryIsMeasuredInMetresOnTheProjectedOutline() {
        Atlas atlas = GeneratedAtlas.of(200, 2, 40, 5);
        for (double[] p : GeneratedAtlas.points(2000, 13)) {
            Location location = atlas.locate(p[0], p[1]);
            Coordinate m = MetricProjection.toMetric(p[0], p[1]);
            Point metricPoint = GeoJson.FACTORY.createPoint(m);
            for (Location.Hit hit : location.within()) {
                double expected = MetricProjection.toMetric(hit.feature().geometry())
                        .getBoundary()
                        .distance(metricPoint);
                assertThat(hit.distanceM()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
            }
            for (Location.Hit hit : location.nearby()) {
                // outside in lon/lat: the distance to the outline (a point can sit within a metre of an
                // edge that is straight in degrees but slightly curved in metres)
                double expected = MetricProjection.toMetric(hit.feature().geometry())
                        .getBoundary()
                        .distance(metricPoint);
                assertThat(hit.distanceM())
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6))
                        .isLessThanOrEqualTo(ZoneIndex.NEARBY_METRES);
                assertThat(location.within()).noneMatch(w -> w.feature() == hit.feature());
            }
        }
    }

    @Test
    void nearbyIsTheClosestNonContainingZoneOfEachLayerWithinFiveKilometres() {
        Atlas atlas = GeneratedAtlas.of(400, 3, 30, 21);
        java.util.Map<Feature, Geometry> metric = new java.util.IdentityHashMap<>();
        atlas.layers()
                .forEach(l -> l.features()
                        .forEach(f -> metric.put(
                                f, MetricProjection.toMetric(f.geometry()).getBoundary())));
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
                var reported = location.nearby().stream()
                        .filter(h -> h.feature().layer().equals(layer.id()))
                        .toList();
                if (best <= ZoneIndex.NEARBY_METRES) {
                    assertThat(reported).hasSize(1);
                    assertThat(reported.get(0).distanceM()).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-6));
                } else {
                    assertThat(reported).isEmpty();
                }
            }
        }
    }

    @Test
    void theBestFirstNearbySearchAnswersExactlyAsTheBruteForceScanIncludingTies() {
        // a tiling: neighbours share edges and corners, the points include corners and points just beside them
        Atlas atlas = GeneratedAtlas.tiled(900, 2, 3, 8);
        java.util.Map<Feature, Geometry> outline = new java.util.IdentityHashMap<>();
        atlas.layers()
                .forEach(l -> l.features()
                        .forEach(f -> outline.put(
                                f, MetricProjection.toMetric(f.geometry()).getBoundary())));
        List<double[]> points = new java.util.ArrayList<>(java.util.Arrays.asList(GeneratedAtlas.points(400, 29)));
        for (Feature f : atlas.layer("tiled-0").features().subList(0, 40)) {
            Coordinate corner = f.geometry().getCoordinates()[0];
            points.add(new double[] {corner.x, corner.y}); // on a corner shared by up to four cells
            points.add(new double[] {corner.x + 1e-5, corner.y + 2e-5});
        }
        for (double[] p : points) {
            Location location = atlas.locate(p[0], p[1]);
            Point metricPoint = GeoJson.FACTORY.createPoint(MetricProjection.toMetric(p[0], p[1]));
            List<Feature> inside = atlas.zones().containingByScan(p[0], p[1]);
            for (Location.Hit hit : location.within()) {
                assertThat(hit.distanceM()).isEqualTo(outline.get(hit.feature()).distance(metricPoint));
            }
            for (Layer layer : atlas.layers()) {
                Feature expected = null;
                double best = Double.POSITIVE_INFINITY;
                for (Feature f : layer.features()) {
                    double d = outline.get(f).distance(metricPoint);
                    if (inside.contains(f)) {
                        continue;
                    }
                    if (d < best) {
                        best = d;
                        expected = f;
                    }
                }
                var reported = location.nearby().stream()
                        .filter(h -> h.feature().layer().equals(layer.id()))
                        .toList();
                if (best <= ZoneIndex.NEARBY_METRES) {
                    assertThat(reported).singleElement().satisfies(h -> {
                        assertThat(h.distanceM())
                                .isEqualTo(outline.get(h.feature()).distance(metricPoint));
                    });
                    assertThat(reported.get(0).feature()).isSameAs(expected);
                    assertThat(reported.get(0).distanceM()).isEqualTo(best);
                } else {
                    assertThat(reported).isEmpty();
                }
            }
        }
    }

    @Test
    void atEqualDistanceTheEarlierZoneOfTheLayerIsTheNearbyOne() {
        // forty copies of one square: every copy is at the same distance, and the first in the layer must be named
        Provenance synthetic = new Provenance(Method.SYNTHETIC, "test", "CC0-1.0", "none", false);
        Geometry square =
                GeoJson.FACTORY.toGeometry(new org.locationtech.jts.geom.Envelope(116.30, 116.31, 40.00, 40.01));
        List<Feature> copies = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            copies.add(
                    new Feature("zones", "copy-" + (97 * i % 40), square, java.util.Map.of("nameZh", "副本"), synthetic));
        }
        LayerInfo info =
                new LayerInfo("zones", "Zones", "区", "", GeometryKind.POLYGON, synthetic, "1", null, null, "test");
        Atlas atlas = new Atlas("t", "t", "1", List.of(new Layer(info, copies)));
        Location location = atlas.locate(116.33, 40.005);
        assertThat(location.nearby())
                .singleElement()
                .satisfies(h -> assertThat(h.feature()).isSameAs(copies.get(0)));
    }

    @Test
    void thePackedOutlineDistanceIsJtsBoundaryDistanceToTheLastBit() {
        Random random = new Random(5);
        for (int i = 0; i < 30; i++) {
            Geometry polygon =
                    MetricProjection.toMetric(GeneratedAtlas.star(116.5, 40.2, 0.05, 3 + random.nextInt(300), random));
            if (i % 3 == 0) { // with a hole, as a multipolygon of two parts
                Geometry hole = MetricProjection.toMetric(GeneratedAtlas.star(116.5, 40.2, 0.005, 12, random));
                Geometry far = MetricProjection.toMetric(GeneratedAtlas.star(116.9, 40.2, 0.02, 50, random));
                polygon = polygon.difference(hole).union(far);
            }
            Outline outline = new Outline(polygon);
            Geometry boundary = polygon.getBoundary();
            Coordinate c = polygon.getCentroid().getCoordinate();
            for (int k = 0; k < 200; k++) {
                double x = c.x + (random.nextDouble() - 0.5) * 20_000;
                double y = c.y + (random.nextDouble() - 0.5) * 20_000;
                assertThat(outline.distance(x, y))
                        .isEqualTo(boundary.distance(GeoJson.FACTORY.createPoint(new Coordinate(x, y))));
            }
        }
    }

    @Test
    void theOutlineDistanceIsJtsBoundaryDistanceToTheLastBitOnAndBesideTheBoundary() {
        // the outline skips segments whose box is farther than the best so far: points on vertices, on segments and a
        // hair beside them (micrometres to millimetres), where a skip with too little slack would change the answer
        Random random = new Random(11);
        double[] offsets = {0, 1e-9, 1e-7, 1e-6, 2e-6, 1e-4, 1e-2, 1};
        for (int i = 0; i < 12; i++) {
            Geometry polygon =
                    MetricProjection.toMetric(GeneratedAtlas.star(116.5, 40.2, 0.05, 3 + random.nextInt(300), random));
            Outline outline = new Outline(polygon);
            Geometry boundary = polygon.getBoundary();
            Coordinate[] ring = boundary.getCoordinates();
            for (int v = 0; v + 1 < ring.length; v += 1 + random.nextInt(4)) {
                Coordinate a = ring[v];
                Coordinate b = ring[v + 1];
                double t = random.nextDouble();
                for (double offset : offsets) {
                    double angle = random.nextDouble() * 2 * Math.PI;
                    double[][] points = {
                        {a.x + offset * Math.cos(angle), a.y + offset * Math.sin(angle)},
                        {
                            a.x + t * (b.x - a.x) + offset * Math.cos(angle),
                            a.y + t * (b.y - a.y) + offset * Math.sin(angle)
                        }
                    };
                    for (double[] p : points) {
                        assertThat(outline.distance(p[0], p[1]))
                                .isEqualTo(boundary.distance(GeoJson.FACTORY.createPoint(new Coordinate(p[0], p[1]))));
                    }
                }
            }
        }
    }

    @Test
    void anOutlineProjectedFromThePackedArraysIsTheOutlineOfTheProjectedGeometryToTheLastBit() {
        Random random = new Random(8);
        for (int i = 0; i < 20; i++) {
            Geometry lonLat =
                    PackedGeometry.pack(GeneratedAtlas.star(116.5, 40.2, 0.05, 3 + random.nextInt(300), random));
            Outline direct = Outline.ofLonLat(lonLat);
            Outline viaJts = new Outline(MetricProjection.toMetric(lonLat));
            assertThat(direct.xy()).isEqualTo(viaJts.xy());
            assertThat(direct.ringEnds()).isEqualTo(viaJts.ringEnds());
            assertThat(direct.envelope())
                    .isEqualTo(MetricProjection.toMetric(lonLat).getEnvelopeInternal());
        }
    }
}
