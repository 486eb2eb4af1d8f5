package liuyu.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liuyu.imports.SourceReader.RawFeature;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBReader;

/** GDAL's PGDUMP text read back: names, typed values, escapes, geometry, strict decoding (hand-made dumps). */
class PgDumpTest {
    static final Charset GBK = Charset.forName("GBK");

    // the head GDAL 3.6 writes (ogr2ogr --config PG_USE_COPY YES -f PGDUMP -lco LAUNDER=NO …), names in GBK
    static byte[] dump(List<byte[]> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("""
                SET standard_conforming_strings = OFF;
                BEGIN;
                CREATE TABLE "public"."t" ( "ogc_fid" SERIAL, CONSTRAINT "t_pk" PRIMARY KEY ("ogc_fid") );
                SELECT AddGeometryColumn('public','t','wkb_geometry',4326,'POINT',2);
                ALTER TABLE "public"."t" ADD COLUMN "编号" VARCHAR(80);
                ALTER TABLE "public"."t" ADD COLUMN "n" NUMERIC(9,0);
                ALTER TABLE "public"."t" ADD COLUMN "r" NUMERIC(24,15);
                ALTER TABLE "public"."t" ADD COLUMN "d" date;
                ALTER TABLE "public"."t" ADD COLUMN "b" BOOLEAN;
                ALTER TABLE "public"."t" ADD COLUMN "a""q" VARCHAR;
                COPY "public"."t" ("wkb_geometry", "编号", "n", "r", "d", "b", "a""q") FROM STDIN;
                """.getBytes(GBK));
        rows.forEach(r -> {
            out.writeBytes(r);
            out.write('\n');
        });
        out.writeBytes("\\.\nEND;\nCOMMIT;\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static final String POINT = "0101000020E61000000000000000005D400000000000004440"; // POINT(116 40), SRID 4326

    static byte[] row(String text) {
        return text.getBytes(GBK);
    }

    static List<RawFeature> read(byte[] dump, Charset charset, Set<String> fields) {
        List<RawFeature> out = new ArrayList<>();
        new PgDump("t.shp", charset, charset.name(), "from t.cpg")
                .read(new ByteArrayInputStream(dump), fields, out::add);
        return out;
    }

    @Test
    void namesValuesAndGeometryComeThroughTypedAsGdalsGeoJsonWriterTypesThem() {
        Set<String> fields = new LinkedHashSet<>();
        List<RawFeature> f = read(
                dump(List.of(
                        row(POINT + "\t区块1\t5\t2.500000000000000\t2024/01/02\t1\tplain"),
                        // GDAL escapes a tab and a line end in a value by a backslash before the character itself
                        row(POINT + "\tx\\\ty\\\\z\\\nw\t\\N\t-7.000000000000000\t\\N\t0\t\\N"))),
                GBK,
                fields);

        assertThat(f).hasSize(2);
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("编号", "区块1");
        first.put("n", 5);
        first.put("r", 2.5);
        first.put("d", "2024-01-02");
        first.put("b", true);
        first.put("a\"q", "plain");
        assertThat(f.get(0).properties()).containsExactlyEntriesOf(first);
        assertThat(f.get(0).shape().toText()).isEqualTo("POINT (116 40)");
        assertThat(f.get(0).fid()).isNull();
        Map<String, Object> second = new LinkedHashMap<>(); // in column order (Map.of has no order to compare)
        second.put("编号", "x\ty\\z\nw");
        second.put("r", -7.0);
        second.put("b", false);
        assertThat(f.get(1).properties())
                .as("null values are left out, as GDAL's GeoJSON writer leaves unset fields out")
                .containsExactlyEntriesOf(second);
        assertThat(fields).containsExactly("编号", "n", "r", "d", "b", "a\"q");
    }

    @Test
    void aValueTheDeclaredEncodingCannotDecodeRefusesNamingFeatureAndAttribute() {
        byte[] bad = row(POINT + "\tok\t1\t1\t\\N\t\\N\t\\N");
        byte[] worse = row(POINT + "\tzz\t2\t2\t\\N\t\\N\t\\N");
        worse[POINT.length() + 1] = (byte) 0xFF; // no GBK or UTF-8 sequence starts with 0xFF
        byte[] all = dump(List.of(bad, worse));
        assertThatThrownBy(() -> read(all, StandardCharsets.UTF_8, new LinkedHashSet<>()))
                .as("the GBK attribute name is not UTF-8")
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("t.shp: attribute name #1 (byte ")
                .hasMessageContaining("text is not valid UTF-8 (from t.cpg)");
        assertThatThrownBy(() -> read(all, GBK, new LinkedHashSet<>()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("t.shp: feature #2, attribute '编号' (byte ")
                .hasMessageContaining("text is not valid GBK");
        assertThat(new PgDump("t.shp", GBK, "GBK", "detected").firstBad(new ByteArrayInputStream(all)))
                .isEqualTo(new PgDump.Bad("feature #2, attribute '编号' (byte "
                        + (indexOf(all, worse) + POINT.length() + 1) + " of GDAL's output)"));
    }

    // POLYGON ((500000 4400000, 500100 4400000, 500100 4400100, 500000 4400000)) in EPSG:4548, as GDAL writes it
    static final String TRIANGLE = "0103000020C411000001000000040000000000000080841E4100000000E0C850410000000010861E41"
            + "00000000E0C850410000000010861E4100000000F9C850410000000080841E4100000000E0C85041";

    static final String REST = "\t\\N\t\\N\t\\N\t\\N"; // r, d, b and a"q of the dump above: null

    @Test
    void theGeometrysHexDecodesAsJtsDecodesItWhereverItsColumnStandsAndRefusesWhatIsNotHex() throws Exception {
        Geometry expected = new WKBReader().read(WKBReader.hexToBytes(TRIANGLE));
        assertThat(expected.toText())
                .isEqualTo("POLYGON ((500000 4400000, 500100 4400000, 500100 4400100, 500000 4400000))");
        List<RawFeature> first = read(dump(List.of(row(TRIANGLE + "\t三角\t1" + REST))), GBK, new LinkedHashSet<>());
        assertThat(first.get(0).shape().equalsExact(expected)).isTrue();
        assertThat(first.get(0).properties()).containsEntry("编号", "三角").containsEntry("n", 1);

        // the geometry as the last column, and a null geometry
        String last = """
                CREATE TABLE "public"."t" ( "ogc_fid" SERIAL, CONSTRAINT "t_pk" PRIMARY KEY ("ogc_fid") );
                SELECT AddGeometryColumn('public','t','wkb_geometry',4548,'POLYGON',2);
                ALTER TABLE "public"."t" ADD COLUMN "编号" VARCHAR(80);
                COPY "public"."t" ("编号", "wkb_geometry") FROM STDIN;
                a\t%s
                b\t\\N
                \\.
                """.formatted(TRIANGLE);
        List<RawFeature> f = read(last.getBytes(GBK), GBK, new LinkedHashSet<>());
        assertThat(f).hasSize(2);
        assertThat(f.get(0).properties()).containsExactly(Map.entry("编号", "a"));
        assertThat(f.get(0).shape().equalsExact(expected)).isTrue();
        assertThat(f.get(1).shape()).isNull();

        String notHex = TRIANGLE.substring(0, 20) + "G" + TRIANGLE.substring(21);
        assertThatThrownBy(() -> read(dump(List.of(row(notHex + "\tx\t1" + REST))), GBK, new LinkedHashSet<>()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("t.shp: GDAL wrote a geometry Liuyu cannot read: not hex");
        // a digit left over after the last whole byte is ignored: the geometry's bytes end before it
        List<RawFeature> odd = read(dump(List.of(row(TRIANGLE + "0\tx\t1" + REST))), GBK, new LinkedHashSet<>());
        assertThat(odd.get(0).shape().equalsExact(expected)).isTrue();
    }

    private static int indexOf(byte[] all, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= all.length; i++) {
            for (int k = 0; k < part.length; k++) {
                if (all[i + k] != part[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
