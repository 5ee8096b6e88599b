package jp.hokensho.center.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The Flyway scripts run on H2 and on MariaDB, and MariaDB gets utf8mb4 with a binary collation. */
class MigrationTest {

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

        @Test
        void everyTextColumnIsUtf8mb4Binary() {
            Object notBinary = queryValue("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                    + " AND table_name <> 'flyway_schema_history' AND character_set_name IS NOT NULL"
                    + " AND (character_set_name <> 'utf8mb4' OR collation_name <> 'utf8mb4_bin')");
            assertEquals(0L, ((Number) notBinary).longValue());
        }

        @Test
        void timestampsKeepMicroseconds() {
            Object precision = queryValue("SELECT datetime_precision FROM information_schema.columns"
                    + " WHERE table_schema = DATABASE() AND table_name = 'verification_record'"
                    + " AND column_name = 'requested_at'");
            assertEquals(6L, ((Number) precision).longValue());
        }
    }

    abstract static class Contract extends DatabaseTestBase {
        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @Test
        void createsEveryTable() {
            for (String table : List.of("organisation", "user_account", "org_certificate", "insurer", "stored_card",
                    "stored_card_person", "verification_record", "audit_chain_head", "verification_number_block",
                    "refusal_log", "access_log")) {
                Object count = queryValue("SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE LOWER(table_name) = ? AND LOWER(table_schema) = LOWER(SCHEMA())", table);
                assertEquals(1L, ((Number) count).longValue(), table);
            }
        }

        @Test
        void recordsTheMigrationAndStartsWithoutAuditChains() {
            assertEquals(Boolean.TRUE, toBoolean(queryValue(
                    "SELECT success FROM flyway_schema_history WHERE version = '1'")));
            assertEquals(0L, ((Number) queryValue("SELECT COUNT(*) FROM audit_chain_head")).longValue(),
                    "each node makes its chain at its first append; a new database has no legacy chain");
        }

        @Test
        void reopeningAppliesNothingTwice() {
            try (Database again = testDatabase.open()) {
                Object versions = queryValue("SELECT COUNT(*) FROM flyway_schema_history");
                assertTrue(((Number) versions).longValue() >= 1);
                assertEquals(versions, queryValue("SELECT COUNT(*) FROM flyway_schema_history"));
            }
        }

        private static Boolean toBoolean(Object value) {
            return value instanceof Boolean b ? b : value != null && ((Number) value).intValue() != 0;
        }
    }
}
