package jp.hokensho.center.e2e;

import java.nio.file.Path;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;

/** The end-to-end verification tests on MariaDB (production's database), in a database of their own. */
class MariaDbVerificationEndToEndTest extends VerificationEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabases.mariaDb();
    }
}
