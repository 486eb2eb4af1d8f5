package liuyu.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A machine without GDAL: GeoJSON still imports; other formats are refused with how to install GDAL. */
@Tag("integration")
class WithoutGdalTest {
    final Gdal missing = new Gdal("/nonexistent-gdal-bin");

    @Test
    void geoJsonIsReadWithoutGdal(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> missing.run(List.of(missing.tool("ogr2ogr"), "--version"), null))
                .isInstanceOf(Gdal.Missing.class);
        List<SourceReader.RawFeature> read = new ArrayList<>();
        try (SourceReader.Source s =
                new SourceReader(missing).read(Fixtures.write(dir, "z.geojson", Fixtures.ZONES), null, null)) {
            s.forEach(read::add);
        }
        assertThat(read).hasSize(2);
        assertThat(read.get(0).properties()).containsEntry("名称", Fixtures.Z1);
    }

    @Test
    void otherFormatsSayHowToInstallGdal(@TempDir Path dir) throws IOException {
        Path shp = dir.resolve("z.shp");
        Fixtures.ogr2ogr(
                "-f",
                "ESRI Shapefile",
                shp.toString(),
                Fixtures.write(dir, "z.geojson", Fixtures.ZONES).toString());
        assertThatThrownBy(() -> new SourceReader(missing).read(shp, null, null))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining(
                        shp + ": reading this format needs GDAL, which is not on this machine:"
                                + " install GDAL's command-line tools (Debian/Ubuntu: apt-get install gdal-bin) (GeoJSON files import without it)");
    }
}
