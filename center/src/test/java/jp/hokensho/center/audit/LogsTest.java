package jp.hokensho.center.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The refusal and access logs store their entries, and never throw when the database fails. */
class LogsTest {

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(TestDatabases.Vendor.H2);
        }
    }

    @Nested
    class OnMariaDb extends Contract {
        OnMariaDb() {
            super(TestDatabases.Vendor.MARIADB);
        }
    }

    @Test
    void neitherLogThrowsWhenTheDatabaseIsDown() {
        DataSource down = new BrokenDataSource();
        new JdbcRefusalLog(down).refused("BAD_PASSWORD", "someone", "M0000001", "verifyEligibility", "x");
        new AccessLog(down).record("someone", "M0000001", "12345", "verifyEligibility", "OK", 12);
        try (AccessLog grouped = new AccessLog(down).groupCommits(8)) {
            grouped.record("someone", "M0000001", "12345", "verifyEligibility", "OK", 12);
        }
    }

    abstract static class Contract extends DatabaseTestBase {
        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @Test
        void storesARefusalWithItsReasonAndTruncatesOversizedInput() {
            String longUser = "𠮷".repeat(100);
            new JdbcRefusalLog(database.dataSource()).refused("BAD_PASSWORD", longUser, "M0000001",
                    "verifyEligibility", "wrong password\nforged line");

            assertEquals("BAD_PASSWORD", queryValue("SELECT reason_code FROM refusal_log WHERE organisation_code = ?",
                    "M0000001"));
            String stored = (String) queryValue("SELECT user_id FROM refusal_log WHERE organisation_code = ?", "M0000001");
            assertTrue(stored.startsWith("𠮷𠮷") && stored.codePointCount(0, stored.length()) <= 64, stored);
        }

        @Test
        void storesAnAccess() {
            new AccessLog(database.dataSource()).record("clinic-manager", "M0000002", "987654321", "verifyEligibility",
                    "VALID", 42);

            assertEquals(42L, ((Number) queryValue("SELECT duration_ms FROM access_log WHERE organisation_code = ?",
                    "M0000002")).longValue());
            assertEquals("987654321", queryValue("SELECT certificate_serial FROM access_log WHERE organisation_code = ?",
                    "M0000002"));
        }
    }

    /** Concurrent requests' rows are stored in groups, each request returning with its own row committed. */
    abstract static class GroupedContract extends DatabaseTestBase {
        GroupedContract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @Test
        void sixteenRequestsAtOnceEachReturnWithTheirRowStored() throws Exception {
            ExecutorService requests = Executors.newFixedThreadPool(16);
            try (AccessLog log = new AccessLog(database.dataSource()).groupCommits(64)) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int r = 0; r < 16; r++) {
                    String organisation = String.format("G%07d", r);
                    done.add(requests.submit(() -> {
                        start.await();
                        for (int i = 0; i < 10; i++) {
                            log.record("clinic-manager", organisation, "1", "verifyEligibility", "OK", i);
                            assertEquals((long) i + 1, ((Number) queryValue(
                                    "SELECT COUNT(*) FROM access_log WHERE organisation_code = ?", organisation))
                                    .longValue(), "the request's own row is stored when record returns");
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> request : done) {
                    request.get(2, TimeUnit.MINUTES);
                }
            } finally {
                requests.shutdownNow();
            }
            assertEquals(160L, ((Number) queryValue(
                    "SELECT COUNT(*) FROM access_log WHERE organisation_code LIKE 'G%'")).longValue());
        }
    }

    @Nested
    class GroupedOnH2 extends GroupedContract {
        GroupedOnH2() {
            super(TestDatabases.Vendor.H2);
        }
    }

    @Nested
    class GroupedOnMariaDb extends GroupedContract {
        GroupedOnMariaDb() {
            super(TestDatabases.Vendor.MARIADB);
        }
    }

    /** A data source whose database is unreachable. */
    private static final class BrokenDataSource implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("database down");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            throw new SQLException("database down");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
