package jp.hokensho.insurer;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import jp.hokensho.insurer.card.AdapterDatabase;

/**
 * The MariaDB server for tests (127.0.0.1:3306, root, no password): one fresh database per test class.
 * Unreachable: the test fails when CI=true, and is skipped with a message otherwise.
 */
final class TestDatabases {
    static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    static final String USER = "root";
    static final String PASSWORD = "";

    private TestDatabases() {
    }

    static void requireMariaDb() {
        try (Connection c = DriverManager.getConnection(SERVER + "?connectTimeout=2000", USER, PASSWORD)) {
            return;
        } catch (SQLException e) {
            String why = "MariaDB not reachable at 127.0.0.1:3306 (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + "; CI=true, so MariaDB tests must run");
            }
            assumeTrue(false, why + "; skipping the MariaDB tests (set CI=true to make this a failure)");
        }
    }

    /**
     * A new database with a case-insensitive default collation on purpose: the schema itself must make
     * symbols and numbers binary-compared, whatever the DBA chose.
     */
    static String createDatabase() throws SQLException {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String name = "adapter_test_" + HexFormat.of().formatHex(random);
        execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        return name;
    }

    static void dropDatabase(String name) throws SQLException {
        if (name != null) {
            execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    static String url(String database) {
        return SERVER + database;
    }

    /** A migrated adapter database in a fresh MariaDB database, dropped again on close. */
    static Opened openMariaDb() throws SQLException {
        requireMariaDb();
        String name = createDatabase();
        return new Opened(AdapterDatabase.open(url(name), USER, PASSWORD, 3), name);
    }

    /** A migrated adapter database as the embedded default: an H2 file database in MariaDB mode. */
    static Opened openH2(Path dir, String file) {
        return new Opened(AdapterDatabase.open("jdbc:h2:file:" + dir.resolve(file)
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE", "sa", "", 3), null);
    }

    /** An open test database; {@code mariaDbName} is null for H2. */
    record Opened(AdapterDatabase database, String mariaDbName) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            try {
                database.close();
            } finally {
                dropDatabase(mariaDbName);
            }
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
