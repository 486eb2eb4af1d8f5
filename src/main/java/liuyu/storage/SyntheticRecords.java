package liuyu.storage;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The synthetic demo records of a records database, found by their labels: observations of source kind
 * {@code synthetic}, and outfall-ledger records whose latest version says method {@code synthetic} (with
 * their whole history). Only the demo seeds such records; {@link #purge()} removes exactly them.
 */
public final class SyntheticRecords {
    /** Outfall ids whose latest version is labelled synthetic. */
    private static final String SYNTHETIC_OUTFALLS = """
        SELECT o.outfall_id FROM outfall o
         WHERE o.method = 'synthetic' AND o.version = (SELECT max(v.version) FROM outfall v WHERE v.outfall_id = o.outfall_id)""";

    public record Counts(int observations, int outfalls, int outfallVersions, int outfallEvents) {
        public int total() {
            return observations + outfallVersions + outfallEvents;
        }

        @Override
        public String toString() {
            return observations + " synthetic observations, " + outfalls + " synthetic outfall-ledger records ("
                    + outfallVersions + " versions, " + outfallEvents + " lifecycle events)";
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public SyntheticRecords(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public Counts count() {
        return new Counts(
                count("SELECT count(*) FROM observation WHERE source_kind = 'synthetic'"),
                count("SELECT count(*) FROM (" + SYNTHETIC_OUTFALLS + ") s"),
                count("SELECT count(*) FROM outfall WHERE outfall_id IN (" + SYNTHETIC_OUTFALLS + ")"),
                count("SELECT count(*) FROM outfall_event WHERE outfall_id IN (" + SYNTHETIC_OUTFALLS + ")"));
    }

    /** Deletes the synthetic records in one transaction and returns what was deleted. */
    public Counts purge() {
        return transactions.execute(status -> {
            Counts before = count();
            jdbc.update("DELETE FROM observation WHERE source_kind = 'synthetic'");
            // events first: they are found through the versions
            jdbc.update("DELETE FROM outfall_event WHERE outfall_id IN (" + SYNTHETIC_OUTFALLS + ")");
            jdbc.update(
                    "DELETE FROM outfall WHERE outfall_id IN (SELECT outfall_id FROM (" + SYNTHETIC_OUTFALLS + ") s)");
            return before;
        });
    }

    private int count(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }
}
