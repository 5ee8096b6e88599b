package jp.hokensho.center.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.center.datakey.DataKeyring;
import jp.hokensho.center.datakey.TestDataKeys;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.routes.port.BatchJobStore.ClaimedItem;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Permission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The store's side of broker-carried work, on H2 and MariaDB: a message's range is claimed exactly (items done are
 * never claimed again, a live claim elsewhere is left alone until its lease passes), the poll leaves young jobs to
 * the broker, and a committed job is handed to the dispatch.
 */
class BrokerRangeClaimTest {
    private static final Caller CLINIC = new Caller("clinic-manager", "1311234567", "クリニック",
            "MEDICAL_INSTITUTION:BUSINESS_MANAGER", Set.of(Permission.VERIFY_CARD));
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final DataKeyring KEYS = TestDataKeys.fresh();

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
        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @BeforeEach
        void noOtherJobs() {
            sql("DELETE FROM batch_item");
            sql("DELETE FROM batch_job");
        }

        @Test
        void aRangeIsClaimedExactlyAndAgainOnlyWhatIsNotDone() {
            List<String> dispatched = new ArrayList<>();
            JdbcBatchJobStore store = store(1, Clock.systemUTC(), Duration.ZERO,
                    (number, total) -> dispatched.add(number + "/" + total));
            String number = store.submit(CLINIC, "12345", items(30)).getReceptionNumber();
            assertEquals(List.of(number + "/30"), dispatched, "handed over once committed");

            List<ClaimedItem> claimed = store.claimRange(number, 10, 20);
            assertEquals(List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19),
                    claimed.stream().map(ClaimedItem::position).toList());
            for (ClaimedItem item : claimed.subList(0, 7)) {
                store.recordProblem(item, JdbcBatchJobStore.problem("INVALID_FIELD", "symbol", "test"));
            }
            store.release(claimed.get(7));
            assertEquals(3, store.unfinishedInRange(number, 10, 20), "one released, two still claimed");

            // Delivered again: only the released item is claimable; done and live-claimed ones are left alone.
            List<ClaimedItem> again = store.claimRange(number, 10, 20);
            assertEquals(List.of(17), again.stream().map(ClaimedItem::position).toList());
            store.recordProblem(again.get(0), JdbcBatchJobStore.problem("INVALID_FIELD", "symbol", "test"));
            for (ClaimedItem item : claimed.subList(8, 10)) {
                store.recordProblem(item, JdbcBatchJobStore.problem("INVALID_FIELD", "symbol", "test"));
            }
            assertEquals(0, store.unfinishedInRange(number, 10, 20));
            assertEquals(List.of(), store.claimRange(number, 10, 20), "a redelivery after all is done claims nothing");
            assertEquals(10, store.unfinishedInRange(number, 0, 10), "the other ranges untouched");
        }

        @Test
        void aDeadNodesClaimIsTakenOverOnlyAfterItsLease() {
            JdbcBatchJobStore dead = store(2, Clock.systemUTC(), Duration.ZERO, JobDispatch.NONE);
            String number = dead.submit(CLINIC, "12345", items(5)).getReceptionNumber();
            assertEquals(5, dead.claimRange(number, 0, 5).size());

            JdbcBatchJobStore other = store(3, Clock.systemUTC(), Duration.ZERO, JobDispatch.NONE);
            assertEquals(List.of(), other.claimRange(number, 0, 5), "claims under their lease are not taken");
            assertEquals(5, other.unfinishedInRange(number, 0, 5));

            Clock afterLease = Clock.offset(Clock.systemUTC(), LEASE.plusSeconds(1));
            assertEquals(5, store(3, afterLease, Duration.ZERO, JobDispatch.NONE).claimRange(number, 0, 5).size());
        }

        @Test
        void withABrokerThePollLeavesYoungJobsAloneAndStoppedJobsNeedNothing() {
            JdbcBatchJobStore store = store(4, Clock.systemUTC(), Duration.ofMinutes(10), JobDispatch.NONE);
            String number = store.submit(CLINIC, "12345", items(3)).getReceptionNumber();
            assertEquals(List.of(), store.claim(10), "a young job is the broker's");

            Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(11)), ZoneOffset.UTC);
            List<ClaimedItem> taken = store(4, later, Duration.ofMinutes(10), JobDispatch.NONE).claim(10);
            assertEquals(3, taken.size(), "an old one is the poll's");

            store.stopForInvalidCredentials(taken.get(0));
            assertEquals(0, store.unfinishedInRange(number, 0, 3), "a stopped job leaves nothing to do");
            assertTrue(store.claimRange(number, 0, 3).isEmpty());
        }

        private JdbcBatchJobStore store(int nodeId, Clock clock, Duration pollAfter, JobDispatch dispatch) {
            return new JdbcBatchJobStore(database.dataSource(), clock, nodeId,
                    new JdbcBatchJobStore.Settings(Duration.ofHours(72), LEASE, pollAfter), KEYS,
                    new JpaAuditTrail(database, nodeId), dispatch);
        }

        private static List<BatchItem> items(int count) {
            List<BatchItem> items = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                BatchItem item = new BatchItem();
                item.setInsurerNumber("33120015");
                item.setSymbol("大阪");
                item.setNumber(String.valueOf(i));
                items.add(item);
            }
            return items;
        }
    }
}
