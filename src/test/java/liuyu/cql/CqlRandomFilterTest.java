package liuyu.cql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import liuyu.atlas.Feature;
import liuyu.atlas.GeneratedAtlas;
import liuyu.atlas.GeometryKind;
import liuyu.atlas.Layer;
import liuyu.atlas.LayerInfo;
import liuyu.atlas.Method;
import liuyu.atlas.PostgisImporter;
import liuyu.atlas.Provenance;
import liuyu.atlas.Selection;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Random filters over random features (missing and null values, mixed types, Chinese text, LIKE
 * wildcards in the data, polygons of every size): the indexed in-memory selection equals a scan of
 * every feature, and both equal PostGIS running the SQL the filter becomes.
 */
@Tag("integration")
class CqlRandomFilterTest {
    private static final Provenance SYNTHETIC =
            new Provenance(Method.SYNTHETIC, "CqlRandomFilterTest", "CC0-1.0", "not a place", false);
    private static final String[] STRINGS = {"河", "湖", "Lake", "lake", "a_b", "a%b", "", "水库", "L形", "Ω"};
    private static final String[] PROVENANCE_STRINGS = {"synthetic", "CqlRandomFilterTest", "CC0-1.0", "surveyed"};
    private static final String[] PATTERNS = {"%河", "L%", "Cql%", "%ic", "a\\_b", "_", "%", "%a%", "水%", "a\\%b", "__"};

    @Test
    void randomFiltersSelectTheSameFeaturesIndexedScannedAndInPostgis() {
        Random random = new Random(2065);
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Map<String, Object> p = new HashMap<>();
            int a = random.nextInt(8);
            if (a < 6) {
                p.put("a", a);
            } else if (a == 6) {
                p.put("a", null);
            }
            p.put("b", STRINGS[random.nextInt(STRINGS.length)]);
            p.put("c", random.nextBoolean());
            p.put("d", BigDecimal.valueOf(random.nextInt(1000), 2).doubleValue());
            if (random.nextInt(10) == 0) {
                p.put("e", random.nextBoolean() ? "3" : 3); // one property, two types
            }
            p.put("method", "synthetic");
            p.put("source", SYNTHETIC.source());
            p.put("licence", SYNTHETIC.licence());
            p.put("accuracy", SYNTHETIC.accuracy());
            p.put("authoritative", false);
            double cx =
                    GeneratedAtlas.MIN_LON + random.nextDouble() * (GeneratedAtlas.MAX_LON - GeneratedAtlas.MIN_LON);
            double cy =
                    GeneratedAtlas.MIN_LAT + random.nextDouble() * (GeneratedAtlas.MAX_LAT - GeneratedAtlas.MIN_LAT);
            Geometry g = GeneratedAtlas.star(
                    cx, cy, Math.pow(10, -3 + 2.5 * random.nextDouble()), 3 + random.nextInt(12), random);
            features.add(new Feature("random", "r" + i, g, p, SYNTHETIC));
        }
        Layer layer = new Layer(
                new LayerInfo("random", "Random", "随机", "", GeometryKind.POLYGON, SYNTHETIC, "1", null, null, "test"),
                features);
        PostgisCluster cluster = PostgisCluster.shared();
        DataSource db = new SingleConnectionDataSource(cluster.newDatabase(), cluster.user(), "", true);
        Migrations.postgis(db).migrate();
        new PostgisImporter(db).importLayers(List.of(layer), true, i -> {});
        PostgisFilter postgis = new PostgisFilter(db);

        int selected = 0;
        int nonEmpty = 0;
        for (int k = 0; k < 600; k++) {
            Cql cql = expression(random, 3);
            FeatureFilter filter = FeatureFilter.of(cql, layer.filterableProperties());
            Selection s = layer.select(filter.footprint() == null ? null : List.of(filter.footprint()), filter);
            List<String> indexed = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                indexed.add(s.get(i).id());
            }
            List<String> scanned =
                    features.stream().filter(filter).map(Feature::id).toList();
            assertThat(indexed).as("indexed vs scan: " + cql).containsExactlyElementsOf(scanned);
            assertThat(postgis.ids(layer, cql)).as("PostGIS: " + cql).containsExactlyElementsOf(scanned);
            selected += scanned.size();
            nonEmpty += scanned.isEmpty() || scanned.size() == features.size() ? 0 : 1;
        }
        assertThat(nonEmpty).as("filters that select some but not all").isGreaterThan(100);
        assertThat(selected).isGreaterThan(10_000);
    }

    private static Cql expression(Random r, int depth) {
        int kind = r.nextInt(depth == 0 ? 1 : 4);
        return switch (kind) {
            case 0 -> leaf(r);
            case 1 -> new Cql.And(List.of(expression(r, depth - 1), expression(r, depth - 1)));
            case 2 -> new Cql.Or(List.of(expression(r, depth - 1), expression(r, depth - 1), expression(r, depth - 1)));
            default -> new Cql.Not(expression(r, depth - 1));
        };
    }

    private static Cql.Operand literal(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> new Cql.Literal(BigDecimal.valueOf(r.nextInt(7)));
            case 1 -> new Cql.Literal(BigDecimal.valueOf(r.nextInt(1000), 2));
            case 2 ->
                new Cql.Literal(
                        r.nextInt(4) == 0
                                ? PROVENANCE_STRINGS[r.nextInt(PROVENANCE_STRINGS.length)]
                                : STRINGS[r.nextInt(STRINGS.length)]);
            default -> new Cql.Literal(r.nextBoolean());
        };
    }

    private static Cql.Property property(Random r) {
        // the provenance ones are typed columns in PostGIS, the others jsonb keys
        String[] names = {"a", "b", "c", "d", "e", "method", "source", "authoritative"};
        return new Cql.Property(names[r.nextInt(names.length)]);
    }

    private static Cql leaf(Random r) {
        List<String> ops = Cql.COMPARISONS;
        return switch (r.nextInt(11)) {
            case 0 -> new Cql.Compare(ops.get(r.nextInt(ops.size())), property(r), literal(r));
            case 8 -> new Cql.Compare(ops.get(r.nextInt(ops.size())), literal(r), property(r));
            case 9 -> new Cql.Compare(ops.get(r.nextInt(ops.size())), literal(r), literal(r));
            case 10 -> {
                // a list of one type: PostGIS gets one type test and an SQL IN
                Cql.Literal first = (Cql.Literal) literal(r);
                List<Cql.Operand> list = new ArrayList<>(List.of(first));
                while (list.size() < 3) {
                    Cql.Literal next = (Cql.Literal) literal(r);
                    if (next.value().getClass() == first.value().getClass()) {
                        list.add(next);
                    }
                }
                yield new Cql.In(property(r), list);
            }
            case 1 -> new Cql.Compare(ops.get(r.nextInt(ops.size())), property(r), property(r));
            case 2 ->
                new Cql.Like(
                        r.nextBoolean() ? new Cql.Property("b") : property(r), PATTERNS[r.nextInt(PATTERNS.length)]);
            case 3 ->
                r.nextBoolean()
                        ? new Cql.Between(
                                r.nextBoolean() ? new Cql.Property("d") : property(r),
                                new Cql.Literal(BigDecimal.valueOf(r.nextInt(500), 2)),
                                new Cql.Literal(BigDecimal.valueOf(r.nextInt(1000), 2)))
                        : new Cql.Between(
                                r.nextBoolean() ? new Cql.Property("d") : property(r), literal(r), literal(r));
            case 4 -> new Cql.In(property(r), List.of(literal(r), literal(r), literal(r)));
            case 5 -> new Cql.IsNull(r.nextInt(5) == 0 ? new Cql.Property("geometry") : property(r));
            default -> spatial(r);
        };
    }

    private static Cql spatial(Random r) {
        double w = Math.pow(10, -2.5 + 2 * r.nextDouble());
        double x = GeneratedAtlas.MIN_LON + r.nextDouble() * (GeneratedAtlas.MAX_LON - GeneratedAtlas.MIN_LON);
        double y = GeneratedAtlas.MIN_LAT + r.nextDouble() * (GeneratedAtlas.MAX_LAT - GeneratedAtlas.MIN_LAT);
        Geometry literal = r.nextBoolean()
                ? Literals.FACTORY.toGeometry(new Envelope(x, x + w, y, y + w))
                : r.nextBoolean()
                        ? GeneratedAtlas.star(x, y, w, 5 + r.nextInt(8), r)
                        : Literals.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(x, y));
        String op = Cql.SPATIAL.get(r.nextInt(Cql.SPATIAL.size()));
        Cql.Operand g = new Cql.Property("geometry");
        Cql.Operand l = new Cql.GeometryLiteral(literal);
        return r.nextBoolean() ? new Cql.Spatial(op, g, l) : new Cql.Spatial(op, l, g);
    }
}
