package jp.hokensho.center.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two nodes sharing a database: one runs a job at a time, a daily job runs once a day, a dead holder's lease expires. */
class JobLeaseTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    @TempDir
    Path dir;
    private TestDatabase testDatabase;
    private Database database;

    void open(TestDatabases.Vendor vendor) {
        testDatabase = TestDatabases.create(vendor, dir);
        database = testDatabase.open();
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Vendor.class)
    void whileOneNodeRunsTheJobTheOtherDoesNotAndADailyJobRunsOncePerDay(TestDatabases.Vendor vendor) throws Exception {
        open(vendor);
        Clock clock = Clock.systemUTC();
        JobLease nodeA = new JobLease(database.dataSource(), "daily-backup", "node-1", Duration.ofMinutes(10), clock);
        JobLease nodeB = new JobLease(database.dataSource(), "daily-backup", "node-2", Duration.ofMinutes(10), clock);
        AtomicInteger runs = new AtomicInteger();
        boolean[] otherRan = new boolean[1];
        var daily = (java.util.function.Predicate<Optional<Instant>>) last ->
                LeasedJobs.isDailyDue(last, LocalTime.MIDNIGHT, TOKYO, clock.instant());

        assertTrue(nodeA.runIfDue(daily, () -> {
            runs.incrementAndGet();
            try {
                otherRan[0] = nodeB.runIfDue(last -> true, runs::incrementAndGet);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertFalse(otherRan[0], "node 2 did not run it while node 1 held the lease");
        assertFalse(nodeB.runIfDue(daily, runs::incrementAndGet), "done for today: node 2 does not run it again");
        assertEquals(1, runs.get());
        assertTrue(nodeB.lastCompleted().isPresent());
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Vendor.class)
    void aLeaseOfANodeThatDiedExpiresAndAFailedRunIsNotMarkedDone(TestDatabases.Vendor vendor) throws Exception {
        open(vendor);
        Instant start = Instant.now();
        JobLease dead = new JobLease(database.dataSource(), "purge", "node-1", Duration.ofMinutes(5),
                Clock.fixed(start, ZoneOffset.UTC));
        assertTrue(dead.tryAcquire(), "node 1 takes it and dies without releasing");
        JobLease soon = new JobLease(database.dataSource(), "purge", "node-2", Duration.ofMinutes(5),
                Clock.fixed(start.plusSeconds(60), ZoneOffset.UTC));
        assertFalse(soon.runIfDue(last -> true, () -> { }), "still held a minute later");
        JobLease later = new JobLease(database.dataSource(), "purge", "node-2", Duration.ofMinutes(5),
                Clock.fixed(start.plusSeconds(301), ZoneOffset.UTC));
        assertThrows(IllegalStateException.class, () -> later.runIfDue(last -> true, () -> {
            throw new IllegalStateException("disk full");
        }));
        assertTrue(later.lastCompleted().isEmpty(), "a failed run is not recorded as done");
        assertTrue(later.runIfDue(last -> true, () -> { }), "released after the failure, taken again");
        assertTrue(later.lastCompleted().isPresent());
    }

    @org.junit.jupiter.api.Test
    void dailyJobIsDueOnceTheDaysTimeHasPassedSinceItLastCompleted() {
        LocalTime at = LocalTime.of(2, 30);
        Instant before = Instant.parse("2026-11-30T17:00:00Z"); // 02:00 on 1 December in Tokyo
        Instant after = Instant.parse("2026-11-30T17:31:00Z"); // 02:31
        Instant doneYesterday = Instant.parse("2026-11-29T17:35:00Z");
        assertFalse(LeasedJobs.isDailyDue(Optional.of(doneYesterday), at, TOKYO, before));
        assertTrue(LeasedJobs.isDailyDue(Optional.of(doneYesterday), at, TOKYO, after));
        assertFalse(LeasedJobs.isDailyDue(Optional.of(after), at, TOKYO, after.plusSeconds(3600)));
        assertTrue(LeasedJobs.isDailyDue(Optional.empty(), at, TOKYO, before), "never ran: due");
    }
}
