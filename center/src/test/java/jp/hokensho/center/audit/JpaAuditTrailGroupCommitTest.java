package jp.hokensho.center.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.types.ResultCode;
import org.hibernate.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Group commit of single appends: concurrent callers share transactions, each returns only with its record committed,
 * the chain stays gapless, and one bad append in a group fails only its own caller.
 */
class JpaAuditTrailGroupCommitTest {

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

    abstract static class Contract extends DatabaseTestBase {
        private static final int NODE = 7;
        private final AtomicLong numbers = new AtomicLong();
        private JpaAuditTrail trail;
        private ExecutorService callers;

        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @BeforeEach
        void emptyChain() {
            sql("DELETE FROM verification_record");
            sql("DELETE FROM audit_chain_head");
            trail = new JpaAuditTrail(database, NODE).groupCommits(64);
            callers = Executors.newFixedThreadPool(16);
        }

        @AfterEach
        void stop() {
            callers.shutdownNow();
            trail.close();
        }

        @Test
        void sixteenCallersShareTransactionsAndEachReturnsWithItsRecordCommitted() throws Exception {
            int perCaller = 20;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                results.add(callers.submit(() -> {
                    start.await();
                    for (int i = 0; i < perCaller; i++) {
                        String number = nextNumber();
                        trail.append(TestEvents.event(number, ResultCode.VALID));
                        // Returned: the record is committed, so another connection sees it at once.
                        assertEquals(1L, count("SELECT COUNT(*) FROM verification_record WHERE verification_number = '"
                                + number + "'"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(3, TimeUnit.MINUTES);
            }

            long total = 16L * perCaller;
            assertEquals(total, count("SELECT COUNT(*) FROM verification_record WHERE chain_id = " + NODE));
            assertEquals(total, count("SELECT MAX(position) FROM verification_record WHERE chain_id = " + NODE));
            assertTrue(trail.groupTransactions() < total,
                    "groups formed: " + trail.groupTransactions() + " transactions for " + total + " records");
            AuditChainReport report = new AuditChainVerifier(database, JpaAuditTrailTest.CENTER_KEY).verify();
            assertTrue(report.ok(), report.toString());
            assertEquals(total, report.checkedRecords());
        }

        @Test
        void aBadAppendInAGroupFailsOnlyItsOwnCallerAndTheOthersAreRecorded() throws Exception {
            // The first append holds the writer inside its transaction until the rest are queued: they then form one
            // group with the bad one among them.
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch queued = new CountDownLatch(1);
            Future<?> first = callers.submit(() -> {
                trail.append(TestEvents.event(nextNumber(), ResultCode.VALID), session -> {
                    holding.countDown();
                    await(queued);
                });
                return null;
            });
            assertTrue(holding.await(1, TimeUnit.MINUTES));
            List<Future<?>> good = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                good.add(callers.submit(() -> {
                    trail.append(TestEvents.event(nextNumber(), ResultCode.VALID));
                    return null;
                }));
            }
            String badNumber = nextNumber();
            Future<?> bad = callers.submit(() -> {
                trail.append(TestEvents.event(badNumber, ResultCode.VALID), Contract::refusedByTheDatabase);
                return null;
            });
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (trail.appendsWaiting() < 7 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(7, trail.appendsWaiting(), "the six good appends and the bad one wait together");
            queued.countDown();

            first.get(1, TimeUnit.MINUTES);
            for (Future<?> result : good) {
                result.get(1, TimeUnit.MINUTES);
            }
            ExecutionException refused = assertThrows(ExecutionException.class, () -> bad.get(1, TimeUnit.MINUTES));
            assertInstanceOf(RuntimeException.class, refused.getCause());
            assertTrue(String.valueOf(refused.getCause()).contains("no_such_table")
                            || String.valueOf(refused.getCause().getCause()).toLowerCase().contains("no_such_table"),
                    "the caller gets its own append's failure: " + refused.getCause());

            assertEquals(7L, count("SELECT COUNT(*) FROM verification_record WHERE chain_id = " + NODE));
            assertEquals(0L, count("SELECT COUNT(*) FROM verification_record WHERE verification_number = '"
                    + badNumber + "'"));
            AuditChainReport report = new AuditChainVerifier(database, JpaAuditTrailTest.CENTER_KEY).verify();
            assertTrue(report.ok(), report.toString());
            assertEquals(7, report.checkedRecords());
        }

        @Test
        void afterTheCloseNothingMoreIsAccepted() {
            trail.append(TestEvents.event(nextNumber(), ResultCode.VALID));
            trail.close();
            IllegalStateException closed = assertThrows(IllegalStateException.class,
                    () -> trail.append(TestEvents.event(nextNumber(), ResultCode.VALID)));
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
            assertEquals(1L, count("SELECT COUNT(*) FROM verification_record WHERE chain_id = " + NODE));
        }

        private static void refusedByTheDatabase(Session session) {
            session.createNativeMutationQuery("INSERT INTO no_such_table VALUES (1)").executeUpdate();
        }

        private static void await(CountDownLatch latch) {
            try {
                assertTrue(latch.await(1, TimeUnit.MINUTES));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private String nextNumber() {
            return TestEvents.number(numbers.incrementAndGet());
        }

        private long count(String query) {
            return ((Number) queryValue(query)).longValue();
        }
    }
}
