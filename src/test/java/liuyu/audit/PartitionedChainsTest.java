package liuyu.audit;

import liuyu.storage.TestDatabase;
import org.junit.jupiter.api.Tag;

/** The chains on the postgis profile's schema, observations partitioned by month (V30_1): the same checks. */
@Tag("integration")
class PartitionedChainsTest extends ChainsTest {
    @Override
    TestDatabase database() {
        return TestDatabase.postgis();
    }
}
