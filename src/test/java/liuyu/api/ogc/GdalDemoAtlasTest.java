package liuyu.api.ogc;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;

/** GDAL against the bundled demo atlas in gis/, every layer of it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Tag("integration")
class GdalDemoAtlasTest extends GdalClientTest {}
