package liuyu.api.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.geo.GeoJson;
import liuyu.testing.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * GDAL's OAPIF driver, the real client QGIS uses, reads the running service: {@code ogrinfo} lists
 * every collection, and {@code ogr2ogr} copies each one to GeoJSON with the atlas's features and
 * bounding box. Needs Debian {@code gdal-bin}; without it these tests fail, they never skip.
 */
@Tag("integration")
abstract class GdalClientTest {
    @LocalServerPort
    int port;

    @Autowired
    AtlasStore atlases;

    @TempDir
    Path dir;

    private String service() {
        return "OAPIF:http://127.0.0.1:" + port + "/ogc";
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 300 s:\n" + out);
            }
            assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
            return out;
        } catch (IOException e) {
            return fail("cannot run " + command[0] + " (install the Debian package gdal-bin): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    @Test
    void ogrinfoListsEveryCollection() {
        String out = run("ogrinfo", "-ro", "-so", service());
        List<String> listed = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.matches("\\d+: \\S+.*")) {
                listed.add(line.replaceFirst("\\d+: (\\S+).*", "$1"));
            }
        }
        List<String> layers = atlases.current().layers().stream().map(Layer::id).toList();
        assertThat(listed).as(out).containsExactlyElementsOf(layers);
    }

    @Test
    void ogr2ogrCopiesEachCollectionWithTheAtlasFeatureCountAndBoundingBox() throws IOException {
        for (Layer layer : atlases.current().layers()) {
            Path copy = dir.resolve(layer.id() + ".geojson");
            run("ogr2ogr", "-f", "GeoJSON", copy.toString(), service(), layer.id());
            JsonNode fc = Http.JSON.readTree(Files.readString(copy));
            List<String> ids = new ArrayList<>();
            Envelope copied = new Envelope();
            for (JsonNode f : fc.path("features")) {
                ids.add(f.path("properties").path("id").asString());
                copied.expandToInclude(
                        GeoJson.read(f.path("geometry"), "geometry").getEnvelopeInternal());
            }
            assertThat(ids)
                    .as(layer.id())
                    .containsExactlyInAnyOrderElementsOf(
                            layer.features().stream().map(Feature::id).toList());
            Envelope e = layer.extent();
            double tolerance = 1e-7; // the service writes 7 decimals (1 cm)
            assertThat(copied.getMinX())
                    .as(layer.id() + " minX")
                    .isCloseTo(e.getMinX(), org.assertj.core.data.Offset.offset(tolerance));
            assertThat(copied.getMinY())
                    .as(layer.id() + " minY")
                    .isCloseTo(e.getMinY(), org.assertj.core.data.Offset.offset(tolerance));
            assertThat(copied.getMaxX())
                    .as(layer.id() + " maxX")
                    .isCloseTo(e.getMaxX(), org.assertj.core.data.Offset.offset(tolerance));
            assertThat(copied.getMaxY())
                    .as(layer.id() + " maxY")
                    .isCloseTo(e.getMaxY(), org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    /**
     * GDAL pushes {@code -where} to the server and gets the matches. GDAL 3.6 (Debian 12) sends an
     * equality as the collection's {@code ?name=value} parameter it reads in the OpenAPI document;
     * a GDAL that speaks Part 3 sends {@code filter=} (CQL2 Text): either is accepted here.
     */
    @Test
    void ogr2ogrWhereIsPushedToTheServer() throws IOException {
        Layer layer = atlases.current().layers().iterator().next();
        String method = layer.features().get(0).provenance().method().code();
        Path copy = dir.resolve("where.geojson");
        String out = run(
                "ogr2ogr",
                "--debug",
                "on",
                "-f",
                "GeoJSON",
                copy.toString(),
                service(),
                layer.id(),
                "-where",
                "method = '" + method + "'");
        assertThat(out).as(out).containsPattern("/items\\?[^)\\s]*(filter=[^)\\s]*method|method=" + method + ")");
        List<String> ids = new ArrayList<>();
        Http.JSON
                .readTree(Files.readString(copy))
                .path("features")
                .forEach(f -> ids.add(f.path("properties").path("id").asString()));
        assertThat(ids)
                .containsExactlyInAnyOrderElementsOf(layer.features().stream()
                        .filter(f -> f.provenance().method().code().equals(method))
                        .map(Feature::id)
                        .toList());
    }

    @Test
    void ogrinfoReportsEachCollectionsFeatureCountAndExtent() {
        for (Layer layer : atlases.current().layers()) {
            String out = run("ogrinfo", "-ro", "-so", service(), layer.id());
            assertThat(out)
                    .as(out)
                    .contains("Feature Count: " + layer.features().size());
            assertThat(out).contains("TITLE=" + layer.info().titleEn());
        }
    }
}
