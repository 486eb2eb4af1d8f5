package liuyu.storage;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The Flyway setups: records everywhere; on PostgreSQL also the PostGIS layer tables. */
public final class Migrations {
    public static final String RECORDS = "classpath:db/migration";
    public static final String LAYERS = "classpath:db/postgis";

    private Migrations() {}

    public static Flyway postgis(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(RECORDS, LAYERS)
                .load();
    }
}
