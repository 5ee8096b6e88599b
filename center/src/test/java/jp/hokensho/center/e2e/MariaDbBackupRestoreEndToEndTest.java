package jp.hokensho.center.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;

/** Backup and restore on a real MariaDB server, through mariadb-dump and the mariadb client. */
class MariaDbBackupRestoreEndToEndTest extends BackupRestoreEndToEndTest {

    @Override
    TestDatabase database(Path dir) {
        return TestDatabases.mariaDb();
    }

    /** As after a lost server: the DBA creates the database again, empty. */
    @Override
    void wipe(TestDatabase database) throws Exception {
        String name = name(database);
        try (Connection connection = server(database); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE " + name);
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        }
    }

    @Override
    String notWiped(TestDatabase database) throws Exception {
        try (Connection connection = server(database)) {
            List<String> tables = BackupRestoreEndToEndTest.rows(connection,
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + name(database) + "'");
            return tables.isEmpty() ? null : "tables in the database: " + tables;
        }
    }

    private static String name(TestDatabase database) {
        String url = database.settings().jdbcUrl();
        return url.substring(url.lastIndexOf('/') + 1).replaceAll("[?;].*", "");
    }

    private static Connection server(TestDatabase database) throws Exception {
        String url = database.settings().jdbcUrl();
        return DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1), database.settings().user(),
                database.settings().password());
    }
}
