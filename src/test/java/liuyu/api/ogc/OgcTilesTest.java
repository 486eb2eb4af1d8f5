package liuyu.api.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import liuyu.atlas.AtlasStore;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.geo.GeoJson;
import liuyu.geo.ProjectedCrs;
import liuyu.testing.Http;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * OGC API – Tiles: each tile is decoded by GDAL's MVT driver ({@code ogrinfo}, Debian gdal-bin) and
 * compared with the layer's features clipped to the tile by JTS: the same features, and polygon
 * areas within the tile's 4096-unit grid rounding (GDAL is told not to cut the 64-unit buffer off: CLIP=NO).
 */
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/ogc-atlas"})
@Tag("integration")
class OgcTilesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    AtlasStore atlases;

    @TempDir
    Path dir;

    /** The slippy-map formulas (OSM wiki), independent of the service's WebMercatorQuad class: the tile's lon/lat box. */
    private static Envelope tileLonLat(int z, int x, int y, double grow) {
        double n = 1 << z;
        double west = (x - grow) / n * 360 - 180;
        double east = (x + 1 + grow) / n * 360 - 180;
        double north = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * (y - grow) / n))));
        double south = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * (y + 1 + grow) / n))));
        return new Envelope(west, east, south, north);
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String ogrinfo(Path tile, int z, int x, int y) {
        try {
            Process p = new ProcessBuilder(
                            "ogrinfo",
                            "-ro",
                            "-al",
                            "-oo",
                            "CLIP=NO",
                            "-oo",
                            "Z=" + z,
                            "-oo",
                            "X=" + x,
                            "-oo",
                            "Y=" + y,
                            tile.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        } catch (IOException e) {
            return fail("cannot run ogrinfo (install the Debian package gdal-bin): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** id → geometry (EPSG:3857) of the features ogrinfo prints. */
    private static Map<String, Geometry> decoded(String out) throws ParseException {
        Map<String, Geometry> features = new LinkedHashMap<>();
        String id = null;
        for (String line : out.split("\n")) {
            String t = line.strip();
            if (t.startsWith("id (String) = ")) {
                id = t.substring("id (String) = ".length());
            } else if (id != null && t.matches("(MULTI)?(POINT|LINESTRING|POLYGON) .*")) {
                features.put(id, new WKTReader().read(t));
                id = null;
            }
        }
        return features;
    }

    static boolean subUnit(Geometry metres, double unit) {
        return metres.getEnvelopeInternal().getWidth() < unit
                && metres.getEnvelopeInternal().getHeight() < unit;
    }

    @Test
    void eachTileHoldsExactlyTheFeaturesThatMeetItClippedToItsBuffer() throws Exception {
        ProjectedCrs mercator = ProjectedCrs.parse("EPSG:3857");
        int checked = 0;
        for (int[] t : new int[][] {{8, 210, 96}, {8, 210, 97}, {9, 421, 193}, {10, 842, 387}, {6, 52, 24}}) {
            int z = t[0];
            int x = t[1];
            int y = t[2];
            for (Layer layer : atlases.current().layers()) {
                HttpResponse<byte[]> r =
                        get("/ogc/collections/" + layer.id() + "/tiles/WebMercatorQuad/" + z + "/" + y + "/" + x);
                Envelope withBuffer = tileLonLat(z, x, y, 64.0 / 4096);
                Geometry clip = GeoJson.FACTORY.toGeometry(withBuffer);
                // a line or polygon under one tile unit both ways collapses on the grid and is left out, as
                // ST_AsMVTGeom does
                double tileUnit = 2 * Math.PI * 6_378_137.0 / (1 << z) / 4096;
                List<String> expected = layer.features().stream()
                        .filter(f -> clip.intersects(f.geometry()))
                        .filter(f -> f.geometry().getDimension() == 0
                                || !subUnit(mercator.fromLonLat(f.geometry()), tileUnit))
                        .map(Feature::id)
                        .toList();
                if (expected.isEmpty()) {
                    assertThat(r.statusCode())
                            .as(layer.id() + " " + z + "/" + y + "/" + x)
                            .isEqualTo(204);
                    continue;
                }
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type")).hasValue(OgcTilesController.MVT);
                Path file = dir.resolve(layer.id() + "-" + z + "-" + x + "-" + y + ".mvt");
                Files.write(file, r.body());
                Map<String, Geometry> got = decoded(ogrinfo(file, z, x, y));
                assertThat(got.keySet())
                        .as(layer.id() + " " + z + "/" + y + "/" + x)
                        .containsExactlyInAnyOrderElementsOf(expected);
                Geometry clipMetres = mercator.fromLonLat(clip);
                double unit = clipMetres.getEnvelopeInternal().getWidth() / (4096 + 128);
                for (Feature f : layer.features()) {
                    if (!got.containsKey(f.id())) {
                        continue;
                    }
                    Geometry clipped = mercator.fromLonLat(f.geometry()).intersection(clipMetres);
                    Geometry tile = got.get(f.id());
                    if (clipped.getDimension() == 2) {
                        // each boundary vertex moves at most half a grid unit
                        double tolerance = clipped.getLength() * unit + 4 * unit * unit;
                        assertThat(Math.abs(tile.getArea() - clipped.getArea()))
                                .as(f.id() + " area")
                                .isLessThanOrEqualTo(tolerance);
                    }
                    assertThat(tile.getEnvelopeInternal().getMinX())
                            .as(f.id())
                            .isCloseTo(
                                    clipped.getEnvelopeInternal().getMinX(), org.assertj.core.data.Offset.offset(unit));
                    assertThat(tile.getEnvelopeInternal().getMaxY())
                            .as(f.id())
                            .isCloseTo(
                                    clipped.getEnvelopeInternal().getMaxY(), org.assertj.core.data.Offset.offset(unit));
                    checked++;
                }
            }
        }
        assertThat(checked).as("features compared").isGreaterThan(20);
    }

    @Test
    void tilesAreDeclaredAndDescribedAndBadAddressesAreRefused() throws Exception {
        Http http = new Http(port);
        assertThat(Http.link(http.json("/ogc"), OgcTilesController.TILING_SCHEMES))
                .endsWith("/ogc/tileMatrixSets");
        JsonNode collection = http.json("/ogc/collections/zones");
        String tiles = Http.link(collection, OgcTilesController.TILESETS_VECTOR);
        JsonNode tileset = http.json(tiles).path("tilesets").get(0);
        assertThat(tileset.path("tileMatrixSetURI").asString())
                .isEqualTo("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
        String template = null;
        for (JsonNode l : tileset.path("links")) {
            if (l.path("rel").asString().equals("item")) {
                template = l.path("href").asString();
                assertThat(l.path("templated").asBoolean()).isTrue();
            }
        }
        assertThat(template).endsWith("/ogc/collections/zones/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}");
        JsonNode tms = http.json("/ogc/tileMatrixSets/WebMercatorQuad");
        assertThat(tms.path("tileMatrices").get(0).path("scaleDenominator").asDouble())
                .isCloseTo(559082264.0287178, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(tms.path("tileMatrices").get(3).path("matrixWidth").asInt()).isEqualTo(8);
        List<String> conformance = new ArrayList<>();
        http.json("/ogc/conformance").path("conformsTo").forEach(c -> conformance.add(c.asString()));
        assertThat(conformance)
                .contains(
                        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
                        "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt");
        assertThat(get("/ogc/collections/zones/tiles/WebMercatorQuad/2/4/0").statusCode())
                .isEqualTo(404);
        assertThat(get("/ogc/collections/zones/tiles/WebMercatorQuad/23/0/0").statusCode())
                .isEqualTo(404);
        assertThat(get("/ogc/collections/zones/tiles/WebMercatorQuad/a/0/0").statusCode())
                .isEqualTo(400);
        assertThat(get("/ogc/collections/zones/tiles/WebMercatorQuad/0/0/0?f=xml")
                        .statusCode())
                .isEqualTo(400);
        // the second request is served from the cache, byte for byte
        byte[] first =
                get("/ogc/collections/zones/tiles/WebMercatorQuad/8/96/210").body();
        assertThat(get("/ogc/collections/zones/tiles/WebMercatorQuad/8/96/210").body())
                .isEqualTo(first);
    }
}
