package liuyu.terrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import liuyu.atlas.AtlasProperties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the service's DEM is named: atlas.yaml, the settings, never both; without one, why not. */
@Tag("integration")
class DemSettingTest {
    static final DemProperties NONE = new DemProperties(null, null, null, null, null, null);

    @TempDir
    Path dir;

    AtlasProperties files() {
        return new AtlasProperties(dir, AtlasProperties.Source.FILES, java.time.Duration.ofSeconds(5), false);
    }

    void manifest(String dem) throws Exception {
        Files.writeString(
                dir.resolve("atlas.yaml"), "atlas: {id: t, titleEn: T, version: '1'}\n" + dem + "layers: []\n");
    }

    DemProperties setting(Path file, String method) {
        return new DemProperties(file, method, "made by the test", "CC0-1.0", "exact", false);
    }

    @Test
    void aDemInTheSettingsServesAnAtlasWhoseManifestNamesNone() throws Exception {
        manifest("");
        Path tif = SyntheticDems.valley(dir.resolve("v.tif"), 499_000, 4_487_000);
        TerrainService t = new TerrainService(files(), setting(tif, "synthetic"));
        assertThat(t.absent()).isNull();
    }

    @Test
    void aDemNamedInBothPlacesIsRefusedNamingBoth() throws Exception {
        Path tif = SyntheticDems.valley(dir.resolve("v.tif"), 499_000, 4_487_000);
        manifest("dem: {file: v.tif, method: synthetic, source: s, licence: l, accuracy: a, authoritative: false}\n");
        assertThatThrownBy(() -> new TerrainService(files(), setting(tif, "synthetic")))
                .isInstanceOf(TerrainException.class)
                .hasMessageContaining("a DEM is named twice")
                .hasMessageContaining("liuyu.terrain.dem.file");
    }

    @Test
    void aSettingWithoutItsProvenanceIsRefusedNamingWhatIsMissing() throws Exception {
        manifest("");
        Path tif = SyntheticDems.valley(dir.resolve("v.tif"), 499_000, 4_487_000);
        assertThatThrownBy(
                        () -> new TerrainService(files(), new DemProperties(tif, "measured", null, null, null, null)))
                .isInstanceOf(TerrainException.class)
                .hasMessage("liuyu.terrain.dem: missing source, licence, accuracy, authoritative; "
                        + "method must be surveyed, derived, schematic or synthetic");
    }

    @Test
    void withoutADemThePostgisProfileSaysWhichSettingNamesOne() {
        TerrainService t = new TerrainService(
                new AtlasProperties(dir, AtlasProperties.Source.POSTGIS, java.time.Duration.ofSeconds(5), false), NONE);
        assertThat(t.absent())
                .startsWith("no DEM is configured: a service reading its layers from PostGIS names one with"
                        + " liuyu.terrain.dem.file");
    }
}
