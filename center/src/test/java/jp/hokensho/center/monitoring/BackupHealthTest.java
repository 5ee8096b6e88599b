package jp.hokensho.center.monitoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import jp.hokensho.center.backup.BackupRuns;
import jp.hokensho.center.organisation.InsurerRegistry;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /health shows the last successful backup; while the daily backup is on, an overdue one makes the center DEGRADED. */
class BackupHealthTest {
    @TempDir
    Path dir;

    @Test
    void overdueBackupDegradesHealthOnlyWhileScheduled() throws Exception {
        Instant backedUp = Instant.parse("2026-11-29T17:40:00Z");
        try (TestDatabase testDatabase = TestDatabases.h2(dir); Database database = testDatabase.open();
             DefaultCamelContext camel = new DefaultCamelContext()) {
            try (Connection connection = database.dataSource().getConnection();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO backup_run (started_at,"
                         + " finished_at, outcome) VALUES (?, ?, ?)")) {
                insert.setObject(1, StoredTime.of(backedUp.minusSeconds(60)));
                insert.setObject(2, StoredTime.of(backedUp));
                insert.setString(3, "OK");
                insert.executeUpdate();
                insert.setObject(2, StoredTime.of(backedUp.plusSeconds(3600))); // a later failure does not count
                insert.setString(3, "FAILED");
                insert.executeUpdate();
            }
            String fresh = report(database, camel, backedUp.plus(Duration.ofHours(25)), true);
            assertTrue(fresh.contains("\"status\":\"UP\"") && fresh.contains("\"backup\":{\"lastSuccess\":\""
                    + backedUp + "\",\"overdue\":false}"), fresh);
            String overdue = report(database, camel, backedUp.plus(Duration.ofHours(27)), true);
            assertTrue(overdue.contains("\"status\":\"DEGRADED\"") && overdue.contains("\"overdue\":true"), overdue);
            String unscheduled = report(database, camel, backedUp.plus(Duration.ofHours(27)), false);
            assertTrue(unscheduled.contains("\"status\":\"UP\"") && unscheduled.contains("\"overdue\":false"),
                    unscheduled);
        }
    }

    private static String report(Database database, DefaultCamelContext camel, Instant now, boolean scheduled) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        return new HealthReport(database.dataSource(), new InsurerRegistry(database, clock),
                new Monitoring(clock).insurers(), camel,
                new BackupHealth(new BackupRuns(database.dataSource()), Duration.ofHours(26), scheduled, clock))
                .check().json();
    }
}
