package liuyu.audit;

import liuyu.storage.TestDatabase;

/** The chains on the embedded default, H2 in PostgreSQL mode. */
class H2ChainsTest extends ChainsTest {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
