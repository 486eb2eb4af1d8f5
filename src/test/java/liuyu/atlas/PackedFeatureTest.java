package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import liuyu.geo.GeoJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * Zones kept as packed arrays with their JTS geometry made on demand ({@link Feature#geometry()}), the index's piece
 * polygons made on demand, and the layer's lookup by id: each against an oracle that does not use them (geometries
 * read from WKT, brute-force scans).
 */
class PackedFeatureTest {
    private static final Provenance P = new Provenance(Method.SYNTHETIC, "test", "CC0-1.0", "none", false);
    private static final WKTReader PLAIN = new WKTReader(GeoJson.FACTORY);

    @TempDir
    Path temp;

    private static Geometry wkt(String text) throws ParseException {
        return PLAIN.read(text);
    }

    @Test
    void aPackedZoneGivesBackItsGeometryExactlyOnEveryCallOverTheSameArrays() throws ParseException {
        String[] shapes = {
            "POLYGON ((116 39, 116.1 39, 116.1 39.1, 116 39))",
            "POLYGON ((116 39, 117 39, 117 40, 116 40, 116 39), (116.2 39.2, 116.4 39.2, 116.4 39.4, 116.2 39.2),"
                    + " (116.6 39.6, 116.8 39.6, 116.8 39.8, 116.6 39.6))",
            "MULTIPOLYGON (((116 39, 116.1 39, 116.1 39.1, 116 39)), ((117 40, 117.5 40, 117.5 40.5, 117 40.5, 117 40),"
                    + " (117.1 40.1, 117.2 40.1, 117.2 40.2, 117.1 40.1)))",
        };
        for (String shape : shapes) {
            Geometry oracle = wkt(shape);
            Feature f = new Feature("l", "z", PackedGeometry.pack(oracle), Map.of(), P);
            assertThat(f.packed()).as("kept as arrays: %s", shape).isNotNull();
            Geometry a = f.geometry();
            Geometry b = f.geometry();
            assertThat(a.equalsExact(oracle)).as("%s gives %s", shape, a).isTrue();
            assertThat(a.getGeometryType()).isEqualTo(oracle.getGeometryType());
            assertThat(a.getSRID()).isEqualTo(oracle.getSRID());
            assertThat(a.getEnvelopeInternal()).isEqualTo(oracle.getEnvelopeInternal());
            assertThat(a).as("a new geometry per call").isNotSameAs(b);
            Polygon firstA = (Polygon) a.getGeometryN(0);
            Polygon firstB = (Polygon) b.getGeometryN(0);
            assertThat(PackedGeometry.raw(firstA.getExteriorRing()))
                    .as("both over the feature's one array, no copy")
                    .isSameAs(PackedGeometry.raw(firstB.getExteriorRing()))
                    .isNotNull();
            assertThat(f).isEqualTo(new Feature("l", "z", oracle, Map.of(), P));
            assertThat(f.hashCode()).isEqualTo(new Feature("l", "z", oracle, Map.of(), P).hashCode());
        }
    }

    @Test
    void geometriesTheArraysWouldNotGiveBackEqualAreKeptAsTheyAre() throws ParseException {
        Geometry plain = wkt("POLYGON ((116 39, 116.1 39, 116.1 39.1, 116 39))"); // Coordinate arrays, not packed
        Geometry line = PackedGeometry.FACTORY.createLineString(
                new org.locationtech.jts.geom.impl.PackedCoordinateSequence.Double(
                        new double[] {116, 39, 116.1, 39}, 2, 0));
        Geometry withUserData = PackedGeometry.pack(wkt("POLYGON ((116 39, 116.1 39, 116.1 39.1, 116 39))"));
        withUserData.setUserData("kept");
        Geometry otherSrid = PackedGeometry.pack(wkt("POLYGON ((116 39, 116.1 39, 116.1 39.1, 116 39))"));
        otherSrid.setSRID(3857);
        Geometry empty = PackedGeometry.FACTORY.createPolygon();
        for (Geometry g : new Geometry[] {plain, line, withUserData, otherSrid, empty}) {
            Feature f = new Feature("l", "x", g, Map.of(), P);
            assertThat(f.packed()).as("%s", g).isNull();
            assertThat(f.geometry()).isSameAs(g);
        }
        assertThat(new Feature("l", "x", null, Map.of(), P).geometry()).isNull();
    }

    /** Zones with up to 300 vertices (many cut into pieces), loaded from files so they are packed. */
    private Atlas loadedZones() throws IOException {
        Path dir = temp.resolve("atlas");
        GeneratedAtlas.write(GeneratedAtlas.of(600, 3, 300, 31), dir);
        return new AtlasLoader().load(dir);
    }

    @Test
    void zonesAProjectIntersectsThroughPiecePolygonsMadeOnDemandEqualABruteForceScan() throws IOException {
        Atlas atlas = loadedZones();
        assertThat(atlas.zones().pieceCount())
                .as("large zones are cut: pieces of their own, not the zone's polygons")
                .isGreaterThan(atlas.zones().zoneCount());
        List<Feature> all = new ArrayList<>();
        atlas.layers().forEach(l -> all.addAll(l.features()));
        assertThat(all).allMatch(f -> f.packed() != null, "every zone kept as arrays");
        Random random = new Random(3);
        int hits = 0;
        for (int i = 0; i < 300; i++) {
            double x = GeneratedAtlas.MIN_LON + random.nextDouble() * (GeneratedAtlas.MAX_LON - GeneratedAtlas.MIN_LON);
            double y = GeneratedAtlas.MIN_LAT + random.nextDouble() * (GeneratedAtlas.MAX_LAT - GeneratedAtlas.MIN_LAT);
            double w = Math.pow(10, -3 + 2.5 * random.nextDouble());
            // a triangle (a project's shape) and a line across it
            Geometry project = i % 2 == 0
                    ? GeoJson.FACTORY.createPolygon(new org.locationtech.jts.geom.Coordinate[] {
                        new org.locationtech.jts.geom.Coordinate(x, y),
                        new org.locationtech.jts.geom.Coordinate(x + w, y),
                        new org.locationtech.jts.geom.Coordinate(x, y + w),
                        new org.locationtech.jts.geom.Coordinate(x, y)
                    })
                    : GeoJson.FACTORY.createLineString(new org.locationtech.jts.geom.Coordinate[] {
                        new org.locationtech.jts.geom.Coordinate(x, y),
                        new org.locationtech.jts.geom.Coordinate(x + w, y + w)
                    });
            List<String> expected = new ArrayList<>();
            for (Feature f : all) {
                if (project.intersects(f.geometry())) {
                    expected.add(f.layer() + "/" + f.id());
                }
            }
            List<String> indexed = new ArrayList<>();
            atlas.zones().intersecting(project).forEach(f -> indexed.add(f.layer() + "/" + f.id()));
            assertThat(indexed).containsExactlyInAnyOrderElementsOf(expected);
            hits += indexed.size();
        }
        assertThat(hits).as("the shapes really meet zones").isGreaterThan(100);
    }

    @Test
    void aLayerFindsEveryFeatureByIdAsALinearScanDoesRepeatedIdsTheLaterOne() {
        Random random = new Random(9);
        List<Feature> features = new ArrayList<>();
        Geometry point = GeoJson.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(116, 40));
        for (int i = 0; i < 5000; i++) {
            // short ids with many shared prefixes and some repeated
            String id = random.nextInt(10) == 0 ? "dup-" + random.nextInt(50) : "f" + i + "-" + random.nextInt(7);
            features.add(new Feature("l", id, point, Map.of("n", i), P));
        }
        LayerInfo info = new LayerInfo("l", "L", "", "", GeometryKind.POINT, P, "v", null, null, "test", null);
        Layer layer = new Layer(info, features);
        Map<String, Feature> last = new HashMap<>();
        for (Feature f : features) {
            last.put(f.id(), f); // the oracle: a linear pass, later ids win
        }
        for (Map.Entry<String, Feature> e : last.entrySet()) {
            assertThat(layer.feature(e.getKey())).isSameAs(e.getValue());
        }
        for (String missing : new String[] {"", "f", "dup-50", "f1-9", "F0-0"}) {
            assertThat(layer.feature(missing)).isNull();
        }
        assertThat(layer.feature(null)).isNull();
        List<String> asked = List.of(
                "dup-3", "nope", features.get(4000).id(), features.get(10).id());
        List<String> selected = new ArrayList<>();
        Selection s = layer.select(asked, null, null);
        for (int i = 0; i < s.size(); i++) {
            selected.add(s.get(i).id());
        }
        List<Integer> positions = new ArrayList<>();
        for (String id : asked) {
            if (last.containsKey(id)) {
                positions.add(features.indexOf(last.get(id)));
            }
        }
        positions.sort(null);
        List<String> expected = new ArrayList<>();
        positions.stream().distinct().forEach(p -> expected.add(features.get(p).id()));
        assertThat(selected).containsExactlyElementsOf(expected);
        assertThat(new Layer(info, List.of()).feature("x")).isNull();
        assertThat(layer.select(List.of(), List.of(new Envelope(0, 1, 0, 1)), null)
                        .size())
                .isZero();
    }
}
