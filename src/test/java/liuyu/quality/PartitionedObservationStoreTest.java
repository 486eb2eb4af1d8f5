package liuyu.quality;

import liuyu.storage.TestDatabase;
import org.junit.jupiter.api.Tag;

/** Every store test again on the postgis profile's schema: observations partitioned by month (V30_1). */
@Tag("integration")
class PartitionedObservationStoreTest extends PostgresObservationStoreTest {
    @Override
    TestDatabase database() {
        return TestDatabase.postgis();
    }
}
