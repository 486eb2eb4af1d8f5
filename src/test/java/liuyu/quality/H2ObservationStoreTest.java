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

    /**
     * A batch stopped from outside in the middle of its inserts leaves nothing of it stored. The statement is cancelled
     * ({@code CANCEL_SESSION}) until the batch gives up; not {@code ABORT_SESSION}, which makes H2 close the session
     * from the caller's thread while its insert may still be running, so the row in flight can outlive the rollback
     * (seen once in CI: one row of the batch left). That race is H2's fault injection, not a way the embedded service
     * loses a session (they end with the JVM, and H2 undoes an open transaction when it opens its file again); on
     * PostgreSQL the backend is terminated outright (PostgresObservationStoreTest).
     */
    @Test
    void aBatchCancelledInTheMiddleOfItsInsertsLeavesNothingOfTheBatchStored() throws Exception {
        CompletableFuture<ObservationStore.AppendResult> ingest =
                CompletableFuture.supplyAsync(() -> db.store().append("monitor", batch("z-", 100_000)));
        try (Connection admin = DriverManager.getConnection(db.url(), db.user(), "");
                Statement s = admin.createStatement()) {
            int cancelled = 0;
            // wait until the batch's inserts are running, then cancel them until the batch gives up: a cancel that
            // arrives as one insert ends may be spent on nothing
            for (int i = 0; i < 60_000 && !ingest.isDone(); i++) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT CANCEL_SESSION(session_id) FROM information_schema.sessions"
                                + " WHERE session_id <> SESSION_ID() AND executing_statement LIKE 'INSERT INTO observation%'")) {
                    while (rs.next()) {
                        cancelled += rs.getBoolean(1) ? 1 : 0;
                    }
                }
            }
            assertThat(cancelled).as("the insert was caught running").isPositive();
        }
        assertThatThrownBy(() -> ingest.get(60, TimeUnit.SECONDS)).hasRootCauseInstanceOf(java.sql.SQLException.class);
        assertThat(db.rows()).isZero();
    }
}
