package liuyu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.Feature;
import liuyu.postgis.PostgisCluster;
import liuyu.terrain.SyntheticDems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Point;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@code bands} on a copy of the demo atlas with a synthetic bowl DEM under Miyun reservoir. */
@Tag("integration")
class BandsCommandTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    Path atlas;
    Path dem;

    int run(String... args) {
        return BandsCommand.run(
                args,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @BeforeEach
    void setUp() throws Exception {
        atlas = dir.resolve("atlas");
        copy(Path.of("gis"), atlas);
        dem = SyntheticDems.bowlUnderMiyun(dir.resolve("miyun-bowl.tif"));
    }

    @Test
    void writesTheDerivedZoneAndBandsIntoTheAtlasKeepingIdsNamesAndPlantingRules() {
        assertThat(run("--dem=" + dem, "--reservoir=miyun", "--atlas=" + atlas))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("DEM miyun-bowl.tif (520 × 520 cells of 50.0 m, EPSG:4548")
                .contains("protection-zones: replaced 'miyun-level-1'")
                .contains("shore-bands: replaced 'band-155-157_5'")
                .contains("shore-bands: replaced 'band-157_5-160'");
        Atlas a = new AtlasLoader().load(atlas);
        Feature zone = a.layer("protection-zones").feature("miyun-level-1");
        assertThat(zone.provenance().method().code()).isEqualTo("derived");
        assertThat(zone.provenance().source()).contains("miyun-bowl.tif").contains("1985国家高程基准");
        assertThat(zone.provenance().accuracy()).contains("50.0 m cells");
        assertThat(zone.provenance().authoritative()).isFalse();
        assertThat(zone.properties().get("level")).isEqualTo(1);
        assertThat(zone.nameZh()).isEqualTo("密云水库一级保护区（示意）");
        // π r(155)² for the bowl's 10 km radius at 155 m, in km², shrunk by UTM 50's scale 0.9996²
        assertThat(((Number) zone.properties().get("areaKm2")).doubleValue())
                .isCloseTo(Math.PI * 100 * 0.9992, within(0.5));
        Feature band = a.layer("shore-bands").feature("band-155-157_5");
        assertThat(band.provenance().method().code()).isEqualTo("derived");
        assertThat(band.string("plantingZh")).startsWith("在155米—157.5米高程范围内");
        assertThat(band.string("reservoir")).isEqualTo("miyun");
        assertThat(a.layer("protection-zones")
                        .feature("miyun-level-2")
                        .provenance()
                        .method()
                        .code())
                .isEqualTo("schematic");
        Point centre = SyntheticDems.miyunCentre();
        assertThat(zone.geometry().contains(centre)).isTrue();
    }

    @Test
    void pointInZoneAndProjectChecksAnswerFromTheDerivedZoneAsFromAnyOther() throws Exception {
        assertThat(run("--dem=" + dem, "--reservoir=miyun", "--atlas=" + atlas)).isZero();
        Atlas a = new AtlasLoader().load(atlas);
        Point centre = SyntheticDems.miyunCentre();
        // 10.5 km from the centre: above 155 m (10 km) and below 157.5 m (10.8 km) of the bowl
        double[] ring = {centre.getX() + 10_400 / (111_320 * Math.cos(Math.toRadians(centre.getY()))), centre.getY()};
        assertThat(a.locate(centre.getX(), centre.getY()).within().stream()
                        .map(h -> h.feature().id()))
                .contains("miyun-level-1")
                .doesNotContain("band-155-157_5");
        assertThat(a.locate(ring[0], ring[1]).within().stream()
                        .map(h -> h.feature().id()))
                .contains("band-155-157_5")
                .doesNotContain("miyun-level-1");
        Path project = Files.writeString(dir.resolve("villa.geojson"), """
            {"type": "Feature", "id": "villa", "properties": {"activity": "construction-residential"},
             "geometry": {"type": "Point", "coordinates": [%s, %s]}}""".formatted(centre.getX(), centre.getY()));
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        assertThat(CheckCommand.run(
                        new String[] {"--atlas=" + atlas, project.toString()},
                        new PrintStream(report, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        String json = report.toString(StandardCharsets.UTF_8);
        assertThat(json).contains("\"verdict\":\"FORBIDDEN\"").contains("\"zone\":\"miyun-level-1\"");
    }

    @Test
    void aDryRunReportsAndWritesNothing() throws IOException {
        byte[] before = Files.readAllBytes(atlas.resolve("layers/protection-zones.geojson"));
        assertThat(run("--dem=" + dem, "--reservoir=miyun", "--atlas=" + atlas, "--dry-run"))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("zone below 155 m: ")
                .contains("dry run: nothing written");
        assertThat(Files.readAllBytes(atlas.resolve("layers/protection-zones.geojson")))
                .isEqualTo(before);
    }

    @Test
    void anUnknownReservoirOrBadLevelsAreRefusedWithTheReason() {
        assertThat(run("--dem=" + dem, "--reservoir=huairou", "--atlas=" + atlas))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("no reservoir 'huairou' in layer 'reservoirs'; it has: [miyun, guanting]");
        assertThat(run("--dem=" + dem, "--reservoir=miyun", "--atlas=" + atlas, "--levels=160,155"))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("strictly increasing");
        assertThat(run("--reservoir=miyun")).isEqualTo(2);
        assertThat(run("--dem=" + dir.resolve("missing.tif"), "--reservoir=miyun"))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no DEM file at");
    }

    @Test
    void writesIntoPostgisKeepingTheLayerOrder() {
        String url = PostgisCluster.shared().newDatabase();
        assertThat(ImportCommand.run(
                        new String[] {"--db-url=" + url, "--atlas=" + atlas},
                        Map.of(),
                        new PrintStream(out),
                        new PrintStream(err)))
                .isZero();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        List<String> order = jdbc.queryForList("SELECT id FROM atlas_layer ORDER BY position", String.class);
        assertThat(run("--dem=" + dem, "--reservoir=miyun", "--db-url=" + url))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        assertThat(jdbc.queryForList("SELECT id FROM atlas_layer ORDER BY position", String.class))
                .isEqualTo(order);
        assertThat(jdbc.queryForObject(
                        "SELECT method FROM zone_feature WHERE layer_id = 'protection-zones' AND id = 'miyun-level-1'",
                        String.class))
                .isEqualTo("derived");
        // PostGIS's own area of the written zone, on the spheroid, agrees with the bowl's analytic area
        double km2 = jdbc.queryForObject(
                "SELECT ST_Area(geom::geography) / 1e6 FROM zone_feature WHERE layer_id = 'protection-zones'"
                        + " AND id = 'miyun-level-1'",
                Double.class);
        assertThat(km2).isCloseTo(Math.PI * 100, within(0.5));
        assertThat(jdbc.queryForList(
                        "SELECT id FROM zone_feature WHERE layer_id = 'shore-bands' AND method = 'derived' ORDER BY id",
                        String.class))
                .containsExactly("band-155-157_5", "band-157_5-160");
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
