package liuyu.postgis;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class PostgisClusterTest {

    @Test
    void theThrowawayClusterIsARealPostgis() throws Exception {
        try (Connection c = PostgisCluster.shared().connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT ST_Covers(ST_MakeEnvelope(0, 0, 1, 1, 4326), ST_Point(0.5, 0.5, 4326)), postgis_lib_version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getString(2)).startsWith("3.");
        }
    }
}
