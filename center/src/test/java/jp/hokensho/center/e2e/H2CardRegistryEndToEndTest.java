package jp.hokensho.center.e2e;

import java.nio.file.Path;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;

/** The card registry end to end on the embedded default database. */
class H2CardRegistryEndToEndTest extends CardRegistryEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabases.h2(dir);
    }
}
