package liuyu.imports;

import static liuyu.imports.Fixtures.IN_HOLE;
import static liuyu.imports.Fixtures.IN_Z1;
import static liuyu.imports.Fixtures.IN_Z2;
import static liuyu.imports.Fixtures.Z1;
import static liuyu.imports.Fixtures.Z2;
import static liuyu.imports.Fixtures.args;
import static liuyu.imports.Fixtures.ogr2ogr;
import static liuyu.imports.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.atlas.Feature;
import liuyu.atlas.Layer;
import liuyu.atlas.Method;
import liuyu.geo.Bd09;
import liuyu.geo.Cs2cs;
import liuyu.geo.Gcj02;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each format an agency sends, made by ogr2ogr, imported into an atlas directory and checked against GDAL and PROJ. */
@Tag("integration")
class ImportFormatsTest {
    @TempDir
    Path dir;

    Path atlas() {
        return dir.resolve("atlas");
    }

    Path source() throws IOException {
        return Fixtures.write(dir, "source.geojson", Fixtures.ZONES);
    }

    /** /locate's question, asked of the atlas as the service loads it: z1 and z2 found at their points, nothing in z1's hole. */
    Layer assertLocatesTheZones(String layer) {
        Atlas a = new AtlasLoader().load(atlas());
        assertThat(a.locate(IN_Z1[0], IN_Z1[1]).within())
                .extracting(h -> h.feature().id())
                .containsExactly("z1");
        assertThat(a.locate(IN_Z2[0], IN_Z2[1]).within())
                .extracting(h -> h.feature().id())
                .containsExactly("z2");
        assertThat(a.locate(IN_HOLE[0], IN_HOLE[1]).within()).isEmpty();
        Layer l = a.layer(layer);
        assertThat(l.feature("z1").nameZh().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(Z1.getBytes(StandardCharsets.UTF_8));
        assertThat(l.feature("z2").nameZh().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(Z2.getBytes(StandardCharsets.UTF_8));
        return l;
    }

    static List<org.locationtech.jts.geom.Geometry> geometries(Layer l) {
        return l.features().stream().map(Feature::geometry).toList();
    }

    @Test
    void shapefileInCgcs2000GaussKruger117WithGbkAttributesAndACpg() throws IOException {
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
        assertThat(Files.readString(dir.resolve("zones.cpg")).trim()).isEqualTo("GBK");

        Fixtures.Run r = run(args(
                shp.toString(),
                "--atlas=" + atlas(),
                "--layer=protection-zones",
                "--map",
                "id=编号",
                "--map",
                "nameZh=名称",
                "--map",
                "level=级别"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("encoding: GBK, from zones.cpg")
                .contains(
                        "CRS: EPSG:4548 (CGCS2000 / 3-degree Gauss-Kruger CM 117E), declared by the file (ESRI Shapefile)")
                .contains("transformation to CRS84: inverse projection with Proj4J")
                .contains("features: 2; geometry types: {Polygon=2}")
                .contains("imported protection-zones: 2 features");
        Layer l = assertLocatesTheZones("protection-zones");
        assertThat(l.feature("z1").properties()).containsEntry("level", 1);
        assertThat(l.info().provenance().method()).isEqualTo(Method.SURVEYED);
        assertThat(l.feature("z2").provenance().authoritative()).isTrue();
        assertThat(Fixtures.worstAgainstCs2cs(Fixtures.rawVertices(shp), "EPSG:4548", "EPSG:4490", geometries(l)))
                .isLessThan(0.01);
    }

    @Test
    void shapefileWithoutCpgIsDetectedAsGbk() throws IOException {
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
        Files.delete(dir.resolve("zones.cpg"));
        byte[] dbf = Files.readAllBytes(dir.resolve("zones.dbf"));
        assertThat(new String(dbf, Charset.forName("GBK")))
                .as("the fixture really holds GBK bytes")
                .contains(Z1);

        Fixtures.Run r = run(
                args(shp.toString(), "--atlas=" + atlas(), "--layer=zones", "--map", "id=编号", "--map", "nameZh=名称"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("encoding: GBK, detected (not UTF-8, valid GBK)");
        Layer l = assertLocatesTheZones("zones");
        assertThat(l.feature("z1").properties())
                .as("unmapped attributes keep their Chinese names")
                .containsEntry("级别", 1);
    }

    @Test
    void geoPackageInCgcs2000Geographic() throws IOException {
        Path gpkg = dir.resolve("zones.gpkg");
        ogr2ogr("-f", "GPKG", "-a_srs", "EPSG:4490", "-nln", "保护区", gpkg.toString(), source().toString());

        Fixtures.Run r = run(args(gpkg.toString(), "--atlas=" + atlas(), "--map", "id=编号", "--map", "nameZh=名称"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("format: GPKG, layer '保护区'")
                .contains("encoding: UTF-8")
                .contains("CRS: EPSG:4490 (CGCS2000), declared by the file (GPKG)")
                .contains("none: CGCS2000 taken as coincident with WGS84");
        Layer l = assertLocatesTheZones("zones");
        List<List<double[]>> raw = Fixtures.rawVertices(gpkg);
        double worst = 0;
        for (int i = 0; i < raw.size(); i++) {
            org.locationtech.jts.geom.Coordinate[] c =
                    l.features().get(i).geometry().getCoordinates();
            for (int k = 0; k < c.length; k++) {
                worst = Math.max(
                        worst,
                        Cs2cs.metres(new double[] {c[k].x, c[k].y}, raw.get(i).get(k)));
            }
        }
        assertThat(worst).isLessThan(0.01);
    }

    @Test
    void fileGdbInGaussKrugerZone39WithTheZonePrefix() throws IOException {
        Path gdb = dir.resolve("zones.gdb");
        ogr2ogr("-f", "OpenFileGDB", "-t_srs", "EPSG:4527", "-nln", "zones", gdb.toString(), source().toString());

        Fixtures.Run r = run(
                args(gdb.toString(), "--atlas=" + atlas(), "--layer=zones", "--map", "id=编号", "--map", "nameZh=名称"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("format: OpenFileGDB")
                .contains("EPSG:4527 (CGCS2000 / 3-degree Gauss-Kruger zone 39)");
        Layer l = assertLocatesTheZones("zones");
        assertThat(Fixtures.worstAgainstCs2cs(Fixtures.rawVertices(gdb), "EPSG:4527", "EPSG:4490", geometries(l)))
                .isLessThan(0.01);
    }

    @Test
    void kml() throws IOException {
        Path kml = dir.resolve("zones.kml");
        ogr2ogr("-f", "KML", kml.toString(), source().toString());

        Fixtures.Run r = run(args(kml.toString(), "--atlas=" + atlas(), "--map", "id=编号", "--map", "nameZh=名称"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("CRS: EPSG:4326 (WGS 84), declared by the file");
        assertLocatesTheZones("zones");
    }

    @Test
    void kmzAsGoogleEarthWritesItImportsTheSame() throws IOException {
        // a KMZ is a zip whose root document is doc.kml, with attributes as ExtendedData: GDAL's LIBKML driver writes
        // one
        Path kmz = dir.resolve("zones.kmz");
        ogr2ogr("-f", "LIBKML", kmz.toString(), source().toString());
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(kmz.toFile())) {
            assertThat(zip.getEntry("doc.kml")).isNotNull();
        }

        Fixtures.Run r = run(args(kmz.toString(), "--atlas=" + atlas(), "--map", "id=编号", "--map", "nameZh=名称"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("format: LIBKML").contains("CRS: EPSG:4326 (WGS 84), declared by the file");
        Layer l = assertLocatesTheZones("zones");
        assertThat(l.features()).hasSize(2);
    }

    @Test
    void dxfFromCadNeedsItsCrsGivenAndFallsBackToTheIdForNames() throws IOException {
        Path dxf = dir.resolve("zones.dxf");
        ogr2ogr(
                "-f",
                "DXF",
                "-t_srs",
                "EPSG:4548",
                "-sql",
                "SELECT \"编号\" AS Layer FROM source",
                dxf.toString(),
                source().toString());

        Fixtures.Run refused = run(args(dxf.toString(), "--atlas=" + atlas(), "--map", "id=Layer"));
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err())
                .contains("no CRS declared and the coordinates are not longitude/latitude")
                .contains("Gauss-Krüger or UTM without a zone prefix (false easting 500 000 m)");

        Fixtures.Run r = run(args(dxf.toString(), "--atlas=" + atlas(), "--crs=EPSG:4548", "--map", "id=Layer"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("CRS: EPSG:4548 (CGCS2000 / 3-degree Gauss-Kruger CM 117E), given with --crs")
                .contains("warning: " + dxf + ": nameZh missing on 2 features (z1, z2): the id is shown instead");
        Atlas a = new AtlasLoader().load(atlas());
        assertThat(a.locate(IN_Z2[0], IN_Z2[1]).within())
                .extracting(h -> h.feature().nameZh())
                .containsExactly("z2");
        assertThat(Fixtures.worstAgainstCs2cs(
                        Fixtures.rawVertices(dxf), "EPSG:4548", "EPSG:4490", geometries(a.layer("zones"))))
                .isLessThan(0.01);
    }

    @Test
    void geoJsonDeclaringCgcs2000GaussKruger114() throws IOException {
        Path projected = dir.resolve("zones-4547.geojson");
        ogr2ogr("-f", "GeoJSON", "-t_srs", "EPSG:4547", projected.toString(), source().toString());
        assertThat(Files.readString(projected)).contains("\"urn:ogc:def:crs:EPSG::4547\"");

        Fixtures.Run r = run(args(
                projected.toString(), "--atlas=" + atlas(), "--layer=zones", "--map", "id=编号", "--map", "nameZh=名称"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("CRS: EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E), declared by the file (GeoJSON)");
        Layer l = assertLocatesTheZones("zones");
        assertThat(Fixtures.worstAgainstCs2cs(Fixtures.rawVertices(projected), "EPSG:4547", "EPSG:4490", geometries(l)))
                .isLessThan(0.01);
    }

    /** Monitoring sections as a spreadsheet export: GBK, coordinates in DMS. */
    @Test
    void csvPointsInDmsAndGbk() throws IOException {
        Path csv = dir.resolve("sections.csv");
        Files.write(
                csv,
                ("编号,名称,东经,北纬,水质目标\n"
                                + "s1,密云水库坝前,\"116°54'36\"\"E\",\"40°28'48\"\"N\",II\n"
                                + "s2,潮白河苏庄,\"116°39'00\"\"E\",\"40°18'36\"\"N\",III\n")
                        .getBytes(Charset.forName("GBK")));

        Fixtures.Run r = run(args(
                csv.toString(),
                "--atlas=" + atlas(),
                "--layer=sections",
                "--map",
                "id=编号",
                "--map",
                "nameZh=名称",
                "--map",
                "targetClass=水质目标"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("encoding: GBK, detected")
                .contains("(sections)")
                .contains("geometry types: {Point=2}");
        Layer l = new AtlasLoader().load(atlas()).layer("sections");
        // 116°54'36" = 116.91, 40°28'48" = 40.48; 116°39' = 116.65, 40°18'36" = 40.31
        assertThat(l.feature("s1").geometry().getCoordinate().x).isEqualTo(116.91);
        assertThat(l.feature("s1").geometry().getCoordinate().y).isEqualTo(40.48);
        assertThat(l.feature("s2").geometry().getCoordinate().x).isEqualTo(116.65);
        assertThat(l.feature("s2").geometry().getCoordinate().y).isEqualTo(40.31);
        assertThat(l.feature("s1").nameZh()).isEqualTo("密云水库坝前");
        assertThat(l.feature("s2").properties())
                .containsEntry("targetClass", "III")
                .doesNotContainKey("东经");
    }

    /** A point list kept in Excel, made by ogr2ogr from a CSV: names in the first row, DMS cells. */
    @Test
    void xlsxPointsInDms() throws IOException {
        Path csv = Fixtures.write(
                dir, "o.csv", "id,nameZh,type,经度,纬度\nof-1,某排污口,industrial,\"116°51'04\"\"E\",\"40°22'35\"\"N\"\n");
        Path xlsx = dir.resolve("outfalls.xlsx");
        ogr2ogr("-f", "XLSX", "-oo", "AUTODETECT_TYPE=NO", xlsx.toString(), csv.toString());

        Fixtures.Run r = run(args(xlsx.toString(), "--atlas=" + atlas(), "--layer=outfalls"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("format: XLSX").contains("attributes: [id, nameZh, type, 经度, 纬度]");
        org.locationtech.jts.geom.Coordinate c = new AtlasLoader()
                .load(atlas())
                .layer("outfalls")
                .feature("of-1")
                .geometry()
                .getCoordinate();
        // 116 + 51/60 + 4/3600 and 40 + 22/60 + 35/3600, stored with 8 decimals
        assertThat(c.x).isCloseTo(116.851111111, org.assertj.core.api.Assertions.within(1e-8));
        assertThat(c.y).isCloseTo(40.376388889, org.assertj.core.api.Assertions.within(1e-8));
    }

    /** Outfalls copied from web maps: GCJ-02 (Amap, Tencent) and BD-09 (Baidu) columns, converted by the service's own converters. */
    @Test
    void csvPointsCopiedFromWebMaps() throws IOException {
        double[] wgs = {116.8512345, 40.3765432};
        double[] gcj = Gcj02.fromWgs84(wgs[0], wgs[1]);
        double[] bd = Bd09.fromWgs84(wgs[0], wgs[1]);
        Path amap = Fixtures.write(
                dir,
                "outfalls-gcj.csv",
                "id,nameZh,type,lng,lat\nof-1,某排污口,industrial," + gcj[0] + "," + gcj[1] + "\n");
        Path baidu = Fixtures.write(
                dir, "outfalls-bd.csv", "id,nameZh,type,lng,lat\nof-1,某排污口,industrial," + bd[0] + "," + bd[1] + "\n");

        Fixtures.Run r = run(args(amap.toString(), "--atlas=" + atlas(), "--layer=outfalls", "--crs=GCJ-02"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("CRS: GCJ-02 (GCJ-02 (web-map copy of WGS84)), given with --crs")
                .contains("GCJ-02 to WGS84 by liuyu.geo.Gcj02");
        org.locationtech.jts.geom.Coordinate c = new AtlasLoader()
                .load(atlas())
                .layer("outfalls")
                .feature("of-1")
                .geometry()
                .getCoordinate();
        assertThat(Cs2cs.metres(new double[] {c.x, c.y}, wgs)).isLessThan(0.01);
        assertThat(gcj[0] - wgs[0])
                .as("the web-map copy is hundreds of metres off")
                .isGreaterThan(0.005);

        Fixtures.Run b = run(args(baidu.toString(), "--atlas=" + atlas(), "--layer=outfalls", "--crs=BD-09"));
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).contains("a real run replaces layer 'outfalls'");
        c = new AtlasLoader()
                .load(atlas())
                .layer("outfalls")
                .feature("of-1")
                .geometry()
                .getCoordinate();
        assertThat(Cs2cs.metres(new double[] {c.x, c.y}, wgs)).isLessThan(0.01);
    }

    @Test
    void xian1980IsImportedOnlyWithAnExplicitCrsAndLabelledApproximate() throws IOException {
        Path shp = dir.resolve("old.shp");
        ogr2ogr(
                "-f",
                "ESRI Shapefile",
                "-s_srs",
                "EPSG:4610",
                "-t_srs",
                "EPSG:2384",
                "-lco",
                "ENCODING=UTF-8",
                shp.toString(),
                source().toString());

        Fixtures.Run refused = run(args(shp.toString(), "--atlas=" + atlas(), "--map", "id=编号", "--map", "nameZh=名称"));
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err())
                .contains("declares EPSG:2384 (Xian 1980 / 3-degree Gauss-Kruger CM 117E): Xi'an 1980 and Beijing 1954"
                        + " are imported only with an explicit --crs=EPSG:2384");
        assertThat(atlas()).doesNotExist();

        Fixtures.Run r = run(
                args(shp.toString(), "--atlas=" + atlas(), "--crs=EPSG:2384", "--map", "id=编号", "--map", "nameZh=名称"));
        assertThat(r.code()).as(r.err()).isZero();
        Layer l = new AtlasLoader().load(atlas()).layer("old");
        assertThat(l.info().provenance().accuracy())
                .contains("(approximate)")
                .contains("no official Xi'an 1980 / Beijing 1954");
        assertThat(l.info().provenance().authoritative())
                .as("never authoritative after an approximate datum")
                .isFalse();
        assertThat(Fixtures.worstAgainstCs2cs(Fixtures.rawVertices(shp), "EPSG:2384", "EPSG:4610", geometries(l)))
                .isLessThan(0.01);
    }

    @Test
    void aMappingFileCarriesTheSettingsOfRepeatedImports() throws IOException {
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
        Path mapping = Fixtures.write(dir, "zones.yaml", """
            layer: protection-zones
            titleZh: 饮用水水源保护区
            map: {id: 编号, nameZh: 名称, level: 级别}
            method: surveyed
            source: 北京市水务局
            licence: internal
            accuracy: 1:10000 survey
            authoritative: true
            """);

        Fixtures.Run r = run(shp.toString(), "--atlas=" + atlas(), "--mapping=" + mapping);

        assertThat(r.code()).as(r.err()).isZero();
        Layer l = assertLocatesTheZones("protection-zones");
        assertThat(l.info().titleZh()).isEqualTo("饮用水水源保护区");
        assertThat(l.info().provenance().source()).isEqualTo("北京市水务局");
        assertThat(Files.readString(atlas().resolve("atlas.yaml"))).contains("titleZh: \"饮用水水源保护区\"");
    }
}
