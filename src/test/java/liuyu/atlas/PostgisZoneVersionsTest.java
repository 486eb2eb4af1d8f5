package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Zone versions in a real PostGIS (throwaway cluster): both versions of a redrawn zone are rows, not
 * overwritten, and the snapshot loaded from PostGIS answers each day as PostGIS itself does
 * (ST_Covers with the validity dates compared in SQL) — the independent oracle.
 */
@Tag("integration")
class PostgisZoneVersionsTest {
    private static final String PROVENANCE =
            "\"method\":\"synthetic\",\"source\":\"test\",\"licence\":\"CC0-1.0\",\"accuracy\":\"none\",\"authoritative\":false";

    @TempDir
    Path dir;

    private static String feature(String id, String coordinates, String validity) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"properties\":{\"nameZh\":\"区\"," + PROVENANCE + validity
                + "}," + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + coordinates + "}}";
    }

    @Test
    void bothVersionsOfARedrawnZoneAreRowsAndTheSnapshotAnswersEachDayAsPostgisDoes() throws Exception {
        Files.writeString(dir.resolve("atlas.yaml"), """
            atlas: {id: test, titleEn: Test atlas, version: "1"}
            layers:
              - {id: zones, file: zones.geojson, geometry: polygon, titleEn: Zones, method: synthetic, source: test,
                 licence: CC0-1.0, accuracy: none, authoritative: false}
            """);
        Files.writeString(
                dir.resolve("zones.geojson"),
                "{\"type\":\"FeatureCollection\",\"features\":["
                        + feature(
                                "lake-2018",
                                "[[[116,40],[116.1,40],[116.1,40.1],[116,40.1],[116,40]]]",
                                ",\"validFrom\":\"2018-01-01\",\"validTo\":\"2024-12-31\",\"replacedBy\":\"lake-2025\"")
                        + ","
                        + feature(
                                "lake-2025",
                                "[[[116.05,40],[116.15,40],[116.15,40.1],[116.05,40.1],[116.05,40]]]",
                                ",\"validFrom\":\"2025-01-01\"")
                        + "]}");
        PostgisCluster cluster = PostgisCluster.shared();
        DataSource db = new SingleConnectionDataSource(cluster.newDatabase(), cluster.user(), "", true);
        JdbcTemplate jdbc = new JdbcTemplate(db);
        Migrations.postgis(db).migrate();
        new PostgisImporter(db).importLayers(new AtlasLoader().read(dir, false).layers(), true, imported -> {});
        assertThat(jdbc.queryForList("SELECT id FROM zone_feature WHERE layer_id = 'zones' ORDER BY id", String.class))
                .containsExactly("lake-2018", "lake-2025");

        Atlas atlas = new PostgisLayerSource(db).load();
        for (String day :
                new String[] {"2017-12-31", "2018-01-01", "2024-06-01", "2024-12-31", "2025-01-01", "2025-06-01"}) {
            for (double lon : new double[] {116.02, 116.07, 116.12, 116.2}) {
                List<String> oracle = jdbc.queryForList("""
                    SELECT id FROM zone_feature WHERE layer_id = 'zones'
                       AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, 40.05), 4326))
                       AND COALESCE(properties->>'validFrom', '0000-01-01') <= ?
                       AND COALESCE(properties->>'validTo', '9999-12-31') >= ?
                     ORDER BY id""", String.class, lon, day, day);
                assertThat(atlas.locate(lon, 40.05, LocalDate.parse(day)).within())
                        .extracting(h -> h.feature().id())
                        .as(lon + " on " + day)
                        .containsExactlyElementsOf(oracle);
            }
        }
        assertThat(atlas.locate(116.02, 40.05, LocalDate.parse("2024-06-01")).within())
                .extracting(h -> h.feature().id())
                .containsExactly("lake-2018");
        assertThat(atlas.locate(116.12, 40.05, LocalDate.parse("2025-06-01")).within())
                .extracting(h -> h.feature().id())
                .containsExactly("lake-2025");
    }
}
