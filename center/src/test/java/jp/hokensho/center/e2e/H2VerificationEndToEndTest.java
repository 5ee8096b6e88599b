package jp.hokensho.center.e2e;

import java.nio.file.Path;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;

/** The end-to-end verification tests on the embedded default database. */
class H2VerificationEndToEndTest extends VerificationEndToEndTest {
    @Override
    TestDatabase database(Path dir) {
        return TestDatabases.h2(dir);
    }
}
