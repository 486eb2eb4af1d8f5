package liuyu.api.ogc;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** GDAL against the hand-made fixture atlas (a multi-part polygon, a polygon with a hole, lines, 23 points: three pages of ten). */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"liuyu.atlas.dir=src/test/resources/ogc-atlas"})
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
@Tag("integration")
class GdalFixtureAtlasTest extends GdalClientTest {}
