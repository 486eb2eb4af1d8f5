package liuyu.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The writer's fixed-point ordinates against Jackson's own double output (the oracle), and axis order. */
class GeoJsonWriterTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static String ordinates(double v, int decimals) {
        StringWriter s = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(s)) {
            out.writeStartArray();
            GeoJson.writeOrdinate(v, decimals, out, new char[32]);
            out.writeNumber(GeoJson.round(v, decimals));
            out.writeEndArray();
        }
        return s.toString();
    }

    @Test
    void fixedPointOrdinatesAreTheSameNumbersAndTextAsJacksonsRoundedDoubles() {
        Random random = new Random(1);
        for (int i = 0; i < 200_000; i++) {
            int decimals = 1 + random.nextInt(9);
            double v = switch (i % 4) {
                case 0 -> -180 + 360 * random.nextDouble();
                case 1 -> 115 + 3 * random.nextDouble();
                case 2 -> Math.round(random.nextDouble() * 1e4) / 1e2 * (random.nextBoolean() ? 1 : -1);
                default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(6));
            };
            String[] pair = ordinates(v, decimals).replaceAll("[\\[\\]]", "").split(",");
            assertThat(Double.parseDouble(pair[0])).as(v + " to " + decimals).isEqualTo(Double.parseDouble(pair[1]));
            if (!pair[1].contains("E")) {
                assertThat(pair[0]).as(v + " to " + decimals).isEqualTo(pair[1]);
            }
        }
        assertThat(ordinates(116.0, 7)).isEqualTo("[116.0,116.0]");
        assertThat(ordinates(-0.00000004, 7)).isEqualTo("[0.0,0.0]");
        assertThat(ordinates(0.0001, 7)).isEqualTo("[0.0001,1.0E-4]");
        assertThat(ordinates(-116.12345675, 7)).isEqualTo("[-116.1234567,-116.1234567]");
    }

    @Test
    void latitudeFirstStylesSwapTheAxesOfEveryPosition() {
        Geometry line = GeoJson.FACTORY.createLineString(
                new Coordinate[] {new Coordinate(116.1, 40.2), new Coordinate(116.3, 40.4)});
        StringWriter s = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(s)) {
            GeoJson.write(line, out, GeoJson.Style.of(Crs.EPSG_4326));
        }
        JsonNode c = JSON.readTree(s.toString()).path("coordinates");
        assertThat(c.get(0).get(0).asDouble()).isEqualTo(40.2);
        assertThat(c.get(1).get(1).asDouble()).isEqualTo(116.3);
        assertThat(GeoJson.Style.of(Crs.EPSG_4490).latitudeFirst()).isTrue();
        assertThat(GeoJson.Style.of(Crs.CRS84).latitudeFirst()).isFalse();
    }
}
