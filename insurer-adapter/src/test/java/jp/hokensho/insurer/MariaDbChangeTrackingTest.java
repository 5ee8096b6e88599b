package jp.hokensho.insurer;

import java.sql.SQLException;

import jp.hokensho.insurer.card.AdapterDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Change tracking on MariaDB (production), in a database of its own that is dropped afterwards. */
class MariaDbChangeTrackingTest extends ChangeTrackingContract {
    static String name;
    static AdapterDatabase database;

    @BeforeAll
    static void open() throws SQLException {
        TestDatabases.requireMariaDb();
        name = TestDatabases.createDatabase();
        database = AdapterDatabase.open(TestDatabases.url(name), TestDatabases.USER, TestDatabases.PASSWORD, 3);
    }

    @AfterAll
    static void drop() throws SQLException {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            TestDatabases.dropDatabase(name);
        }
    }

    @Override
    protected AdapterDatabase database() {
        return database;
    }
}
