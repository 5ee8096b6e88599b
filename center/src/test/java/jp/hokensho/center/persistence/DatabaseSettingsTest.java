package jp.hokensho.center.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An H2 database on disk always commits to its file before a commit returns (WRITE_DELAY=0); the pool's MariaDB
 * connections prepare their statements on the server.
 */
class DatabaseSettingsTest {
    @Test
    void embeddedDefaultWritesEveryCommitToTheFile() {
        assertTrue(DatabaseSettings.h2File(Path.of("db")).jdbcUrl().endsWith(";WRITE_DELAY=0"));
    }

    @Test
    void openedEmbeddedDatabaseRunsWithoutWriteDelay(@TempDir Path dir) throws Exception {
        try (Database database = Database.open(DatabaseSettings.h2File(dir));
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'WRITE_DELAY'")) {
            assertTrue(row.next());
            assertEquals("0", row.getString(1));
        }
    }

    @Test
    void configuredH2UrlWithoutWriteDelayGetsIt() {
        // As an older demo's center.properties holds it.
        String url = "jdbc:h2:file:/srv/center/db/center;MODE=MariaDB;AUTO_SERVER=TRUE";
        assertEquals(url + ";WRITE_DELAY=0", new DatabaseSettings(url, "sa", "", 10).jdbcUrl());
    }

    @Test
    void configuredH2UrlWithWriteDelayZeroIsKept() {
        String url = "jdbc:h2:file:/srv/center/db/center;write_delay=0;MODE=MariaDB";
        assertEquals(url, new DatabaseSettings(url, "sa", "", 10).jdbcUrl());
    }

    @Test
    void anotherWriteDelayIsRefusedByName() {
        var refused = assertThrows(IllegalArgumentException.class, () -> new DatabaseSettings(
                "jdbc:h2:file:/srv/center/db/center;WRITE_DELAY=500", "sa", "", 10));
        assertTrue(refused.getMessage().contains("WRITE_DELAY=500"), refused.getMessage());
    }

    @Test
    void mariaDbAndInMemoryUrlsAreLeftAlone() {
        assertEquals("jdbc:mariadb://127.0.0.1:3306/center",
                DatabaseSettings.mariaDb("127.0.0.1", 3306, "center", "root", "").jdbcUrl());
        assertFalse(DatabaseSettings.h2Memory("x").jdbcUrl().contains("WRITE_DELAY"));
    }

    @Test
    void mariaDbPoolPreparesStatementsOnTheServerUnlessTheUrlChooses() {
        assertEquals("jdbc:mariadb://db:3306/center?useServerPrepStmts=true",
                DatabaseSettings.mariaDb("db", 3306, "center", "u", "").poolUrl());
        assertEquals("jdbc:mariadb://db/center?connectTimeout=3000&useServerPrepStmts=true",
                new DatabaseSettings("jdbc:mariadb://db/center?connectTimeout=3000", "u", "", 10).poolUrl());
        String chosen = "jdbc:mariadb://db/center?useserverprepstmts=false";
        assertEquals(chosen, new DatabaseSettings(chosen, "u", "", 10).poolUrl());
        String h2 = DatabaseSettings.h2Memory("x").jdbcUrl();
        assertEquals(h2, DatabaseSettings.h2Memory("x").poolUrl());
    }

    @Test
    void openedMariaDbPreparesEachStatementOnceOnTheServer() throws Exception {
        try (TestDatabase mariaDb = TestDatabases.mariaDb();
             Database database = mariaDb.open();
             Connection connection = database.dataSource().getConnection()) {
            long preparedBefore = sessionStatus(connection, "Com_stmt_prepare");
            long executedBefore = sessionStatus(connection, "Com_stmt_execute");
            for (int i = 0; i < 3; i++) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FROM verification_record WHERE chain_id = ?")) {
                    statement.setInt(1, i);
                    statement.executeQuery().close();
                }
            }
            // Sent as values to a statement the server prepared once, not as text parsed three times.
            assertEquals(1, sessionStatus(connection, "Com_stmt_prepare") - preparedBefore);
            assertEquals(3, sessionStatus(connection, "Com_stmt_execute") - executedBefore);
        }
    }

    private static long sessionStatus(Connection connection, String name) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW SESSION STATUS LIKE '" + name + "'")) {
            assertTrue(row.next(), name);
            return row.getLong(2);
        }
    }
}
