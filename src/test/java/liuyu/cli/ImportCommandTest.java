package liuyu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import liuyu.postgis.PostgisCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

@Tag("integration")
class ImportCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return ImportCommand.run(
                args,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void importsTheDemoAtlasIntoAnEmptyDatabaseAndCanRunAgain() {
        String url = PostgisCluster.shared().newDatabase();
        assertThat(run("--db-url=" + url, "--atlas=gis")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("imported districts: 16 features")
                .contains("imported outfalls:");
        assertThat(run("--db-url=" + url, "--atlas=gis"))
                .as("re-running is safe")
                .isZero();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM zone_feature WHERE layer_id = 'districts'", Integer.class))
                .isEqualTo(16);
    }

    static String layerFile(String id, String features) {
        return """
            {"type": "FeatureCollection",
             "layer": {"id": "%s", "geometry": "polygon", "titleEn": "Test zones",
                       "provenance": {"method": "synthetic", "source": "test", "licence": "CC0-1.0", "accuracy": "none", "authoritative": false}},
             "features": [%s]}""".formatted(id, features);
    }

    static String zone(String id, String ring) {
        return """
            {"type": "Feature", "id": "%s", "properties": {"nameZh": "区", "method": "synthetic", "source": "t", "licence": "CC0-1.0",
             "accuracy": "none", "authoritative": false}, "geometry": {"type": "Polygon", "coordinates": [%s]}}""".formatted(id, ring);
    }

    @Test
    void eachLayerFileIsOneTransactionAndAnInvalidGeometryIsReportedWithItsFeatureId(@TempDir Path dir)
            throws Exception {
        String url = PostgisCluster.shared().newDatabase();
        Path good = Files.writeString(
                dir.resolve("good.geojson"),
                layerFile(
                        "good-zones",
                        zone("square", "[[116, 40], [116.1, 40], [116.1, 40.1], [116, 40.1], [116, 40]]")));
        Path bad = Files.writeString(
                dir.resolve("bad.geojson"),
                layerFile(
                        "bad-zones",
                        zone("fine", "[[116, 40], [116.1, 40], [116.1, 40.1], [116, 40]]") + ","
                                + zone("bowtie", "[[116, 40], [116.1, 40.1], [116.1, 40], [116, 40.1], [116, 40]]")));

        assertThat(run("--db-url=" + url, good.toString())).isZero();
        assertThat(run("--db-url=" + url, bad.toString())).isEqualTo(1);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("imported good-zones: 1 features, version v");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("import refused; nothing was written")
                .contains("postgis: layer 'bad-zones': feature 'bowtie': Self-intersection[116.05 40.05]");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        assertThat(jdbc.queryForList("SELECT layer_id || '/' || id FROM zone_feature ORDER BY 1", String.class))
                .containsExactly("good-zones/square");
        assertThat(jdbc.queryForList("SELECT id FROM atlas_layer", String.class))
                .containsExactly("good-zones");
    }

    @Test
    void aGeoJsonWithoutLayerDescriptionOrProvenanceIsRefusedBeforeTheDatabaseIsTouched(@TempDir Path dir)
            throws Exception {
        String url = PostgisCluster.shared().newDatabase();
        Path bare = Files.writeString(dir.resolve("bare.geojson"), """
            {"type": "FeatureCollection", "features": []}""");
        assertThat(run("--db-url=" + url, bare.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("import refused; nothing was written");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        assertThat(jdbc.queryForObject("SELECT to_regclass('atlas_layer') IS NULL", Boolean.class))
                .as("not even migrated")
                .isTrue();
    }

    @Test
    void refusesToRunWithoutAPostgresqlUrlOrWithUnknownArguments() {
        assertThat(run("--atlas=gis")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--db-url=jdbc:postgresql://");
        assertThat(run("--db-url=jdbc:postgresql://x/y", "--colour=red")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option: '--colour=red'");
    }

    @Test
    void aShapefileInGaussKrugerGoesIntoPostgisInOneTransactionWithItsChineseNames(@TempDir Path dir) throws Exception {
        String url = PostgisCluster.shared().newDatabase();
        Path src = Files.writeString(dir.resolve("source.geojson"), liuyu.imports.Fixtures.ZONES);
        Path shp = dir.resolve("zones.shp");
        liuyu.imports.Fixtures.ogr2ogr(
                "-f", "ESRI Shapefile", "-t_srs", "EPSG:4548", "-lco", "ENCODING=GBK", shp.toString(), src.toString());
        String[] common = {
            "--db-url=" + url,
            "--layer=protection-zones",
            "--map",
            "id=编号",
            "--map",
            "nameZh=名称",
            "--map",
            "level=级别",
            "--method=surveyed",
            "--source=test",
            "--licence=test",
            "--accuracy=exact",
            shp.toString()
        };

        assertThat(run(common)).as(err.toString(StandardCharsets.UTF_8)).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("a real run adds layer 'protection-zones' to PostGIS")
                .contains("imported protection-zones: 2 features, version v");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        assertThat(jdbc.queryForList(
                        "SELECT id FROM zone_feature WHERE layer_id = 'protection-zones'"
                                + " AND ST_Contains(geom, ST_SetSRID(ST_MakePoint(116.95, 40.55), 4326))",
                        String.class))
                .containsExactly("z1");
        assertThat(jdbc.queryForObject("SELECT properties->>'nameZh' FROM zone_feature WHERE id = 'z2'", String.class))
                .isEqualTo(liuyu.imports.Fixtures.Z2);
        List<List<double[]>> raw = liuyu.imports.Fixtures.rawVertices(shp);
        double worst = 0;
        for (int i = 0; i < raw.size(); i++) {
            double[][] proj = liuyu.geo.Cs2cs.toLonLat(
                    "EPSG:4548", "EPSG:4490", true, raw.get(i).toArray(double[][]::new));
            List<double[]> stored = jdbc.query(
                    "SELECT ST_X((dp).geom), ST_Y((dp).geom) FROM (SELECT ST_DumpPoints(geom) AS dp"
                            + " FROM zone_feature WHERE id = ?) d ORDER BY (dp).path",
                    (rs, k) -> new double[] {rs.getDouble(1), rs.getDouble(2)},
                    i == 0 ? "z1" : "z2");
            assertThat(stored).hasSize(proj.length);
            for (int k = 0; k < proj.length; k++) {
                worst = Math.max(worst, liuyu.geo.Cs2cs.metres(stored.get(k), proj[k]));
            }
        }
        assertThat(worst).as("stored vertices against cs2cs, metres").isLessThan(0.01);

        out.reset();
        Path dup =
                Files.writeString(dir.resolve("dup.geojson"), liuyu.imports.Fixtures.ZONES.replace("\"z2\"", "\"z1\""));
        String[] again = common.clone();
        again[again.length - 1] = dup.toString();
        assertThat(run(again)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(dup + ": feature 'z1': duplicate id");
        assertThat(jdbc.queryForList(
                        "SELECT id FROM zone_feature WHERE layer_id = 'protection-zones' ORDER BY id", String.class))
                .as("the refused import left the layer as it was")
                .containsExactly("z1", "z2");
    }

    // n squares in a row near Beijing, ids prefix + i; the last one a bow-tie when asked
    static String squares(String prefix, int n, boolean lastIsBowtie) {
        StringBuilder b = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [");
        for (int i = 0; i < n; i++) {
            double x = 116 + (i % 100) * 0.002;
            double y = 40 + (i / 100) * 0.002;
            String ring = lastIsBowtie && i == n - 1
                    ? "[%s, %s], [%s, %s], [%s, %s], [%s, %s], [%s, %s]"
                            .formatted(x, y, x + 0.001, y + 0.001, x + 0.001, y, x, y + 0.001, x, y)
                    : "[%s, %s], [%s, %s], [%s, %s], [%s, %s], [%s, %s]"
                            .formatted(x, y, x + 0.001, y, x + 0.001, y + 0.001, x, y + 0.001, x, y);
            b.append(i == 0 ? "" : ",")
                    .append("{\"type\": \"Feature\", \"properties\": {\"编号\": \"%s%d\", \"名称\": \"区块%d\"},"
                            .formatted(prefix, i, i))
                    .append(" \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[")
                    .append(ring)
                    .append("]]}}");
        }
        return b.append("]}").toString();
    }

    @Test
    void aBadFeatureAfterThousandsOfRowsWentThroughCopyLeavesTheLayerAsItWas(@TempDir Path dir) throws Exception {
        String url = PostgisCluster.shared().newDatabase();
        int n = 3000; // rows well beyond COPY's 64 KiB buffers: most are on the server before the bad one is read
        Path good = dir.resolve("good.shp");
        Path bad = dir.resolve("bad.shp");
        liuyu.imports.Fixtures.ogr2ogr(
                "-f",
                "ESRI Shapefile",
                "-lco",
                "ENCODING=GBK",
                good.toString(),
                Files.writeString(dir.resolve("good.geojson"), squares("g", n, false))
                        .toString());
        liuyu.imports.Fixtures.ogr2ogr(
                "-f",
                "ESRI Shapefile",
                "-lco",
                "ENCODING=GBK",
                bad.toString(),
                Files.writeString(dir.resolve("bad.geojson"), squares("b", n, true))
                        .toString());
        String[] common = {
            "--db-url=" + url,
            "--layer=blocks",
            "--map",
            "id=编号",
            "--map",
            "nameZh=名称",
            "--method=synthetic",
            "--source=test",
            "--licence=CC0-1.0",
            "--accuracy=none"
        };
        String[] first = java.util.Arrays.copyOf(common, common.length + 1);
        first[common.length] = good.toString();
        assertThat(run(first)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        String state = "SELECT count(*) || ' ' || min(id) || ' ' || max(id) || ' ' || sum(ST_NPoints(geom))"
                + " || ' v' || (SELECT version FROM atlas_layer WHERE id = 'blocks')"
                + " FROM zone_feature WHERE layer_id = 'blocks'";
        String before = jdbc.queryForObject(state, String.class);
        assertThat(before).startsWith(n + " g0 g999 " + 5 * n + " v");
        String wal = jdbc.queryForObject("SELECT pg_current_wal_insert_lsn()::text", String.class);

        String[] second = java.util.Arrays.copyOf(common, common.length + 1);
        second[common.length] = bad.toString();
        assertThat(run(second)).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("import refused; nothing was written")
                .contains(bad + ": feature 'b" + (n - 1) + "': invalid geometry: Self-intersection");
        // all but the last buffers' worth (two 64 KiB buffers, a few hundred rows) were sent before the refusal: the
        // server wrote them to its log (a table created in the transaction leaves no row counts once rolled back), at
        // least the ten doubles of each row's square
        assertThat(jdbc.queryForObject(
                        "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), ?::pg_lsn)", Long.class, wal))
                .as("good rows read before the bad feature did reach PostgreSQL through COPY, and were rolled back")
                .isGreaterThan(2000L * 10 * 8);
        assertThat(jdbc.queryForObject(state, String.class))
                .as("rolled back: the layer's rows and version as before")
                .isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM zone_feature WHERE id LIKE 'b%'", Integer.class))
                .isZero();

        // refused before any feature passed (no feature has an id): the layer's rows, and its partition's property
        // index, as they were
        String indexes = "SELECT count(*) FROM pg_indexes WHERE tablename LIKE 'zone\\_feature\\_%'"
                + " AND indexdef LIKE '%jsonb_typeof%'";
        int indexesBefore = jdbc.queryForObject(indexes, Integer.class);
        assertThat(indexesBefore).as("the layer's nameZh index").isEqualTo(1);
        String[] third = java.util.Arrays.copyOf(common, common.length + 1);
        third[3] = "id=编号x";
        third[common.length] = good.toString();
        err.reset();
        assertThat(run(third)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("import refused; nothing was written");
        assertThat(jdbc.queryForObject(state, String.class))
                .as("rolled back: the layer's rows and version as before")
                .isEqualTo(before);
        assertThat(jdbc.queryForObject(indexes, Integer.class)).isEqualTo(indexesBefore);
    }
}
