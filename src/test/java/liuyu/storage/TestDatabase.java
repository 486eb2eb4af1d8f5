package liuyu.storage;

import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import liuyu.postgis.PostgisCluster;
import liuyu.quality.ObservationStore;
import liuyu.testing.TestRecords;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh record database migrated with the service's own Flyway migrations: in-memory H2 in
 * PostgreSQL mode (the embedded default), or a new schema in the throwaway PostgreSQL cluster.
 */
public record TestDatabase(String url, String user, DataSource dataSource, JdbcTemplate jdbc, ObservationStore store) {

    public static TestDatabase h2() {
        return of(TestRecords.h2Memory("records"), "sa", null);
    }

    /** An H2 file database in {@code dir}, as the service runs by default (benchmarks). */
    public static TestDatabase h2File(java.nio.file.Path dir) {
        return of(TestRecords.h2File(dir), "sa", null);
    }

    public static TestDatabase postgres() {
        PostgisCluster cluster = PostgisCluster.shared();
        String schema = "records_" + UUID.randomUUID().toString().replace("-", "");
        return of(cluster.jdbcUrl() + "?currentSchema=" + schema, cluster.user(), schema);
    }

    /**
     * A new database of the throwaway cluster migrated as the postgis profile does it (records and layers): observations
     * partitioned by month (V30_1).
     */
    public static TestDatabase postgis() {
        PostgisCluster cluster = PostgisCluster.shared();
        String url = cluster.newDatabase();
        DataSource ds = new DriverManagerDataSource(url, cluster.user(), "");
        Migrations.postgis(ds).migrate();
        return over(url, cluster.user(), ds);
    }

    private static TestDatabase of(String url, String user, String schema) {
        DataSource ds = new DriverManagerDataSource(url, user, "");
        var flyway = Flyway.configure().dataSource(ds);
        if (schema != null) {
            flyway.schemas(schema).createSchemas(true);
        }
        flyway.load().migrate();
        return over(url, user, ds);
    }

    private static TestDatabase over(String url, String user, DataSource ds) {
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        return new TestDatabase(
                url,
                user,
                ds,
                jdbc,
                new ObservationStore(
                        jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)), Clock.systemUTC()));
    }

    public long rows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM observation", Long.class);
    }
}
