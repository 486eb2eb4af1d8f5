package liuyu.audit;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import liuyu.postgis.PostgisCluster;
import liuyu.storage.Migrations;
import liuyu.storage.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The chains on PostgreSQL (a schema in the throwaway local cluster): the same migrations, the same checks. */
@Tag("integration")
class PostgresChainsTest extends ChainsTest {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    /**
     * A database from before the list of rows to chain (V34_1): the migration lists every row not yet chained, and no
     * row already chained, nor a synthetic one; the next round chains exactly the listed rows.
     */
    @Test
    void theMigrationListsTheRowsStoredBeforeItThatAreNotChainedYet() {
        PostgisCluster cluster = PostgisCluster.shared();
        DataSource ds = new DriverManagerDataSource(cluster.newDatabase(), cluster.user(), "");
        Flyway.configure()
                .dataSource(ds)
                .locations(Migrations.RECORDS)
                .target("33.1")
                .load()
                .migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        for (String[] row : new String[][] {{"chained", "hj212"}, {"waiting", "hj212"}, {"demo", "synthetic"}}) {
            jdbc.update(
                    "INSERT INTO observation (observation_id, version, site_id, sampled_at, parameter_code, measured_value,"
                            + " unit, reported_value, reported_unit, below_detection_limit, source_kind, device_id,"
                            + " recorded_by, recorded_at) VALUES (?, 1, 'gubeikou', TIMESTAMPTZ '2025-06-01 00:00Z', 'TP',"
                            + " '0.1', 'mg/L', '0.1', 'mg/L', false, ?, 'MN1', 'monitor', now())",
                    row[0],
                    row[1]);
        }
        ObservationChain chain =
                new ObservationChain(jdbc, new TransactionTemplate(new DataSourceTransactionManager(ds)));
        // the chain as the service before the list left it: "chained" in it, "waiting" written since
        jdbc.update("INSERT INTO observation_chain (position, record_id, previous_hash, entry_hash)"
                + " SELECT 1, record_id, 'p', 'e' FROM observation WHERE observation_id = 'chained'");
        Flyway.configure().dataSource(ds).locations(Migrations.RECORDS).load().migrate();
        assertThat(jdbc.queryForList("SELECT observation_id FROM observation_unchained", String.class))
                .containsExactly("waiting");
        assertThat(chain.extend()).isEqualTo(1);
        assertThat(jdbc.queryForList(
                        "SELECT o.observation_id FROM observation_chain c JOIN observation o ON o.record_id = c.record_id"
                                + " ORDER BY c.position",
                        String.class))
                .containsExactly("chained", "waiting");
    }
}
