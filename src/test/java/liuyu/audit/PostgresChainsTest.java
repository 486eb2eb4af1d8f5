package liuyu.audit;

import liuyu.storage.TestDatabase;
import org.junit.jupiter.api.Tag;

/** The chains on PostgreSQL (a schema in the throwaway local cluster): the same migrations, the same checks. */
@Tag("integration")
class PostgresChainsTest extends ChainsTest {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
