package liuyu.testing;

import java.nio.file.Path;
import java.util.UUID;

/**
 * The one place tests get a records database URL: a fresh in-memory H2 (a name never used before in this JVM),
 * or an H2 file under a test's own temp directory. Never the service's default {@code ./data/liuyu}.
 */
public final class TestRecords {
    /** The options the service's embedded default uses (application.properties), so H2 behaves as in production. */
    public static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private TestRecords() {}

    /** A new in-memory database, kept until the JVM exits (DB_CLOSE_DELAY=-1: a context closing its pool must not drop it mid-test). */
    public static String h2Memory(String name) {
        return "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + H2_OPTIONS + ";DB_CLOSE_DELAY=-1";
    }

    /** An H2 file database {@code liuyu} in {@code dir}, laid out as the service does under liuyu.records.dir. */
    public static String h2File(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("liuyu").toAbsolutePath() + H2_OPTIONS;
    }
}
