package liuyu.api.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.testing.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * crs and bbox-crs in EPSG:3857 and the CGCS2000 Gauss-Krüger CRSs, checked against PROJ's own
 * {@code cs2cs} (Debian proj-bin), which writes each CRS in its EPSG axis order: easting first for
 * 3857, northing first for Gauss-Krüger.
 */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/ogc-atlas"})
@Tag("integration")
class OgcProjectedCrsTest {
    @LocalServerPort
    int port;

    @Autowired
    AtlasStore atlases;

    /** PROJ's answer for lon/lat points, in the target's EPSG axis order. */
    private static List<double[]> cs2cs(String target, List<Coordinate> lonLat)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder("cs2cs", "-f", "%.6f", "EPSG:4326", target)
                .redirectErrorStream(true)
                .start();
        StringBuilder in = new StringBuilder();
        for (Coordinate c : lonLat) {
            in.append(String.format(Locale.ROOT, "%.9f %.9f%n", c.y, c.x)); // EPSG:4326 is latitude first
        }
        p.getOutputStream().write(in.toString().getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<double[]> result = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] v = line.trim().split("\\s+");
            result.add(new double[] {Double.parseDouble(v[0]), Double.parseDouble(v[1])});
        }
        assertThat(result).as(out).hasSize(lonLat.size());
        return result;
    }

    @ParameterizedTest
    @ValueSource(strings = {"EPSG:3857", "EPSG:4498", "EPSG:4509", "EPSG:4526", "EPSG:4527", "EPSG:4547", "EPSG:4548"})
    void everySectionIsWhereCs2csPutsItInTheCrsAxisOrder(String target) throws Exception {
        Http http = new Http(port);
        Layer sections = atlases.current().layer("sections");
        List<Coordinate> lonLat = sections.features().stream()
                .map(f -> f.geometry().getCoordinate())
                .toList();
        List<double[]> expected = cs2cs(target, lonLat);
        HttpResponse<String> r = http.response("/ogc/collections/sections/items?limit=100&crs=" + target);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String code = target.substring(5);
        assertThat(r.headers().firstValue("Content-Crs"))
                .hasValue("<http://www.opengis.net/def/crs/EPSG/0/" + code + ">");
        JsonNode features = Http.JSON.readTree(r.body()).path("features");
        assertThat(features.size()).isEqualTo(lonLat.size());
        for (int i = 0; i < features.size(); i++) {
            JsonNode xy = features.get(i).path("geometry").path("coordinates");
            // the service writes 3 decimals (1 mm); PROJ and Proj4J agree far closer than that near the central
            // meridian
            assertThat(xy.get(0).asDouble())
                    .as(target + " " + i + " first axis")
                    .isCloseTo(expected.get(i)[0], within(0.002));
            assertThat(xy.get(1).asDouble())
                    .as(target + " " + i + " second axis")
                    .isCloseTo(expected.get(i)[1], within(0.002));
        }
        JsonNode one = http.json(
                "/ogc/collections/sections/items/" + sections.features().get(0).id() + "?crs=" + target);
        assertThat(one.path("geometry").path("coordinates").get(0).asDouble())
                .isCloseTo(expected.get(0)[0], within(0.002));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EPSG:3857", "EPSG:4498", "http://www.opengis.net/def/crs/EPSG/0/4527", "EPSG:4548"})
    void aProjectedBboxInTheCrsAxisOrderFindsExactlyTheSectionsItHolds(String target) throws Exception {
        Http http = new Http(port);
        Layer sections = atlases.current().layer("sections");
        List<Coordinate> lonLat = sections.features().stream()
                .map(f -> f.geometry().getCoordinate())
                .toList();
        List<double[]> projected = cs2cs(target.replace("http://www.opengis.net/def/crs/EPSG/0/", "EPSG:"), lonLat);
        for (int i = 0; i < lonLat.size(); i += 5) {
            double[] p = projected.get(i);
            // a 20 m box around the section, in the CRS's own axis order (PROJ's output order)
            String box = (p[0] - 10) + "," + (p[1] - 10) + "," + (p[0] + 10) + "," + (p[1] + 10);
            List<String> ids = new ArrayList<>();
            http.json("/ogc/collections/sections/items?bbox-crs=" + target + "&bbox=" + box)
                    .path("features")
                    .forEach(f -> ids.add(f.path("id").asString()));
            List<String> expected = new ArrayList<>();
            for (int k = 0; k < lonLat.size(); k++) {
                if (Math.abs(projected.get(k)[0] - p[0]) <= 10
                        && Math.abs(projected.get(k)[1] - p[1]) <= 10) {
                    expected.add(sections.features().get(k).id());
                }
            }
            assertThat(ids)
                    .as(target + " " + box)
                    .contains(sections.features().get(i).id())
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void theGaussKrugerAxesAreNorthingFirstSoAnEastingFirstBoxMissesOrIsRefused() throws Exception {
        Http http = new Http(port);
        Feature s = atlases.current().layer("sections").features().get(0);
        double[] ne = cs2cs("EPSG:4498", List.of(s.geometry().getCoordinate())).get(0);
        String eastingFirst = (ne[1] - 10) + "," + (ne[0] - 10) + "," + (ne[1] + 10) + "," + (ne[0] + 10);
        HttpResponse<String> r =
                http.response("/ogc/collections/sections/items?bbox-crs=EPSG:4498&bbox=" + eastingFirst);
        if (r.statusCode() == 200) {
            assertThat(Http.JSON.readTree(r.body()).path("numberMatched").asInt())
                    .isZero();
        } else {
            assertThat(r.statusCode()).isEqualTo(400);
        }
    }
}
