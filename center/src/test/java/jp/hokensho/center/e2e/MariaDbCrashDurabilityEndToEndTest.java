package jp.hokensho.center.e2e;

import java.nio.file.Path;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;

/** The crash test on MariaDB (production's database), in a database of its own. */
class MariaDbCrashDurabilityEndToEndTest extends CrashDurabilityEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabases.mariaDb();
    }
}
