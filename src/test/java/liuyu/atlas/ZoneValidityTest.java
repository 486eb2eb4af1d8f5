package liuyu.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import liuyu.geo.GeoJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;

/**
 * Zone versions over time: a zone redrawn on 2025-01-01 keeps its old shape in the atlas, and every query
 * answers with the version in force on the day asked for (today when not asked).
 */
class ZoneValidityTest {
    @TempDir
    Path dir;

    private static final String PROVENANCE =
            "\"method\":\"synthetic\",\"source\":\"test\",\"licence\":\"CC0-1.0\",\"accuracy\":\"none\",\"authoritative\":false";
    // the old shape covers 116.00-116.10 E; the redrawn one 116.05-116.15 E, both 40.00-40.10 N
    private static final String OLD = "[[[116,40],[116.1,40],[116.1,40.1],[116,40.1],[116,40]]]";
    private static final String NEW = "[[[116.05,40],[116.15,40],[116.15,40.1],[116.05,40.1],[116.05,40]]]";
    private static final LocalDate BEFORE = LocalDate.parse("2024-06-01");
    private static final LocalDate AFTER = LocalDate.parse("2025-06-01");

    private Atlas load(String... features) throws IOException {
        Files.writeString(dir.resolve("atlas.yaml"), """
            atlas:
              id: test
              titleEn: Test atlas
              version: "1"
            layers:
              - id: zones
                file: zones.geojson
                geometry: polygon
                titleEn: Zones
                method: synthetic
                source: test
                licence: CC0-1.0
                accuracy: none
                authoritative: false
            """);
        Files.writeString(
                dir.resolve("zones.geojson"),
                "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}");
        return new AtlasLoader().load(dir);
    }

    private static String feature(String id, String coordinates, String validity) {
        return "{\"type\":\"Feature\",\"id\":\"" + id + "\",\"properties\":{\"nameZh\":\"区\"," + PROVENANCE + validity
                + "}," + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + coordinates + "}}";
    }

    private Atlas redrawn() throws IOException {
        return load(
                feature(
                        "lake-2018",
                        OLD,
                        ",\"validFrom\":\"2018-01-01\",\"validTo\":\"2024-12-31\",\"replacedBy\":\"lake-2025\""),
                feature("lake-2025", NEW, ",\"validFrom\":\"2025-01-01\""));
    }

    private static List<String> within(Atlas atlas, double lon, double lat, LocalDate on) {
        return atlas.locate(lon, lat, on).within().stream()
                .map(h -> h.feature().id())
                .toList();
    }

    @Test
    void aZoneRedrawnIn2025AnswersTheOldShapeBeforeAndTheNewShapeAfter() throws IOException {
        Atlas atlas = redrawn();
        // 116.02 lies only in the old shape, 116.12 only in the new, 116.07 in both
        assertThat(within(atlas, 116.02, 40.05, BEFORE)).containsExactly("lake-2018");
        assertThat(within(atlas, 116.02, 40.05, AFTER)).isEmpty();
        assertThat(within(atlas, 116.12, 40.05, BEFORE)).isEmpty();
        assertThat(within(atlas, 116.12, 40.05, AFTER)).containsExactly("lake-2025");
        assertThat(within(atlas, 116.07, 40.05, BEFORE)).containsExactly("lake-2018");
        assertThat(within(atlas, 116.07, 40.05, AFTER)).containsExactly("lake-2025");
        // the change-over is between the last day of the old version and the first of the new
        assertThat(within(atlas, 116.07, 40.05, LocalDate.parse("2024-12-31"))).containsExactly("lake-2018");
        assertThat(within(atlas, 116.07, 40.05, LocalDate.parse("2025-01-01"))).containsExactly("lake-2025");
        assertThat(within(atlas, 116.07, 40.05, LocalDate.parse("2017-12-31"))).isEmpty();
        // today (no day asked) is after 2025: the new shape, also for the brute-force oracle and the nearest-zone
        // search
        assertThat(atlas.zones().containing(116.12, 40.05))
                .extracting(Feature::id)
                .containsExactly("lake-2025");
        assertThat(atlas.zones().containingByScan(116.02, 40.05)).isEmpty();
        assertThat(atlas.locate(116.02, 40.05).nearby())
                .extracting(h -> h.feature().id())
                .containsExactly("lake-2025");
        assertThat(atlas.locate(116.12, 40.05, BEFORE).nearby())
                .extracting(h -> h.feature().id())
                .containsExactly("lake-2018");
        var project = GeoJson.FACTORY.createPoint(new Coordinate(116.02, 40.05)).buffer(0.001);
        assertThat(atlas.zones().intersecting(project, BEFORE))
                .extracting(Feature::id)
                .containsExactly("lake-2018");
        assertThat(atlas.zones().intersecting(project, AFTER)).isEmpty();
        assertThat(atlas.zones().dated()).isTrue();
    }

    @Test
    void everyAnswerNamesTheLayerVersionInForceThatDay() throws IOException {
        Atlas atlas = redrawn();
        String content = atlas.layer("zones").info().version();
        assertThat(atlas.zoneLayerVersions(BEFORE)).containsEntry("zones", content + "/2018-01-01");
        assertThat(atlas.zoneLayerVersions(AFTER)).containsEntry("zones", content + "/2025-01-01");
        assertThat(atlas.zoneLayerVersions(LocalDate.parse("2017-01-01"))).containsEntry("zones", content);
        Atlas undated = load(feature("a", OLD, ""));
        assertThat(undated.zones().dated()).isFalse();
        assertThat(undated.zoneLayerVersions(BEFORE))
                .containsEntry("zones", undated.layer("zones").info().version());
    }

    @Test
    void inconsistentVersionsAreRefusedNamingTheFeature() {
        assertThatThrownBy(() -> load(feature("a", OLD, ",\"validFrom\":\"2025-02-30\"")))
                .hasMessageContaining("feature 'a': validFrom must be an ISO date");
        assertThatThrownBy(() -> load(feature("a", OLD, ",\"validFrom\":\"2025-01-01\",\"validTo\":\"2024-01-01\"")))
                .hasMessageContaining("feature 'a': validTo 2024-01-01 is before validFrom 2025-01-01");
        assertThatThrownBy(() -> load(feature("a", OLD, ",\"validTo\":\"2024-12-31\",\"replacedBy\":\"b\"")))
                .hasMessageContaining("feature 'a': replacedBy 'b' is not a feature of this layer");
        assertThatThrownBy(() -> load(
                        feature("a", OLD, ",\"validTo\":\"2024-12-31\",\"replacedBy\":\"b\""),
                        feature("b", NEW, ",\"validFrom\":\"2025-03-01\"")))
                .hasMessageContaining("feature 'a': its successor 'b' must have validFrom 2025-01-01");
        assertThatThrownBy(() -> load(feature("a", OLD, ",\"replacedBy\":\"b\""), feature("b", NEW, "")))
                .hasMessageContaining("feature 'a': replacedBy names the id of the next version, and needs validTo");
    }
}
