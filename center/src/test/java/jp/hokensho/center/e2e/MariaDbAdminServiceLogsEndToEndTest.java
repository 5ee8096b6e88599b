package jp.hokensho.center.e2e;

import java.nio.file.Path;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;

/** Service logs and reports end to end on MariaDB (production's database), in a database of its own. */
class MariaDbAdminServiceLogsEndToEndTest extends AdminServiceLogsEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabases.mariaDb();
    }
}
