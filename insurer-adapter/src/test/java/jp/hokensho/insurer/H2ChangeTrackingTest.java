package jp.hokensho.insurer;

import java.nio.file.Path;
import java.sql.SQLException;
import jp.hokensho.insurer.card.AdapterDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Change tracking on the embedded default: an H2 file database in MariaDB mode. */
class H2ChangeTrackingTest extends ChangeTrackingContract {
    @TempDir
    static Path dir;
    static TestDatabases.Opened opened;

    @BeforeAll
    static void open() {
        opened = TestDatabases.openH2(dir, "changes");
    }

    @AfterAll
    static void close() throws SQLException {
        if (opened != null) {
            opened.close();
        }
    }

    @Override
    protected AdapterDatabase database() {
        return opened.database();
    }
}
