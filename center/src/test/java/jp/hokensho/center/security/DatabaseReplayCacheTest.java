package jp.hokensho.center.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared replay cache as WSS4J drives it (contains, then add with the expiry): one write per message when the
 * default lifetime covers the expiry, the real expiry written when it does not, and a second node sharing the
 * database hears "seen" either way.
 */
class DatabaseReplayCacheTest {
    private static final Instant NOW = Instant.parse("2026-11-30T01:00:00Z");
    private static final Duration LIFETIME = Duration.ofMinutes(7);

    @TempDir
    Path dir;

    @Test
    void anExpiryWithinTheDefaultLifetimeCostsNoSecondWriteAndTheMessageIsSeenOnEveryNode() throws Exception {
        try (TestDatabase testDatabase = TestDatabases.h2(dir); Database database = testDatabase.open()) {
            DatabaseReplayCache nodeA = cache(database);
            DatabaseReplayCache nodeB = cache(database);

            assertFalse(nodeA.contains("message-1"));
            nodeA.add("message-1", NOW.plus(Duration.ofMinutes(6)));

            assertEquals(StoredTime.of(NOW.plus(LIFETIME)), expiry(database),
                    "the row keeps the lifetime of its insert: the expiry asked for was within it");
            assertTrue(nodeA.contains("message-1"), "replayed to the same node");
            assertTrue(nodeB.contains("message-1"), "replayed to another node");
        }
    }

    @Test
    void anExpiryBeyondTheDefaultLifetimeIsWritten() throws Exception {
        try (TestDatabase testDatabase = TestDatabases.h2(dir); Database database = testDatabase.open()) {
            DatabaseReplayCache nodeA = cache(database);
            Instant later = NOW.plus(Duration.ofHours(2));

            assertFalse(nodeA.contains("message-2"));
            nodeA.add("message-2", later);

            assertEquals(StoredTime.of(later), expiry(database));
            assertTrue(cache(database).contains("message-2"));
        }
    }

    /**
     * Grouped, two nodes asking for the same 40 messages at once, each message twice on one of them (so twice in one
     * group, too): every message is "not seen" exactly once.
     */
    @Test
    void groupedChecksOfTwoNodesAtOnceLetEachMessageThroughExactlyOnce() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(24);
        try (TestDatabase testDatabase = TestDatabases.h2(dir); Database database = testDatabase.open();
             DatabaseReplayCache nodeA = cache(database).groupCommits(16);
             DatabaseReplayCache nodeB = cache(database).groupCommits(16)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> seen = new ArrayList<>();
            for (int m = 0; m < 40; m++) {
                String message = "grouped-" + m;
                for (DatabaseReplayCache node : List.of(nodeA, nodeB, m % 2 == 0 ? nodeA : nodeB)) {
                    seen.add(callers.submit(() -> {
                        start.await();
                        return node.contains(message);
                    }));
                }
            }
            start.countDown();
            for (int m = 0; m < 40; m++) {
                int notSeen = 0;
                for (int ask = 0; ask < 3; ask++) {
                    notSeen += seen.get(m * 3 + ask).get(1, TimeUnit.MINUTES) ? 0 : 1;
                }
                assertEquals(1, notSeen, "message grouped-" + m + " let through once of three");
            }
        } finally {
            callers.shutdownNow();
        }
    }

    private static DatabaseReplayCache cache(Database database) {
        return new DatabaseReplayCache(database.dataSource(), LIFETIME, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static LocalDateTime expiry(Database database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             ResultSet row = connection.createStatement().executeQuery("SELECT expires_at FROM replay_cache")) {
            assertTrue(row.next());
            LocalDateTime value = row.getObject(1, LocalDateTime.class);
            assertFalse(row.next(), "one row per message");
            return value.truncatedTo(ChronoUnit.MICROS);
        }
    }
}
