package jp.hokensho.center.e2e;

import java.nio.file.Path;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;

/** The crash test on the embedded default database (an H2 file database). */
class H2CrashDurabilityEndToEndTest extends CrashDurabilityEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabases.h2(dir);
    }
}
