package jp.hokensho.center.e2e;

import java.nio.file.Path;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;

/** Administration on application end to end on MariaDB (production's database), in a database of its own. */
class MariaDbAdminApplicationsEndToEndTest extends AdminApplicationsEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabases.mariaDb();
    }
}
