package jp.hokensho.insurer;

import java.nio.file.Path;

import jp.hokensho.insurer.card.AdapterDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Change tracking on the embedded default: an H2 file database in MariaDB mode. */
class H2ChangeTrackingTest extends ChangeTrackingContract {
    @TempDir
    static Path dir;
    static AdapterDatabase database;

    @BeforeAll
    static void open() {
        database = AdapterDatabase.open("jdbc:h2:file:" + dir.resolve("changes")
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE", "sa", "", 3);
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected AdapterDatabase database() {
        return database;
    }
}
