package jp.hokensho.center.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows past their retention go, younger ones stay; each log by its own setting. */
class RetentionPurgeTest {
    @TempDir
    Path dir;

    @Test
    void purgesEachLogByItsRetention() throws Exception {
        Instant now = Instant.now();
        try (TestDatabase testDatabase = TestDatabases.h2(dir); Database database = testDatabase.open()) {
            for (int days : List.of(1, 20, 40)) {
                insert(database, "INSERT INTO access_log (occurred_at, operation, outcome, duration_ms)"
                        + " VALUES (?, 'urn:verifyEligibility', 'OK', 1)", now.minus(Duration.ofDays(days)));
                insert(database, "INSERT INTO refusal_log (occurred_at, reason_code) VALUES (?, 'WRONG_PASSWORD')",
                        now.minus(Duration.ofDays(days)));
                insert(database, "INSERT INTO replay_cache (identifier_hash, expires_at) VALUES ('" + "a".repeat(62)
                        + String.format("%02d", days) + "', ?)", now.minus(Duration.ofHours(days)));
            }
            int deleted = new RetentionPurge(database.dataSource(), Clock.systemUTC(), Duration.ofDays(30),
                    Duration.ofDays(10), Duration.ofHours(24)).purge();
            assertEquals(1 + 2 + 1, deleted);
            assertEquals(2, count(database, "access_log"));
            assertEquals(1, count(database, "refusal_log"));
            assertEquals(2, count(database, "replay_cache"));
        }
    }

    private static void insert(Database database, String sql, Instant time) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, StoredTime.of(time));
            insert.executeUpdate();
        }
    }

    private static long count(Database database, String table) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
