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
import org.junit.jupiter.api.Test;

/** The store on the embedded default, H2 in PostgreSQL mode. */
class H2ObservationStoreTest extends ObservationStoreTest {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }

    @Test
    void aSessionAbortedInTheMiddleOfABatchLeavesNothingOfTheBatchStored() throws Exception {
        CompletableFuture<ObservationStore.AppendResult> ingest =
                CompletableFuture.supplyAsync(() -> db.store().append("monitor", batch("z-", 100_000)));
        try (Connection admin = DriverManager.getConnection(db.url(), db.user(), "");
                Statement s = admin.createStatement()) {
            int killed = 0;
            // wait until the batch's inserts are running, then close that session from outside
            for (int i = 0; i < 60_000 && killed == 0 && !ingest.isDone(); i++) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT ABORT_SESSION(session_id) FROM information_schema.sessions"
                                + " WHERE session_id <> SESSION_ID() AND executing_statement LIKE 'INSERT INTO observation%'")) {
                    while (rs.next()) {
                        killed += rs.getBoolean(1) ? 1 : 0;
                    }
                }
            }
            assertThat(killed).as("the insert was caught running").isPositive();
        }
        // the ingest fails (its rollback too: the session is gone) and the database undoes the open transaction
        assertThatThrownBy(() -> ingest.get(60, TimeUnit.SECONDS)).hasRootCauseInstanceOf(java.sql.SQLException.class);
        assertThat(db.rows()).isZero();
    }
}
