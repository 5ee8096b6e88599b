package jp.hokensho.center.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fresh databases for tests: an H2 file database in a temporary directory, or a new database
 * {@code center_test_<random>} on the MariaDB server (127.0.0.1:3306, root, empty password; override with
 * the environment variables {@code CENTER_TEST_MARIADB_HOST}, {@code _PORT}, {@code _USER},
 * {@code _PASSWORD}). When MariaDB cannot be reached the test is skipped, or fails if {@code CI=true}.
 */
public final class TestDatabases {
    private static final Logger LOG = LoggerFactory.getLogger(TestDatabases.class);

    /** The database products the persistence tests run on. */
    public enum Vendor { H2, MARIADB }

    private TestDatabases() {
    }

    /** A database of the given vendor; {@code dir} is used by H2 only. */
    public static TestDatabase create(Vendor vendor, Path dir) {
        return vendor == Vendor.H2 ? h2(dir) : mariaDb();
    }

    /** An H2 file database (MariaDB mode, as the embedded default) in {@code dir}. */
    public static TestDatabase h2(Path dir) {
        return new TestDatabase(Vendor.H2, DatabaseSettings.h2File(dir), () -> { });
    }

    /** A new, empty utf8mb4 database on the MariaDB server; {@code close()} drops it. */
    public static TestDatabase mariaDb() {
        String name = "center_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String host = env("CENTER_TEST_MARIADB_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("CENTER_TEST_MARIADB_PORT", "3306"));
        String user = env("CENTER_TEST_MARIADB_USER", "root");
        String password = env("CENTER_TEST_MARIADB_PASSWORD", "");
        String serverUrl = "jdbc:mariadb://" + host + ":" + port + "/?connectTimeout=3000";
        // The server's default collation (a _ci one) on purpose: the migrations must set utf8mb4_bin themselves.
        execute(serverUrl, user, password, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
        LOG.info("Created test database {} on {}:{}", name, host, port);
        DatabaseSettings settings = DatabaseSettings.mariaDb(host, port, name, user, password);
        return new TestDatabase(Vendor.MARIADB, settings, () -> {
            execute(serverUrl, user, password, "DROP DATABASE IF EXISTS " + name);
            LOG.info("Dropped test database {}", name);
        });
    }

    /** True if the MariaDB server answers (for tests that want to decide themselves). */
    public static boolean mariaDbReachable() {
        String url = "jdbc:mariadb://" + env("CENTER_TEST_MARIADB_HOST", "127.0.0.1") + ":"
                + env("CENTER_TEST_MARIADB_PORT", "3306") + "/?connectTimeout=3000";
        try (Connection ignored = DriverManager.getConnection(url, env("CENTER_TEST_MARIADB_USER", "root"),
                env("CENTER_TEST_MARIADB_PASSWORD", ""))) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static void execute(String url, String user, String password, String sql) {
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            String message = "MariaDB at " + url + " is unreachable (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + ": CI=true, so the MariaDB tests fail instead of skipping",
                        e);
            }
            LOG.warn("{}: skipping the MariaDB tests", message);
            Assumptions.abort(message + ": MariaDB tests skipped (set CI=true to make this a failure)");
            return;
        }
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB: " + sql + " failed", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
