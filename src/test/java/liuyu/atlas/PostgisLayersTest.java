package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The atlas in a real PostGIS (throwaway cluster): import, reload, refusal, and the differential test. */
@Tag("integration")
class PostgisLayersTest {
    static String url;
    static DataSource db;
    static JdbcTemplate jdbc;
    static Atlas files;
    static Atlas postgis;

    @BeforeAll
    static void importTheDemoAtlas() {
        PostgisCluster cluster = PostgisCluster.shared();
        url = cluster.newDatabase();
        db = new SingleConnectionDataSource(
                url, cluster.user(), "", true); // one backend: a connection per query would dominate the time
        jdbc = new JdbcTemplate(db);
        Migrations.postgis(db).migrate();
        files = new AtlasLoader().load(Path.of("gis"));
        new PostgisImporter(db)
                .importLayers(new AtlasLoader().read(Path.of("gis"), false).layers(), true, imported -> {});
        postgis = new PostgisLayerSource(db).load();
    }

    @Test
    void theDemoAtlasRoundTripsThroughPostgisFeatureForFeature() {
        assertThat(postgis.layers())
                .extracting(Layer::id)
                .containsExactlyElementsOf(
                        files.layers().stream().map(Layer::id).toList());
        for (Layer layer : files.layers()) {
            Layer back = postgis.layer(layer.id());
            assertThat(back.info().provenance()).isEqualTo(layer.info().provenance());
            assertThat(back.features()).hasSameSizeAs(layer.features());
            for (Feature f : layer.features()) {
                Feature g = back.feature(f.id());
                assertThat(g.geometry().equalsExact(f.geometry(), 1e-12))
                        .as(layer.id() + "/" + f.id())
                        .isTrue();
                assertThat(g.provenance()).isEqualTo(f.provenance());
                assertThat(g.properties()).isEqualTo(f.properties());
            }
        }
    }

    @Test
    void everyLayerKindHasItsOwnTableWithAGistIndex() {
        List<String> indexes = jdbc.queryForList(
                "SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%USING gist%' ORDER BY indexname", String.class);
        assertThat(indexes).contains("line_feature_geom", "point_feature_geom", "zone_feature_geom");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM zone_feature", Integer.class))
                .isEqualTo(files.zones().zoneCount());
    }

    /**
     * The importer names the property indexes from the values it sends, not from the stored rows; the oracle here is
     * the stored jsonb itself: every (layer, property, number or string) the rows hold has its index, and no other.
     * The demo atlas has strings, whole and real numbers, booleans, lists and nulls among its properties.
     */
    @Test
    void everyStoredPropertyOfNumberOrStringTypeHasItsIndexAndNoOtherIsBuilt() {
        assertIndexesMatchTheStoredProperties(jdbc);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM zone_feature t, jsonb_each(t.properties) e"
                                + " WHERE jsonb_typeof(e.value) = 'number'",
                        Integer.class))
                .as("the demo's zones hold numbers too")
                .isPositive();
    }

    /**
     * A re-import whose rows hold other properties, and then move to another kind's table, leaves exactly the indexes
     * the stored rows call for, on the layer's partition, none left behind on the old one (dropped whole) or in the
     * other kind's table. A database of its own, so the layer it leaves does not meet the other tests.
     */
    @Test
    void aReImportLeavesExactlyTheIndexesItsNewRowsNeed(@TempDir Path dir) throws Exception {
        SingleConnectionDataSource own = new SingleConnectionDataSource(
                PostgisCluster.shared().newDatabase(), PostgisCluster.shared().user(), "", true);
        Migrations.postgis(own).migrate();
        JdbcTemplate ownJdbc = new JdbcTemplate(own);
        for (String[] version : List.of(
                new String[] {"polygon", "\"a\": \"x\", \"n\": 1", POLYGON},
                new String[] {"polygon", "\"a\": 2, \"b\": \"y\"", POLYGON},
                new String[] {"point", "\"b\": 3", "{\"type\": \"Point\", \"coordinates\": [116, 40]}"})) {
            new PostgisImporter(own)
                    .importLayers(List.of(changingLayer(dir, version[0], version[1], version[2])), false, i -> {});
            assertIndexesMatchTheStoredProperties(ownJdbc);
        }
        assertThat(ownJdbc.queryForList(
                        "SELECT tablename FROM pg_indexes WHERE indexdef LIKE '%jsonb_typeof%'", String.class))
                .as("nameZh and b, both on the layer's partition of point_feature")
                .hasSize(2)
                .allMatch(t -> t.matches("point_feature_\\d+"));
        own.destroy();
    }

    /**
     * A re-import whose old partition a reader holds (a replica's reload of a large layer, a long query; here a
     * transaction left open after a read) waits for it to end before it swaps its rows in, and meanwhile holds no
     * other reader of the table for longer than a try ({@link PostgisImporter#SWAP_TRY}): dropping the old partition
     * needs the table to itself, and a drop left waiting would queue every new query on every layer of that kind
     * behind it. A database of its own.
     */
    @Test
    void aReImportWaitsForAReaderOfTheTableAndHoldsNoOtherReaderMeanwhile(@TempDir Path dir) throws Exception {
        String own = databaseWhereAIsX(dir);
        String user = PostgisCluster.shared().user();
        SingleConnectionDataSource importer = new SingleConnectionDataSource(own, user, "", true);
        SingleConnectionDataSource other = new SingleConnectionDataSource(own, user, "", true);
        JdbcTemplate ownJdbc = new JdbcTemplate(other);
        Layer withB = changingLayer(dir, "polygon", "\"b\": \"y\"", POLYGON);
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (java.sql.Connection reader = java.sql.DriverManager.getConnection(own, user, "")) {
            reader.setAutoCommit(false);
            try (java.sql.Statement st = reader.createStatement()) {
                st.executeQuery("SELECT count(*) FROM zone_feature").close(); // holds the table until its end
            }
            java.util.concurrent.Future<?> reImport =
                    thread.submit(() -> new PostgisImporter(importer).importLayers(List.of(withB), false, i -> {}));
            long until = System.nanoTime() + 30_000_000_000L;
            while (ownJdbc.queryForObject(
                            "SELECT count(*) FROM pg_locks WHERE mode = 'AccessExclusiveLock' AND NOT granted",
                            Integer.class)
                    == 0) {
                assertThat(System.nanoTime()).as("the re-import tries to swap").isLessThan(until);
                Thread.sleep(10);
            }
            ownJdbc.execute("SET lock_timeout = '2s'");
            for (int k = 0; k < 20; k++) {
                assertThat(ownJdbc.queryForObject(
                                "SELECT properties ->> 'a' FROM zone_feature WHERE layer_id = 'changing'",
                                String.class))
                        .as("another reader goes through, and sees the old rows")
                        .isEqualTo("x");
                Thread.sleep(25);
            }
            ownJdbc.execute("RESET lock_timeout");
            assertThat(reImport.isDone())
                    .as("the re-import waits for the reader")
                    .isFalse();
            reader.commit();
            reImport.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
        assertThat(ownJdbc.queryForObject(
                        "SELECT properties ->> 'b' FROM zone_feature WHERE layer_id = 'changing'", String.class))
                .as("the re-import committed")
                .isEqualTo("y");
        assertIndexesMatchTheStoredProperties(ownJdbc);
        importer.destroy();
        other.destroy();
    }

    /**
     * A reader that holds the table for longer than the importer's patience makes the load give up, naming the
     * reader's session, and roll back: the layer's rows as they were, no table of the load left behind.
     */
    @Test
    void aReImportThatCannotSwapInTimeNamesTheReaderAndLeavesTheLayerAsItWas(@TempDir Path dir) throws Exception {
        String own = databaseWhereAIsX(dir);
        String user = PostgisCluster.shared().user();
        SingleConnectionDataSource importer = new SingleConnectionDataSource(own, user, "", true);
        JdbcTemplate ownJdbc = new JdbcTemplate(importer);
        String tables = "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'zone\\_feature\\_%'";
        int tablesBefore = ownJdbc.queryForObject(tables, Integer.class);
        try (java.sql.Connection reader = java.sql.DriverManager.getConnection(own, user, "")) {
            reader.setAutoCommit(false);
            int pid;
            try (java.sql.Statement st = reader.createStatement()) {
                st.executeQuery("SELECT count(*) FROM zone_feature").close();
                java.sql.ResultSet rs = st.executeQuery("SELECT pg_backend_pid()");
                rs.next();
                pid = rs.getInt(1);
            }
            Layer withB = changingLayer(dir, "polygon", "\"b\": \"y\"", POLYGON);
            assertThatThrownBy(() -> new PostgisImporter(importer, java.time.Duration.ofSeconds(1))
                            .importLayers(List.of(withB), false, i -> {}))
                    .isInstanceOf(AtlasLoadException.class)
                    .hasMessageContaining("zone_feature stayed in use")
                    .hasMessageContaining("pid " + pid);
            reader.commit();
        }
        assertThat(ownJdbc.queryForObject(
                        "SELECT properties ->> 'a' FROM zone_feature WHERE layer_id = 'changing'", String.class))
                .isEqualTo("x");
        assertThat(ownJdbc.queryForObject(tables, Integer.class)).isEqualTo(tablesBefore);
        assertIndexesMatchTheStoredProperties(ownJdbc);
        importer.destroy();
    }

    /**
     * While a layer is being re-imported (its transaction open, rows on their way), the feature tables answer other
     * connections at once: the layer's old rows, and every other layer. Until its swap the importer takes no lock that
     * holds readers: its rows go to a table of their own.
     */
    @Test
    void aLoadInProgressLetsReadersOfTheFeatureTablesThrough() throws Exception {
        Layer reservoirs = files.layer("reservoirs");
        SingleConnectionDataSource importer =
                new SingleConnectionDataSource(url, PostgisCluster.shared().user(), "", true);
        try {
            PostgisImporter.Load load = new PostgisImporter(importer).load(reservoirs.info());
            reservoirs.features().forEach(load::add);
            jdbc.execute("SET lock_timeout = '2s'");
            try {
                assertThat(jdbc.queryForObject(
                                "SELECT count(*) FROM zone_feature WHERE layer_id = 'reservoirs' AND "
                                        + PropertyIndexes.value("properties", "nameZh", "string") + " IS NOT NULL",
                                Integer.class))
                        .as("the old rows, through the property's expression")
                        .isEqualTo(reservoirs.features().size());
                assertThat(jdbc.queryForObject(
                                "SELECT count(*) FROM zone_feature WHERE layer_id = 'shore-bands'", Integer.class))
                        .isEqualTo(files.layer("shore-bands").features().size());
            } finally {
                jdbc.execute("RESET lock_timeout");
            }
            load.commit(reservoirs.info());
        } finally {
            importer.destroy();
        }
        assertIndexesMatchTheStoredProperties(jdbc);
    }

    /**
     * Two loads into one database take turns: the second waits for the first's commit (on the load's advisory lock)
     * instead of both holding the table's rows while each one's index build waits for the other. A database of its
     * own, both layers new, so both build indexes at their end.
     */
    @Test
    void twoLoadsIntoOneDatabaseTakeTurns() throws Exception {
        String own = PostgisCluster.shared().newDatabase();
        String user = PostgisCluster.shared().user();
        SingleConnectionDataSource first = new SingleConnectionDataSource(own, user, "", true);
        SingleConnectionDataSource second = new SingleConnectionDataSource(own, user, "", true);
        SingleConnectionDataSource watcher = new SingleConnectionDataSource(own, user, "", true);
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            Migrations.postgis(watcher).migrate();
            JdbcTemplate watch = new JdbcTemplate(watcher);
            Layer reservoirs = files.layer("reservoirs");
            Layer bands = files.layer("shore-bands");
            PostgisImporter.Load a = new PostgisImporter(first).load(reservoirs.info());
            reservoirs.features().forEach(a::add);
            java.util.concurrent.Future<PostgisImporter.Imported> b = other.submit(() -> {
                PostgisImporter.Load load = new PostgisImporter(second).load(bands.info());
                bands.features().forEach(load::add);
                return load.commit(bands.info());
            });
            long until = System.nanoTime() + 30_000_000_000L;
            while (watch.queryForObject(
                            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", Integer.class)
                    == 0) {
                assertThat(System.nanoTime())
                        .as("the second load waits for the lock")
                        .isLessThan(until);
                assertThat(b.isDone())
                        .as("the second load finished before the first committed")
                        .isFalse();
                Thread.sleep(20);
            }
            assertThat(b.isDone()).isFalse();
            a.commit(reservoirs.info());
            assertThat(b.get(30, java.util.concurrent.TimeUnit.SECONDS).features())
                    .isEqualTo(bands.features().size());
            assertThat(watch.queryForList(
                            "SELECT layer_id || ' ' || count(*) FROM zone_feature GROUP BY layer_id ORDER BY 1",
                            String.class))
                    .containsExactly(
                            "reservoirs " + reservoirs.features().size(),
                            "shore-bands " + bands.features().size());
            assertIndexesMatchTheStoredProperties(watch);
        } finally {
            other.shutdownNow();
            first.destroy();
            second.destroy();
            watcher.destroy();
        }
    }

    private static final String POLYGON =
            "{\"type\": \"Polygon\", \"coordinates\": [[[116, 40], [116.1, 40], [116.1, 40.1], [116, 40]]]}";

    // a database of its own holding the polygon layer 'changing', its feature's property a = "x"; its URL
    private static String databaseWhereAIsX(Path dir) throws Exception {
        String url = PostgisCluster.shared().newDatabase();
        SingleConnectionDataSource db =
                new SingleConnectionDataSource(url, PostgisCluster.shared().user(), "", true);
        Migrations.postgis(db).migrate();
        new PostgisImporter(db)
                .importLayers(List.of(changingLayer(dir, "polygon", "\"a\": \"x\"", POLYGON)), false, i -> {});
        db.destroy();
        return url;
    }

    // the one-feature layer 'changing' of that kind, with those properties beside its name and provenance
    private static Layer changingLayer(Path dir, String kind, String properties, String geometry) throws Exception {
        Path file = dir.resolve("changing.geojson");
        Files.writeString(file, """
            {"type": "FeatureCollection",
             "layer": {"id": "changing", "geometry": "%s", "titleEn": "Changing",
                       "provenance": {"method": "synthetic", "source": "test", "licence": "CC0-1.0", "accuracy": "none", "authoritative": false}},
             "features": [
               {"type": "Feature", "id": "f", "properties": {"nameZh": "变", %s, "method": "synthetic", "source": "t", "licence": "CC0-1.0", "accuracy": "none", "authoritative": false},
                "geometry": %s}]}""".formatted(kind, properties, geometry));
        return new AtlasLoader().readLayerFile(file, false);
    }

    // the oracle is the stored jsonb: every (layer, property, number or string) the rows hold has its index on the
    // layer's partition, no other index is built, none on the parents, and every feature table the importer made is a
    // partition (none left over from a load)
    private static void assertIndexesMatchTheStoredProperties(JdbcTemplate jdbc) {
        java.util.regex.Pattern def = java.util.regex.Pattern.compile(
                "jsonb_typeof\\(\\(properties -> '((?:[^']|'')*)'::text\\)\\) = '(number|string)'::text",
                java.util.regex.Pattern.DOTALL);
        java.util.regex.Pattern bound = java.util.regex.Pattern.compile("FOR VALUES IN \\('((?:[^']|'')*)'\\)");
        for (String table : List.of("zone_feature", "line_feature", "point_feature")) {
            List<String> stored = jdbc.queryForList(
                    "SELECT DISTINCT t.layer_id || '/' || e.key || '/' || jsonb_typeof(e.value) FROM " + table
                            + " t, jsonb_each(t.properties) e WHERE jsonb_typeof(e.value) IN ('number', 'string')",
                    String.class);
            List<String> indexed = new ArrayList<>();
            jdbc.query(
                    """
                SELECT pg_get_expr(c.relpartbound, c.oid), x.indexdef
                  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_indexes x ON x.tablename = c.relname
                 WHERE i.inhparent = ?::regclass AND x.indexdef LIKE '%jsonb_typeof%'""",
                    rs -> {
                        java.util.regex.Matcher b = bound.matcher(rs.getString(1));
                        java.util.regex.Matcher m = def.matcher(rs.getString(2));
                        assertThat(b.matches()).as(rs.getString(1)).isTrue();
                        assertThat(m.find()).as(rs.getString(2)).isTrue();
                        indexed.add(
                                b.group(1).replace("''", "'") + "/" + m.group(1).replace("''", "'") + "/" + m.group(2));
                    },
                    table);
            assertThat(indexed).as(table).containsExactlyInAnyOrderElementsOf(stored);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM pg_indexes WHERE tablename = ? AND indexdef LIKE '%jsonb_typeof%'",
                            Integer.class, table))
                    .as("no property index on the parent " + table)
                    .isZero();
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM pg_class c WHERE c.relkind = 'r' AND c.relname ~ ?"
                                    + " AND NOT EXISTS (SELECT FROM pg_inherits i WHERE i.inhrelid = c.oid)",
                            Integer.class,
                            "^" + table + "_[0-9]+$"))
                    .as("tables of " + table + " that are not its partitions")
                    .isZero();
        }
    }

    @Test
    void reImportingIsSafeAndBumpsTheVersion() {
        Layer reservoirs = files.layer("reservoirs");
        String before = new PostgisLayerSource(db).versions().get("reservoirs");
        new PostgisImporter(db).importLayers(List.of(reservoirs), false, imported -> {});
        String after = new PostgisLayerSource(db).versions().get("reservoirs");
        assertThat(after).isNotEqualTo(before);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM zone_feature WHERE layer_id = 'reservoirs'", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void anInvalidGeometryIsRefusedWithPostgisReasonAndNothingOfTheLayerIsWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.geojson");
        Files.writeString(file, """
            {"type": "FeatureCollection",
             "layer": {"id": "bad-zones", "geometry": "polygon", "titleEn": "Bad",
                       "provenance": {"method": "synthetic", "source": "test", "licence": "CC0-1.0", "accuracy": "none", "authoritative": false}},
             "features": [
               {"type": "Feature", "id": "fine", "properties": {"nameZh": "好", "method": "synthetic", "source": "t", "licence": "CC0-1.0", "accuracy": "none", "authoritative": false},
                "geometry": {"type": "Polygon", "coordinates": [[[116, 40], [116.1, 40], [116.1, 40.1], [116, 40]]]}},
               {"type": "Feature", "id": "bowtie", "properties": {"nameZh": "坏", "method": "synthetic", "source": "t", "licence": "CC0-1.0", "accuracy": "none", "authoritative": false},
                "geometry": {"type": "Polygon", "coordinates": [[[116, 40], [116.1, 40.1], [116.1, 40], [116, 40.1], [116, 40]]]}}]}""");
        Layer layer = new AtlasLoader().readLayerFile(file, false);
        assertThatThrownBy(() -> new PostgisImporter(db).importLayers(List.of(layer), false, imported -> {}))
                .isInstanceOfSatisfying(
                        AtlasLoadException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "postgis: layer 'bad-zones': feature 'bowtie': Self-intersection[116.05 40.05]"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM atlas_layer WHERE id = 'bad-zones'", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM zone_feature WHERE layer_id = 'bad-zones'", Integer.class))
                .isZero();
    }

    @Test
    void inMemoryPointInZoneEqualsPostgisStCoversForTenThousandRandomPoints() {
        record Hit(String layer, String id, double distanceM) {}
        // metric copies once, so each point costs one indexed ST_Covers and exact metric distances
        jdbc.execute("DROP TABLE IF EXISTS zone_metric");
        jdbc.execute(
                "CREATE TABLE zone_metric AS SELECT layer_id, id, geom, ST_Boundary(ST_Transform(geom, 32650)) AS outline FROM zone_feature");
        jdbc.execute("CREATE INDEX ON zone_metric USING gist (geom)");
        // a box a little larger than Beijing (115.42–117.51 E, 39.44–41.06 N), so zones reaching the border are crossed
        // too
        Random random = new Random(2024);
        int compared = 0;
        for (int n = 0; n < 10_000; n++) {
            double[] p = {115.4 + random.nextDouble() * 2.2, 39.4 + random.nextDouble() * 1.7};
            List<Hit> expected = jdbc.query(
                    """
                SELECT layer_id, id, ST_Distance(outline, ST_Transform(ST_SetSRID(ST_Point(?, ?), 4326), 32650))
                  FROM zone_metric WHERE ST_Covers(geom, ST_SetSRID(ST_Point(?, ?), 4326))""", (rs, i) -> new Hit(rs.getString(1), rs.getString(2), rs.getDouble(3)), p[0], p[1], p[0], p[1]);
            List<Hit> actual = new ArrayList<>();
            for (Location.Hit h : postgis.locate(p[0], p[1]).within()) {
                actual.add(new Hit(h.feature().layer(), h.feature().id(), h.distanceM()));
            }
            Comparator<Hit> order = Comparator.comparing(Hit::layer).thenComparing(Hit::id);
            expected.sort(order);
            actual.sort(order);
            assertThat(actual)
                    .extracting(Hit::layer, Hit::id)
                    .as("point %s %s", p[0], p[1])
                    .containsExactlyElementsOf(expected.stream()
                            .map(h -> org.assertj.core.groups.Tuple.tuple(h.layer(), h.id()))
                            .toList());
            for (int i = 0; i < actual.size(); i++) {
                assertThat(actual.get(i).distanceM())
                        .isCloseTo(expected.get(i).distanceM(), org.assertj.core.data.Offset.offset(0.5));
            }
            compared += actual.size();
        }
        assertThat(compared).as("zone hits compared").isGreaterThan(10_000);
    }
}
