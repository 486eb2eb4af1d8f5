package liuyu.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import liuyu.geo.Dms.Axis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DmsTest {
    /** Each expected value worked out by hand: d + m/60 + s/3600. */
    @ParameterizedTest(name = "{0} = {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "116°24'36.5\"E | LON | 116.41013888888889",
                "116°24′36.5″E | LON | 116.41013888888889",
                "E116°24'36.5\" | LON | 116.41013888888889",
                "东经116度24分36.5秒 | LON | 116.41013888888889",
                "116 24 36.5 | LON | 116.41013888888889",
                "39°54'27\"N | LAT | 39.9075",
                "北纬39度54分27秒 | LAT | 39.9075",
                "39°54.45'N | LAT | 39.9075",
                "39°54'N | LAT | 39.9",
                "33°51'54\"S | LAT | -33.865",
                "73°59'W | LON | -73.98333333333333",
                "116.41 | LON | 116.41",
                "-0.5 | LON | -0.5",
                "116.41E | LON | 116.41",
                "40° | LAT | 40.0",
            })
    void readsDecimalAndDmsForms(String text, Axis axis, double expected) {
        assertThat(Dms.parse(text, axis)).isCloseTo(expected, within(1e-12));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "39°54'27\"N | LON | is a latitude, expected a longitude",
                "116°24'E | LAT | is a longitude, expected a latitude",
                "116°60'E | LON | minutes and seconds must be below 60",
                "116°24'60\"E | LON | minutes and seconds must be below 60",
                "91°N | LAT | is outside [-90, 90]",
                "181 | LON | is outside [-180, 180]",
                "N39°E | LAT | gives its hemisphere twice",
                "-39°N | LAT | has both a sign and a hemisphere",
                "116.5°30' | LON | degrees with a fraction cannot be followed by minutes",
                "abc | LON | is not a coordinate",
                "'' | LON | is not a coordinate",
            })
    void refusesWhatIsNotACoordinate(String text, Axis axis, String message) {
        assertThatThrownBy(() -> Dms.parse(text, axis))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
