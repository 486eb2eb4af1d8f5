package liuyu.bench.ogc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liuyu.atlas.Atlas;
import liuyu.atlas.Feature;
import liuyu.atlas.GeneratedAtlas;
import liuyu.atlas.Layer;
import liuyu.atlas.PostgisImporter;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The 100,000-polygon atlas (GeneratedAtlas.tiled, plus {@code rank} 0–99, {@code kind}: one of five
 * words, and {@code score}: a decimal 0–999.9) in memory
 * and in PostGIS, made once per JVM: generating and importing it takes minutes, so the filter and
 * tile benchmarks share it when run in one JVM ({@code -f 0}).
 */
final class HundredThousand {
    static final String[] KINDS = {"lake", "canal", "river", "pond", "reservoir"};
    private static HundredThousand shared;

    final Atlas atlas;
    final Layer layer;
    final DataSource db;

    private HundredThousand() {
        Layer generated = GeneratedAtlas.tiled(100_000, 1, 9, 7).layers().iterator().next();
        List<Feature> ranked = new ArrayList<>();
        int i = 0;
        for (Feature f : generated.features()) {
            Map<String, Object> p = new HashMap<>(f.properties());
            p.put("rank", i % 100);
            p.put("kind", KINDS[i % KINDS.length]);
            p.put("score", new java.math.BigDecimal((i * 37L) % 10_000).movePointLeft(1));
            i++;
            ranked.add(new Feature(f.layer(), f.id(), f.geometry(), p, f.provenance()));
        }
        layer = new Layer(generated.info(), ranked);
        atlas = new Atlas("bench", "100,000 polygons", "1", List.of(layer));
        PostgisCluster cluster = PostgisCluster.shared();
        db = new SingleConnectionDataSource(cluster.newDatabase(), cluster.user(), "", true);
        Migrations.postgis(db).migrate();
        new PostgisImporter(db).importLayers(List.of(layer), true, imported -> { });
        new JdbcTemplate(db).execute("ANALYZE zone_feature");
    }

    static synchronized HundredThousand get() {
        if (shared == null) {
            shared = new HundredThousand();
        }
        return shared;
    }
}
