package jp.hokensho.center.persistence;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the persistence tests that run the same on H2 and MariaDB: each concrete (usually
 * {@code @Nested}) subclass names a vendor and gets a fresh, migrated {@link #database} for its tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseTestBase {
    private final TestDatabases.Vendor vendor;
    protected TestDatabase testDatabase;
    protected Database database;

    protected DatabaseTestBase(TestDatabases.Vendor vendor) {
        this.vendor = vendor;
    }

    // The directory is a parameter, not a field: a @TempDir field is not yet set in @BeforeAll.
    @BeforeAll
    void openDatabase(@TempDir Path tempDir) {
        testDatabase = TestDatabases.create(vendor, tempDir);
        database = testDatabase.open();
    }

    @AfterAll
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    protected TestDatabases.Vendor vendor() {
        return vendor;
    }

    /** Runs plain SQL (for tamper tests and checks on what is really stored). */
    protected int sql(String statement, Object... parameters) {
        try (var connection = database.dataSource().getConnection();
             var prepared = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            int count = prepared.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return count;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    /** The first column of the first row of a query, or null. */
    protected Object queryValue(String query, Object... parameters) {
        try (var connection = database.dataSource().getConnection();
             var prepared = connection.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                prepared.setObject(i + 1, parameters[i]);
            }
            try (var rows = prepared.executeQuery()) {
                return rows.next() ? rows.getObject(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }
}
