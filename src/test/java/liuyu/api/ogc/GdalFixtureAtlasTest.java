package liuyu.api.ogc;

import org.springframework.boot.test.context.SpringBootTest;

/** GDAL against the hand-made fixture atlas (a multi-part polygon, a polygon with a hole, lines, 23 points: three pages of ten). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "liuyu.atlas.dir=src/test/resources/ogc-atlas")
class GdalFixtureAtlasTest extends GdalClientTest {
}
