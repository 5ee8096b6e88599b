package jp.hokensho.insurer;

import java.sql.SQLException;
import jp.hokensho.insurer.card.AdapterDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The card store on MariaDB (production), in a database of its own that is dropped afterwards. */
class MariaDbCardStoreTest extends CardStoreContract {
    static TestDatabases.Opened opened;

    @BeforeAll
    static void open() throws SQLException {
        opened = TestDatabases.openMariaDb();
    }

    @AfterAll
    static void drop() throws SQLException {
        if (opened != null) {
            opened.close();
        }
    }

    @Override
    protected AdapterDatabase database() {
        return opened.database();
    }
}
