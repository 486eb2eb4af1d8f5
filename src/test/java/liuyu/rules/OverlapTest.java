package liuyu.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import liuyu.atlas.Feature;
import liuyu.atlas.GeneratedAtlas;
import liuyu.geo.MetricProjection;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/** Overlap figures in a report against an independent computation: the JTS intersection in UTM 50N. */
class OverlapTest {

    @Test
    void overlapAreasAndPercentagesMatchTheProjectedIntersectionOnRandomPolygons() {
        Random random = new Random(8);
        int compared = 0;
        for (int i = 0; i < 200; i++) {
            Polygon project = GeneratedAtlas.star(
                    116.80 + random.nextDouble() * 0.3,
                    40.35 + random.nextDouble() * 0.3,
                    0.005 + random.nextDouble() * 0.05,
                    5 + random.nextInt(60),
                    random);
            CheckReport r = RuleCatalogueTest.CHECKER.check(
                    RuleCatalogueTest.ATLAS,
                    RuleCatalogueTest.RIVER,
                    new Project("p" + i, project, "construction-residential", Map.of()),
                    RuleCatalogueTest.OPTIONS);
            Geometry metricProject = MetricProjection.toMetric(project);
            for (CheckReport.Hit h : r.hits()) {
                if (h.layer() == null) {
                    continue;
                }
                Feature zone = RuleCatalogueTest.ATLAS.layer(h.layer()).feature(h.zone());
                double expected = metricProject
                        .intersection(MetricProjection.toMetric(zone.geometry()))
                        .getArea();
                assertThat(h.overlapM2()).isCloseTo(expected, within(0.01 + expected * 1e-9));
                assertThat(h.overlapPercent()).isCloseTo(100 * expected / metricProject.getArea(), within(0.01));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void linesReportTheirLengthInsideTheZone() {
        LineString road = liuyu.geo.GeoJson.FACTORY.createLineString(new org.locationtech.jts.geom.Coordinate[] {
            new org.locationtech.jts.geom.Coordinate(116.80, 40.52),
            new org.locationtech.jts.geom.Coordinate(117.10, 40.52)
        });
        CheckReport r = RuleCatalogueTest.CHECKER.check(
                RuleCatalogueTest.ATLAS,
                RuleCatalogueTest.RIVER,
                new Project("road", road, "road-or-bridge", Map.of()),
                RuleCatalogueTest.OPTIONS);
        CheckReport.Hit hit = r.hits().stream()
                .filter(h ->
                        h.rule().equals("source-zone-road-safety") && h.zone().equals("miyun-level-1"))
                .findFirst()
                .orElseThrow();
        Feature zone = RuleCatalogueTest.ATLAS.layer("protection-zones").feature("miyun-level-1");
        double expected = MetricProjection.toMetric(road)
                .intersection(MetricProjection.toMetric(zone.geometry()))
                .getLength();
        assertThat(hit.overlapLengthM()).isCloseTo(expected, within(0.01)).isPositive();
        assertThat(hit.overlapM2()).isNull();
    }
}
