package liuyu.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import liuyu.atlas.Atlas;
import liuyu.atlas.AtlasLoader;
import liuyu.geo.Bd09;
import liuyu.geo.Gcj02;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Place names with pinyin on the demo atlas, and typed coordinates, against hand-written answers and PROJ. */
class MapSearchTest {
    static PlaceNames names;

    @BeforeAll
    static void demo() throws Exception {
        Atlas atlas = new AtlasLoader().load(Path.of("gis"));
        names = new PlaceNames(atlas);
    }

    private static List<String> ids(String q) {
        return names.find(q, 10).stream().map(h -> h.layer() + "/" + h.id()).toList();
    }

    @Test
    void chineseNamesPinyinInitialsAndMixesFindMiyunReservoir() {
        assertThat(names.find("密云水库", 10).get(0).match()).isEqualTo(PlaceNames.Match.EXACT);
        assertThat(ids("密云水库").get(0)).isEqualTo("reservoirs/miyun");
        assertThat(ids("mysk")).startsWith("reservoirs/miyun");
        assertThat(ids("miyunshuiku")).startsWith("reservoirs/miyun");
        assertThat(ids("miyunsk")).startsWith("reservoirs/miyun");
        assertThat(ids("MYSK")).startsWith("reservoirs/miyun");
        // 密云区 is a district: districts rank before other layers among pinyin matches of the same kind
        assertThat(ids("myq").get(0)).isEqualTo("districts/110118");
        assertThat(ids("haidian")).startsWith("districts/110108");
        assertThat(names.find("mysk", 1).get(0).pinyin()).isEqualTo("miyunshuiku");
        assertThat(ids("xyz-no-such-name")).isEmpty();
    }

    @Test
    void aPolyphonicCharacterMatchesEitherReading() {
        String[][] r = PlaceNames.readings("长城");
        assertThat(r[0]).contains("chang", "zhang");
        assertThat(PlaceNames.spells(r, 0, "cc", 0)).isTrue();
        assertThat(PlaceNames.spells(r, 0, "zhc", 0)).isTrue();
        assertThat(PlaceNames.spells(r, 0, "changcheng", 0)).isTrue();
        assertThat(PlaceNames.spells(r, 0, "chengc", 0)).isFalse();
    }

    @Test
    void decimalAndDmsCoordinatesInEitherOrder() {
        CoordinateText.Position p = CoordinateText.read("40°31'12\"N 116°57'E", CoordinateText.System.WGS84, 117);
        assertThat(p.lon()).isCloseTo(116.95, within(1e-9));
        assertThat(p.lat()).isCloseTo(40.52, within(1e-9));
        assertThat(p.order()).isEqualTo("lat,lon");
        CoordinateText.Position d = CoordinateText.read("116.41, 39.92", CoordinateText.System.WGS84, 117);
        assertThat(d.lon()).isEqualTo(116.41);
        assertThat(d.lat()).isEqualTo(39.92);
        // only one order falls in China
        CoordinateText.Position swapped = CoordinateText.read("39.92 116.41", CoordinateText.System.WGS84, 117);
        assertThat(swapped.lon()).isEqualTo(116.41);
        assertThat(swapped.order()).isEqualTo("lat,lon");
        CoordinateText.Position zh = CoordinateText.read("北纬40度31分12秒，东经116度57分", CoordinateText.System.WGS84, 117);
        assertThat(zh.lon()).isCloseTo(116.95, within(1e-9));
        assertThat(zh.lat()).isCloseTo(40.52, within(1e-9));
        assertThatThrownBy(() -> CoordinateText.read("40°71'N 116°E", CoordinateText.System.WGS84, 117))
                .hasMessageContaining("below 60");
        assertThatThrownBy(() -> CoordinateText.read("hello", CoordinateText.System.WGS84, 117))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gcj02AndBd09AreConvertedByTheServicesOwnConverters() {
        double[] gcj = Gcj02.fromWgs84(116.95, 40.52);
        CoordinateText.Position g = CoordinateText.read(gcj[0] + "," + gcj[1], CoordinateText.System.GCJ02, 117);
        assertThat(g.lon()).isCloseTo(116.95, within(1e-6));
        assertThat(g.lat()).isCloseTo(40.52, within(1e-6));
        assertThat(g.crs()).isEqualTo("GCJ-02");
        double[] bd = Bd09.fromWgs84(116.95, 40.52);
        CoordinateText.Position b = CoordinateText.read(bd[0] + "," + bd[1], CoordinateText.System.BD09, 117);
        assertThat(b.lon()).isCloseTo(116.95, within(1e-6));
        assertThat(b.lat()).isCloseTo(40.52, within(1e-6));
    }

    @Test
    void gaussKrugerXyWithAndWithoutTheZoneNumberAgreeWithProj() {
        // PROJ: echo "116.95 40.52" | cs2cs +proj=longlat +ellps=GRS80 +to +proj=tmerc +lon_0=117 +k=1 +x_0=39500000
        // +ellps=GRS80
        //   -> 39495762.871 4487270.841
        CoordinateText.Position zoned =
                CoordinateText.read("4487270.841, 39495762.871", CoordinateText.System.GAUSS_KRUGER, 117);
        assertThat(zoned.lon()).isCloseTo(116.95, within(1e-7));
        assertThat(zoned.lat()).isCloseTo(40.52, within(1e-7));
        assertThat(zoned.crs()).startsWith("EPSG:4527");
        CoordinateText.Position bare =
                CoordinateText.read("4487270.841 495762.871", CoordinateText.System.GAUSS_KRUGER, 117);
        assertThat(bare.lon()).isCloseTo(116.95, within(1e-7));
        assertThat(bare.crs()).startsWith("EPSG:4548");
        CoordinateText.Position yx =
                CoordinateText.read("495762.871 4487270.841", CoordinateText.System.GAUSS_KRUGER, 117);
        assertThat(yx.order()).isEqualTo("y,x");
        assertThat(yx.lat()).isCloseTo(40.52, within(1e-7));
        assertThatThrownBy(() -> CoordinateText.read("12 34", CoordinateText.System.GAUSS_KRUGER, 117))
                .hasMessageContaining("northing");
    }
}
