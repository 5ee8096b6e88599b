package jp.hokensho.center.e2e;

import java.nio.file.Path;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;

/** The requestReference end-to-end tests on MariaDB, where the unique key and its locks behave as in production. */
class MariaDbRequestReferenceEndToEndTest extends RequestReferenceEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabases.mariaDb();
    }
}
