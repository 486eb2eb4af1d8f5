package liuyu.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The store on the embedded default, H2 in PostgreSQL mode. */
class H2ObservationStoreTest extends ObservationStoreTest {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }

    @Test
    void aConnectionKilledInTheMiddleOfABatchLeavesNothingOfTheBatchStored() throws Exception {
        db.jdbc().execute("CREATE TRIGGER fail_at_row AFTER INSERT ON observation FOR EACH ROW CALL '" + FailAtRowTrigger.class.getName() + "'");
        FailAtRowTrigger.arm(1500);
        CompletableFuture<ObservationStore.AppendResult> ingest =
            CompletableFuture.supplyAsync(() -> db.store().append("monitor", batch("z-", 3000)));
        assertThat(FailAtRowTrigger.reached.await(30, TimeUnit.SECONDS)).isTrue();
        try (Connection admin = DriverManager.getConnection(db.url(), db.user(), ""); Statement s = admin.createStatement()) {
            CompletableFuture<Void> abort = CompletableFuture.runAsync(() -> {
                try (Statement kill = admin.createStatement()) {
                    kill.execute("CALL ABORT_SESSION(" + FailAtRowTrigger.sessionId + ")");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            FailAtRowTrigger.released.countDown();
            abort.get(30, TimeUnit.SECONDS);
        }
        // the ingest fails (its rollback too: the connection is gone) and the database undoes the open transaction
        assertThatThrownBy(() -> ingest.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(java.sql.SQLException.class);
        db.jdbc().execute("DROP TRIGGER fail_at_row");
        assertThat(db.rows()).isZero();
    }
}
