package liuyu.records;

import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh in-memory H2 database in PostgreSQL mode, migrated with the service's own Flyway migrations. */
public record TestDatabase(String url, DataSource dataSource, JdbcTemplate jdbc, ObservationStore store) {

    public static TestDatabase create() {
        String url = "jdbc:h2:mem:records-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        DataSource ds = new DriverManagerDataSource(url, "sa", "");
        Flyway.configure().dataSource(ds).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        return new TestDatabase(url, ds, jdbc,
            new ObservationStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)), Clock.systemUTC()));
    }

    public long rows() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM observation", Long.class);
    }
}
