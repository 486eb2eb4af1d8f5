package liuyu.imports;

import static liuyu.imports.Fixtures.args;
import static liuyu.imports.Fixtures.ogr2ogr;
import static liuyu.imports.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import liuyu.atlas.AtlasLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal names the file, the feature and the field, and leaves the atlas exactly as it was: each test
 * starts from an atlas holding one imported layer and compares every file's digest afterwards.
 */
@Tag("integration")
class ImportRefusalsTest {
    @TempDir
    Path dir;

    Path atlas;
    Map<String, String> before;

    @BeforeEach
    void anAtlasWithOneLayer() throws IOException {
        atlas = dir.resolve("atlas");
        Path existing = Fixtures.write(dir, "existing.geojson", Fixtures.ZONES);
        Fixtures.Run r = run(
                args(existing.toString(), "--atlas=" + atlas, "--layer=zones", "--map", "id=编号", "--map", "nameZh=名称"));
        assertThat(r.code()).as(r.err()).isZero();
        before = Fixtures.snapshot(atlas);
    }

    Fixtures.Run refused(String... args) throws IOException {
        Fixtures.Run r = run(args);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("import refused; nothing was written");
        assertThat(Fixtures.snapshot(atlas)).as("the atlas is untouched").isEqualTo(before);
        new AtlasLoader().load(atlas);
        return r;
    }

    Path source() throws IOException {
        return Fixtures.write(dir, "source.geojson", Fixtures.ZONES);
    }

    @Test
    void aCrsWithoutAnEpsgCode() throws IOException {
        Path shp = dir.resolve("local.shp");
        ogr2ogr(
                "-f",
                "ESRI Shapefile",
                "-t_srs",
                "+proj=tmerc +lat_0=0 +lon_0=116.35 +k=1 +x_0=50000 +y_0=-4400000 +ellps=GRS80 +units=m",
                "-lco",
                "ENCODING=UTF-8",
                shp.toString(),
                source().toString());
        Fixtures.Run r = refused(args(shp.toString(), "--atlas=" + atlas, "--layer=zones", "--map", "id=编号"));
        assertThat(r.err())
                .contains(shp + ": unknown CRS: the file declares '")
                .contains("which has no EPSG code; give its EPSG code with --crs");
    }

    @Test
    void anUnsupportedCrs() throws IOException {
        Path merc = dir.resolve("web.geojson");
        ogr2ogr("-f", "GeoJSON", "-t_srs", "EPSG:3857", merc.toString(), source().toString());
        Fixtures.Run r = refused(args(merc.toString(), "--atlas=" + atlas, "--layer=zones", "--map", "id=编号"));
        assertThat(r.err())
                .contains(
                        merc
                                + ": unknown CRS 'urn:ogc:def:crs:EPSG::3857' (declared by the file (GeoJSON)); supported: EPSG:4490");
        Fixtures.Run given = refused(
                args(merc.toString(), "--atlas=" + atlas, "--layer=zones", "--crs=EPSG:99999", "--map", "id=编号"));
        assertThat(given.err()).contains("unknown CRS 'EPSG:99999' (given with --crs)");
    }

    @Test
    void noCrsAndProjectedNumbersNameTheGaussKrugerZone() throws IOException {
        Path shp = dir.resolve("noprj.shp");
        ogr2ogr(
                "-f",
                "ESRI Shapefile",
                "-t_srs",
                "EPSG:4527",
                "-lco",
                "ENCODING=UTF-8",
                shp.toString(),
                source().toString());
        Files.delete(dir.resolve("noprj.prj"));
        Fixtures.Run r = refused(args(shp.toString(), "--atlas=" + atlas, "--layer=zones", "--map", "id=编号"));
        assertThat(r.err())
                .contains(shp + ": no CRS declared and the coordinates are not longitude/latitude (x 39")
                .contains(
                        "likely 3-degree Gauss-Krüger zone 39 with the zone prefix (central meridian 117°E): CGCS2000 EPSG:4527,"
                                + " Xi'an 1980 EPSG:2363 or Beijing 1954 EPSG:2415; give --crs");
    }

    @Test
    void undecodableTextNamesTheFeatureAndAttribute() throws IOException {
        Path bad = dir.resolve("bad.geojson");
        byte[] head =
                "{\"type\":\"FeatureCollection\",\"features\":[{\"type\": \"Feature\", \"properties\": {\"id\": \"a\", \"nameZh\": \"ok\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[116,40]}},\n{\"type\": \"Feature\", \"properties\": {\"id\": \"b\", \"nameZh\": \""
                        .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[116.1,40]}}]}"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xFF; // a lead byte neither UTF-8 nor GB18030 has
        all[head.length + 1] = (byte) 0xFE;
        System.arraycopy(tail, 0, all, head.length + 2, tail.length);
        Files.write(bad, all);
        Fixtures.Run r = refused(args(bad.toString(), "--atlas=" + atlas, "--layer=points"));
        assertThat(r.err())
                .contains(bad + ": feature #2, attribute 'nameZh' (byte " + head.length
                        + "): text is neither UTF-8 nor GBK/GB18030");
        assertThat(r.err()).doesNotContain("\uFFFD");
    }

    @Test
    void aCpgThatDoesNotMatchTheBytes() throws IOException {
        Path shp = dir.resolve("zones.shp");
        ogr2ogr(
                "-f",
                "ESRI Shapefile",
                "-t_srs",
                "EPSG:4548",
                "-lco",
                "ENCODING=GBK",
                shp.toString(),
                source().toString());
        Files.writeString(dir.resolve("zones.cpg"), "UTF-8");
        Fixtures.Run r = refused(args(shp.toString(), "--atlas=" + atlas, "--map", "id=编号"));
        assertThat(r.err())
                .contains(shp + ": attribute name #1 (byte")
                .contains("text is not valid UTF-8 (from zones.cpg); give the file's encoding with --encoding");
        Fixtures.Run ok =
                run(args(shp.toString(), "--atlas=" + atlas, "--encoding=GBK", "--map", "id=编号", "--map", "nameZh=名称"));
        assertThat(ok.code())
                .as("--encoding overrides a wrong .cpg: " + ok.err())
                .isZero();
    }

    @Test
    void aMissingRequiredAttributeIsListedWithTheKind() throws IOException {
        Path csv = Fixtures.write(dir, "outfalls.csv", "id,nameZh,lon,lat\nof-1,某排污口,116.85,40.37\n");
        Fixtures.Run r = refused(args(csv.toString(), "--atlas=" + atlas, "--layer=outfalls"));
        assertThat(r.err())
                .contains(csv
                        + ": required attribute 'type' of outfalls layers is not mapped: give --map type=<attribute>"
                        + " (attributes: id, nameZh, lon, lat)");
        Fixtures.Run unknown =
                refused(args(csv.toString(), "--atlas=" + atlas, "--layer=outfalls", "--map", "type=类型"));
        assertThat(unknown.err())
                .contains("--map type=类型: " + csv + " has no attribute '类型' (attributes: id, nameZh, lon, lat)");
    }

    @Test
    void anInvalidPolygonIsRefusedUnlessRepairedAndEachRepairIsReported() throws IOException {
        Path bowtie = Fixtures.write(dir, "bowtie.geojson", """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"id":"bow","nameZh":"蝴蝶"},"geometry":{"type":"Polygon","coordinates":
              [[[116,40],[116.1,40.1],[116.1,40],[116,40.1],[116,40]]]}}]}""");
        Fixtures.Run dry = run(args(bowtie.toString(), "--atlas=" + atlas, "--layer=zones", "--dry-run"));
        assertThat(dry.out())
                .contains("problem: " + bowtie + ": feature 'bow': invalid geometry: Self-intersection at 116.05 40.05"
                        + " (--make-valid repairs it and reports the repair)");
        Fixtures.Run r = refused(args(bowtie.toString(), "--atlas=" + atlas, "--layer=zones"));
        assertThat(r.err()).contains("feature 'bow': invalid geometry: Self-intersection at 116.05 40.05");

        Fixtures.Run fixed = run(args(bowtie.toString(), "--atlas=" + atlas, "--layer=zones", "--make-valid"));
        assertThat(fixed.code()).as(fixed.err()).isZero();
        assertThat(fixed.out())
                .contains(
                        "repaired: feature 'bow': Self-intersection at 116.05 40.05: repaired to a valid MultiPolygon");
        assertThat(new AtlasLoader().load(atlas).locate(116.02, 40.05).within())
                .extracting(h -> h.feature().id())
                .containsExactly("bow");
    }

    @Test
    void duplicateIds() throws IOException {
        Path dup = Fixtures.write(dir, "dup.geojson", Fixtures.ZONES.replace("\"z2\"", "\"z1\""));
        Fixtures.Run r = refused(args(dup.toString(), "--atlas=" + atlas, "--layer=zones", "--map", "id=编号"));
        assertThat(r.err()).contains(dup + ": feature 'z1': duplicate id");
    }

    @Test
    void missingLayerProvenance() throws IOException {
        Fixtures.Run r = refused(
                source().toString(), "--atlas=" + atlas, "--layer=new-zones", "--map", "id=编号", "--method=surveyed");
        assertThat(r.err())
                .contains("layer provenance 'source' missing: give --source=…")
                .contains("layer provenance 'licence' missing");
    }

    @Test
    void aDryRunReportsAndWritesNothing() throws IOException {
        Fixtures.Run r =
                run(args(source().toString(), "--atlas=" + atlas, "--layer=zones", "--map", "id=编号", "--dry-run"));
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("features: 2; geometry types: {Polygon=2}")
                .contains("bbox (CRS84): 116.600000, 40.300000, 117.000000, 40.600000")
                .contains("warning: " + dir.resolve("source.geojson") + ": nameZh missing on 2 features (z1, z2)")
                .contains("a real run replaces layer 'zones' in " + atlas.resolve("atlas.yaml")
                        + " (2 features in layers/zones.geojson)")
                .endsWith("dry run: nothing written\n");
        assertThat(Fixtures.snapshot(atlas)).isEqualTo(before);
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        assertThat(run(source().toString(), "--atlas=" + atlas, "--map", "nameZh")
                        .code())
                .isEqualTo(2);
        assertThat(run(source().toString(), "--atlas=" + atlas, "--kind=lakes").code())
                .isEqualTo(2);
        assertThat(run(source().toString(), "--atlas=" + atlas, "--colour=red").code())
                .isEqualTo(2);
        assertThat(Fixtures.snapshot(atlas)).isEqualTo(before);
    }
}
