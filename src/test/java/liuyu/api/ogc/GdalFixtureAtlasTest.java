package liuyu.api.ogc;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** GDAL against the hand-made fixture atlas (a multi-part polygon, a polygon with a hole, lines, 23 points: three pages of ten). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"liuyu.atlas.dir=src/test/resources/ogc-atlas",
    // a records database of its own: a ledger seeded from another atlas would add its outfalls layer here
    "spring.datasource.url=jdbc:h2:mem:GdalFixtureAtlasTest;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"})
@ActiveProfiles("dev") // the development users (and, for a test atlas, permission to run without an identity provider)
class GdalFixtureAtlasTest extends GdalClientTest {
}
