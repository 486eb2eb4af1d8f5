package liuyu.storage;

import java.sql.ResultSet;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The relation to ask for an observation's versions: which versions of an id exist, the latest one, whether a later
 * one exists. On PostgreSQL with observations partitioned by month (postgis migrations, V30_1) the observation table
 * has no index across its months: an id is probed in every month's index, 121 of them for a decade, since an id
 * carries no month (a correction may move its sampling time). There the narrow, unpartitioned {@code
 * observation_key} table answers: the same (observation_id, version) pairs, written by trigger in the same
 * transaction as each row. Measured on a decade of hourly data (BENCHMARKS.md, "Observations over a decade"): a
 * site's month of latest versions 600 ms through the months' indexes against 20 ms through the key table; an
 * ingest batch's check of 500 new ids 1 s against 4 ms. Elsewhere (the embedded H2 database, PostgreSQL without the
 * postgis migrations) the observation table holds the pairs under its own unique index.
 */
public final class ObservationKeys {
    private ObservationKeys() {}

    /** {@code observation_key} where the connection's schema has it, else {@code observation}. */
    public static String relation(JdbcTemplate jdbc) {
        Boolean keyed = jdbc.execute((ConnectionCallback<Boolean>) c -> {
            // the schema the queries' unqualified names resolve in (another schema's table is not theirs)
            try (ResultSet tables = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "observation_key", null)) {
                return tables.next();
            }
        });
        return Boolean.TRUE.equals(keyed) ? "observation_key" : "observation";
    }

    /**
     * The condition that the row {@code o} of {@code observation} is the latest version of its id, asked of {@code
     * relation}: a probe of its (observation_id, version) index per row of {@code o}, on H2 and PostgreSQL alike.
     * "No later version exists" ({@code NOT EXISTS … v.version > o.version}) means the same, but PostgreSQL answers it
     * for a month of rows by hashing every key of every month (BENCHMARKS.md, "Observations over a decade").
     */
    public static String isLatest(String relation) {
        return "o.version = (SELECT MAX(v.version) FROM " + relation + " v WHERE v.observation_id = o.observation_id)";
    }
}
