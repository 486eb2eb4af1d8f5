package liuyu.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import liuyu.storage.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The store on PostgreSQL (a throwaway local cluster): the same migrations, the same rules. */
@Tag("integration")
class PostgresObservationStoreTest extends ObservationStoreTest {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Test
    void aBackendTerminatedInTheMiddleOfABatchLeavesNothingOfTheBatchStored() throws Exception {
        CompletableFuture<ObservationStore.AppendResult> ingest =
                CompletableFuture.supplyAsync(() -> db.store().append("monitor", batch("z-", 60_000)));
        try (Connection admin = DriverManager.getConnection(db.url(), db.user(), "");
                Statement s = admin.createStatement()) {
            int killed = 0;
            // wait until the batch's inserts are running, then terminate that backend
            for (int i = 0; i < 6000 && killed == 0 && !ingest.isDone(); i++) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                + " WHERE pid <> pg_backend_pid() AND state = 'active' AND query LIKE 'INSERT INTO observation%'")) {
                    while (rs.next()) {
                        killed++;
                    }
                }
                Thread.sleep(5);
            }
            assertThat(killed).as("the insert was caught running").isPositive();
        }
        assertThatThrownBy(() -> ingest.get(60, TimeUnit.SECONDS)).hasRootCauseInstanceOf(java.sql.SQLException.class);
        assertThat(db.rows()).isZero();
    }
}
