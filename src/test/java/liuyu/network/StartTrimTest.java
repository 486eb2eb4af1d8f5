package liuyu.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/**
 * NLDI's trimStart rules (nldi-py trim_nav_query: ST_LineSubstring at 1 − measure/100 of the line, downstream
 * modes keep [cut, end], upstream modes [start, cut]; no trim for measure 0 or a cut-off part under the
 * tolerance), on a line whose cut points are worked out by hand: planar lengths 0.3 + 0.1 = 0.4 degrees.
 */
class StartTrimTest {
    static final String LINE = "LINESTRING (116 40.3, 116 40, 116.1 40)"; // drawn from upstream to downstream

    static Geometry wkt(String text) throws ParseException {
        return new WKTReader().read(text);
    }

    @Test
    void downstreamModesKeepThePartFromTheFeatureDown() throws ParseException {
        // measure 50: half the length from the downstream end, i.e. 0.2 from the start: (116, 40.1)
        Geometry dm = StartTrim.trim(wkt(LINE), 50, Mode.DM, 0);
        assertThat(dm.equalsExact(wkt("LINESTRING (116 40.1, 116 40, 116.1 40)"), 1e-12))
                .as(dm.toText())
                .isTrue();
        assertThat(StartTrim.trim(wkt(LINE), 50, Mode.DD, 0).equalsExact(dm, 1e-12))
                .isTrue();
    }

    @Test
    void upstreamModesKeepThePartFromTheTopDownToTheFeature() throws ParseException {
        // measure 12.5: 0.05 above the downstream end, 0.35 from the start: past the bend, at (116.05, 40)
        Geometry um = StartTrim.trim(wkt(LINE), 12.5, Mode.UM, 0);
        assertThat(um.equalsExact(wkt("LINESTRING (116 40.3, 116 40, 116.05 40)"), 1e-12))
                .as(um.toText())
                .isTrue();
        assertThat(StartTrim.trim(wkt(LINE), 12.5, Mode.UT, 0).equalsExact(um, 1e-12))
                .isTrue();
    }

    @Test
    void measureZeroOrACutOffPartBelowTheToleranceLeavesTheLineWhole() throws ParseException {
        Geometry line = wkt(LINE);
        assertThat(StartTrim.trim(line, 0, Mode.DM, 0)).isSameAs(line);
        // downstream: trimmed only when 100 − measure >= tolerance (here 30 < 40)
        assertThat(StartTrim.trim(line, 70, Mode.DM, 40)).isSameAs(line);
        assertThat(StartTrim.trim(line, 70, Mode.DM, 30).getLength())
                .isCloseTo(0.4 * 0.7, org.assertj.core.data.Offset.offset(1e-12));
        // upstream: trimmed only when measure >= tolerance (here 20 < 25)
        assertThat(StartTrim.trim(line, 20, Mode.UT, 25)).isSameAs(line);
        assertThat(StartTrim.trim(line, 20, Mode.UT, 20).getLength())
                .isCloseTo(0.4 * 0.8, org.assertj.core.data.Offset.offset(1e-12));
    }
}
