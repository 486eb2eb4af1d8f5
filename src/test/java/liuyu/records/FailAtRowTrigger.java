package liuyu.records;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.api.Trigger;

/**
 * An H2 row trigger for fault tests: at the armed row it tells the test its session id and waits,
 * so the test can kill the connection in the middle of a batch. H2 creates triggers by class name,
 * hence the static hand-over (test code only).
 */
public final class FailAtRowTrigger implements Trigger {
    static final AtomicInteger ROWS = new AtomicInteger();
    static volatile int armedAt;
    static volatile CountDownLatch reached;
    static volatile CountDownLatch released;
    static volatile int sessionId;

    static void arm(int row) {
        ROWS.set(0);
        armedAt = row;
        reached = new CountDownLatch(1);
        released = new CountDownLatch(1);
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (ROWS.incrementAndGet() != armedAt) {
            return;
        }
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT SESSION_ID()")) {
            rs.next();
            sessionId = rs.getInt(1);
        }
        reached.countDown();
        try {
            released.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
