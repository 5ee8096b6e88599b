package jp.hokensho.center.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.center.datakey.DataKeyring;
import jp.hokensho.center.datakey.TestDataKeys;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.DatabaseSettings;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.eligibility.BatchItem;
import jp.hokensho.contract.eligibility.BatchProgress;
import jp.hokensho.contract.eligibility.BatchStatus;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.port.BatchJobStore.ClaimedItem;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.Permission;
import jp.hokensho.routes.port.VerificationEvent;
import jp.hokensho.routes.verification.AnswerDigest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The job store on H2 and MariaDB: two nodes never claim one item, a lost claim records nothing, expiry. */
class JdbcBatchJobStoreTest {
    private static final Caller CLINIC = new Caller("clinic-manager", "1311234567", "クリニック",
            "MEDICAL_INSTITUTION:BUSINESS_MANAGER", Set.of(Permission.VERIFY_CARD));
    private static final JdbcBatchJobStore.Settings SETTINGS =
            new JdbcBatchJobStore.Settings(Duration.ofHours(72), Duration.ofMinutes(5));
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

        @Test
        void aDriverThatReportsNoRowCountsStillRecordsEachItemOnce() {
            // MariaDB's bulk protocol answers a JDBC batch with SUCCESS_NO_INFO: the group cannot prove each item's
            // row, so it is recorded item by item, each with a statement of its own, and nothing twice.
            DatabaseSettings plain = testDatabase.settings();
            Database bulk = Database.open(new DatabaseSettings(plain.jdbcUrl() + "?useBulkStmts=true", plain.user(),
                    plain.password(), 2));
            try {
                JpaAuditTrail trail = new JpaAuditTrail(bulk, 11);
                JdbcBatchJobStore store = new JdbcBatchJobStore(bulk.dataSource(), Clock.systemUTC(), 11, SETTINGS,
                        KEYS, trail);
                BatchAuditTrail audit = new BatchAuditTrail(trail, store);
                String number = store.submit(CLINIC, "12345", Contract.items(4)).getReceptionNumber();
                List<ClaimedItem> group = store.claim(10);
                for (ClaimedItem item : group) {
                    store.expectAnswer(item, Contract.verificationNumber(11, item.position()));
                    audit.append(Contract.event(Contract.verificationNumber(11, item.position())));
                }

                assertEquals(List.of(), store.recordAnswers(group), "every item recorded");
                assertEquals(4, store.progress(number, CLINIC.organisationCode(), 0, 10).orElseThrow().getDone());
                assertEquals(4L, ((Number) queryValue("SELECT COUNT(*) FROM verification_record WHERE"
                        + " verification_number LIKE '0110000000000000000%'")).longValue(), "each once");
                assertEquals(List.of(), store.recordAnswers(group), "handed in again: nothing recorded twice");
            } finally {
                bulk.close();
            }
        }
    }

    abstract static class Contract extends DatabaseTestBase {
        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @org.junit.jupiter.api.BeforeEach
        void noOtherJobs() {
            sql("DELETE FROM batch_item");
            sql("DELETE FROM batch_job");
        }

        @Test
        void twoNodesClaimingAtOnceNeverGetTheSameItem() throws Exception {
            JdbcBatchJobStore nodeA = store(1, Clock.systemUTC());
            JdbcBatchJobStore nodeB = store(2, Clock.systemUTC());
            String number = nodeA.submit(CLINIC, "12345", items(400)).getReceptionNumber();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<ClaimedItem>>> claims = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    JdbcBatchJobStore node = i % 2 == 0 ? nodeA : nodeB;
                    claims.add(pool.submit((Callable<List<ClaimedItem>>) () -> node.claim(15)));
                }
                Set<Integer> positions = new HashSet<>();
                int claimed = 0;
                for (Future<List<ClaimedItem>> claim : claims) {
                    for (ClaimedItem item : claim.get()) {
                        assertEquals(number, item.receptionNumber());
                        assertTrue(positions.add(item.position()), "claimed twice: " + item.position());
                        claimed++;
                    }
                }
                // A node that lost a race for some candidates claims fewer: the rest come with later polls.
                for (List<ClaimedItem> more = nodeB.claim(50); !more.isEmpty(); more = nodeA.claim(50)) {
                    for (ClaimedItem item : more) {
                        assertTrue(positions.add(item.position()), "claimed twice: " + item.position());
                        claimed++;
                    }
                }
                assertEquals(400, claimed, "every item claimed once");
                assertEquals(400L, ((Number) queryValue("SELECT COUNT(*) FROM batch_item WHERE reception_number = ?"
                        + " AND status = 'CLAIMED'", number)).longValue());
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void answerIsStoredWithItsAuditRecordAndALostClaimRecordsNothing() {
            JdbcBatchJobStore store = store(3, Clock.systemUTC());
            BatchAuditTrail audit = new BatchAuditTrail(new JpaAuditTrail(database, 0), store);
            String number = store.submit(CLINIC, "12345", items(2)).getReceptionNumber();
            List<ClaimedItem> claimed = store.claim(2);
            assertEquals(2, claimed.size());

            store.expectAnswer(claimed.get(0), "00300000000000000001");
            audit.append(event("00300000000000000001"));
            assertEquals("CLAIMED", queryValue("SELECT status FROM batch_item WHERE reception_number = ? AND"
                    + " position = 0", number), "held until its group is recorded");
            assertEquals(List.of(), store.recordAnswers(claimed.subList(0, 1)));
            assertEquals("DONE", queryValue("SELECT status FROM batch_item WHERE reception_number = ? AND position = 0",
                    number));

            // Another node took item 1 over (its claim token changed): this node's verification must not count.
            sql("UPDATE batch_item SET claim_token = 'someone-else' WHERE reception_number = ? AND position = 1", number);
            store.expectAnswer(claimed.get(1), "00300000000000000002");
            audit.append(event("00300000000000000002"));
            assertEquals(List.of(claimed.get(1)), store.recordAnswers(claimed.subList(1, 2)), "reported, not recorded");
            assertEquals(0L, recordsNumbered("00300000000000000002"), "rolled back with the item");

            BatchProgress progress = store.progress(number, CLINIC.organisationCode(), 0, 10).orElseThrow();
            assertEquals(1, progress.getDone());
            assertEquals(ResultCode.VALID, progress.getResult().get(0).getAnswer().getResultCode());
            assertTrue(store.progress(number, "another-org", 0, 10).isEmpty(), "other organisations: not found");
        }

        @Test
        void aGroupWithOneLostClaimRecordsTheOthersInOneGoAndReportsTheLostOneOnlyOnce() {
            JdbcBatchJobStore store = store(7, Clock.systemUTC());
            BatchAuditTrail audit = new BatchAuditTrail(new JpaAuditTrail(database, 7), store);
            String number = store.submit(CLINIC, "12345", items(5)).getReceptionNumber();
            List<ClaimedItem> group = store.claim(10);
            assertEquals(5, group.size());
            for (ClaimedItem item : group) {
                store.expectAnswer(item, verificationNumber(7, item.position()));
                audit.append(event(verificationNumber(7, item.position())));
            }
            assertEquals(0L, recordsNumbered(verificationNumber(7, 0)), "nothing recorded before the group");
            assertEquals(0, store.progress(number, CLINIC.organisationCode(), 0, 10).orElseThrow().getDone(),
                    "no answer visible before its record");
            sql("UPDATE batch_item SET claim_token = 'someone-else' WHERE reception_number = ? AND position = 2", number);

            assertEquals(List.of(group.get(2)), store.recordAnswers(group));

            for (ClaimedItem item : group) {
                assertEquals(item.position() == 2 ? 0L : 1L, recordsNumbered(verificationNumber(7, item.position())),
                        "item " + item.position());
            }
            BatchProgress progress = store.progress(number, CLINIC.organisationCode(), 0, 10).orElseThrow();
            assertEquals(4, progress.getDone());
            assertEquals(null, progress.getResult().get(2).getAnswer(), "the lost item shows nothing of this node's");
            // The same group handed in again (a redelivery) records nothing twice.
            assertEquals(List.of(), store.recordAnswers(group));
            assertEquals(4L, ((Number) queryValue("SELECT COUNT(*) FROM verification_record WHERE verification_number"
                    + " LIKE '0070000000000000000%'")).longValue());
        }

        @Test
        void aGroupTakenOverAfterItsLeaseIsRecordedOnceByTheNodeThatTookItOver() {
            JdbcBatchJobStore slow = store(8, Clock.systemUTC());
            BatchAuditTrail slowAudit = new BatchAuditTrail(new JpaAuditTrail(database, 8), slow);
            String number = slow.submit(CLINIC, "12345", items(3)).getReceptionNumber();
            List<ClaimedItem> first = slow.claim(3);
            for (ClaimedItem item : first) {
                slow.expectAnswer(item, verificationNumber(8, item.position()));
                slowAudit.append(event(verificationNumber(8, item.position())));
            }
            // The slow node's claims outlive the lease; another node takes the group over and records it.
            sql("UPDATE batch_item SET claimed_at = ? WHERE reception_number = ?",
                    java.time.LocalDateTime.now(ZoneOffset.UTC).minusHours(1), number);
            JdbcBatchJobStore other = store(9, Clock.systemUTC());
            BatchAuditTrail otherAudit = new BatchAuditTrail(new JpaAuditTrail(database, 9), other);
            List<ClaimedItem> second = other.claim(3);
            assertEquals(3, second.size(), "taken over after the lease");
            for (ClaimedItem item : second) {
                other.expectAnswer(item, verificationNumber(9, item.position()));
                otherAudit.append(event(verificationNumber(9, item.position())));
            }
            assertEquals(List.of(), other.recordAnswers(second));

            assertEquals(first, slow.recordAnswers(first), "every item of the slow node's group lost");
            for (int position = 0; position < 3; position++) {
                assertEquals(0L, recordsNumbered(verificationNumber(8, position)));
                assertEquals(1L, recordsNumbered(verificationNumber(9, position)));
            }
            assertEquals(3, other.progress(number, CLINIC.organisationCode(), 0, 10).orElseThrow().getDone());
        }

        private static String verificationNumber(int node, int position) {
            return String.format("%03d%017d", node, position);
        }

        private long recordsNumbered(String verificationNumber) {
            return ((Number) queryValue("SELECT COUNT(*) FROM verification_record WHERE verification_number = ?",
                    verificationNumber)).longValue();
        }

        @Test
        void aRangeIsClaimedOnlyForItsOwnActiveJobAndOnlyOnce() {
            JdbcBatchJobStore nodeA = store(10, Clock.systemUTC());
            JdbcBatchJobStore nodeB = store(11, Clock.systemUTC());
            String number = nodeA.submit(CLINIC, "12345", items(30)).getReceptionNumber();
            String other = nodeA.submit(CLINIC, "12345", items(5)).getReceptionNumber();

            List<ClaimedItem> range = nodeA.claimRange(number, 10, 20);

            assertEquals(java.util.stream.IntStream.rangeClosed(10, 19).boxed().toList(),
                    range.stream().map(ClaimedItem::position).toList());
            assertTrue(range.stream().allMatch(item -> item.receptionNumber().equals(number)));
            assertEquals("RUNNING", queryValue("SELECT status FROM batch_job WHERE reception_number = ?", number));
            assertEquals(List.of(), nodeB.claimRange(number, 5, 20).stream().filter(item -> item.position() >= 10)
                    .toList(), "held by node A");
            assertEquals(List.of(), nodeB.claimRange("99999999999999999999", 0, 100), "no such job");
            assertEquals(0L, ((Number) queryValue("SELECT COUNT(*) FROM batch_item WHERE reception_number = ?"
                    + " AND status = 'CLAIMED'", other)).longValue(), "another job's items untouched");
        }

        @Test
        void restartedNodeQueuesItsEarlierClaimsAndFinishedJobsExpire() {
            JdbcBatchJobStore before = store(4, Clock.systemUTC());
            String number = before.submit(CLINIC, "12345", items(3)).getReceptionNumber();
            assertEquals(3, before.claim(3).size());
            JdbcBatchJobStore after = store(4, Clock.systemUTC());
            assertEquals(3, after.recoverEarlierClaimsOfThisNode(4));
            for (ClaimedItem item : after.claim(3)) {
                after.recordProblem(item, JdbcBatchJobStore.problem("INVALID_FIELD", "symbol", "test"));
            }
            after.updateProgress();
            BatchProgress done = after.progress(number, CLINIC.organisationCode(), 0, 3).orElseThrow();
            assertEquals(BatchStatus.DONE, done.getStatus());
            assertEquals(3, done.getDone());

            Clock later = Clock.fixed(Instant.now().plus(Duration.ofHours(73)), ZoneOffset.UTC);
            JdbcBatchJobStore purger = store(5, later);
            assertEquals(BatchStatus.EXPIRED, purger.progress(number, CLINIC.organisationCode(), 0, 3).orElseThrow()
                    .getStatus(), "expired before the purge ran");
            assertTrue(purger.purgeExpired() >= 1);
            BatchProgress expired = purger.progress(number, CLINIC.organisationCode(), 0, 3).orElseThrow();
            assertEquals(BatchStatus.EXPIRED, expired.getStatus());
            assertTrue(expired.getResult().isEmpty());
            assertEquals(0L, ((Number) queryValue("SELECT COUNT(*) FROM batch_item WHERE reception_number = ?",
                    number)).longValue());
        }

        @Test
        void itemsStoredInPlainTextByAnEarlierVersionAreSealedAtStartAndStillAnswered() {
            EligibilityAnswer answer = event("00600000000000000001").answer();
            sql("INSERT INTO batch_job (reception_number, requester_org_code, requester_user_id, requester_role,"
                    + " status, total_items, done_items, submitted_at) VALUES ('20260101000000000006', ?, ?, ?,"
                    + " 'RUNNING', 2, 1, ?)", CLINIC.organisationCode(), CLINIC.userId(), CLINIC.role(),
                    java.time.LocalDateTime.now());
            sql("INSERT INTO batch_item (reception_number, position, reference, insurer_number, card_symbol,"
                    + " card_number, birth_date, status, attempts, answer_xml) VALUES ('20260101000000000006', 0,"
                    + " 'chart-7', '33120015', '大阪', '0', '1970-01-01', 'DONE', 1, ?)", new AnswerXml().write(answer));
            sql("INSERT INTO batch_item (reception_number, position, reference, insurer_number, card_symbol,"
                    + " card_number, birth_date, status, attempts) VALUES ('20260101000000000006', 1, 'chart-8',"
                    + " '33120015', '大阪', '1', '1980-02-02', 'QUEUED', 0)");
            JdbcBatchJobStore store = store(6, Clock.systemUTC());

            assertEquals(2, store.sealPlainItems());

            assertEquals(0L, ((Number) queryValue("SELECT COUNT(*) FROM batch_item WHERE reference IS NOT NULL"
                    + " OR card_symbol IS NOT NULL OR card_number IS NOT NULL OR birth_date IS NOT NULL"
                    + " OR answer_xml IS NOT NULL OR item_sealed IS NULL")).longValue(), "nothing left in plain text");
            assertEquals(0, store.sealPlainItems(), "sealed once");
            BatchProgress progress = store.progress("20260101000000000006", CLINIC.organisationCode(), 0, 2)
                    .orElseThrow();
            assertEquals("chart-7", progress.getResult().get(0).getReference());
            assertEquals(answer.getVerificationNumber(),
                    progress.getResult().get(0).getAnswer().getVerificationNumber());
            assertEquals("chart-8", progress.getResult().get(1).getReference());
            List<ClaimedItem> claimed = store.claim(5);
            assertEquals(1, claimed.size(), "the item not done yet is claimed from its sealed input");
            assertEquals("1980-02-02", claimed.get(0).item().getBirthDate());
            assertEquals(null, claimed.get(0).submitter().keySerial(), "no key kept before V7: it cannot run");
        }

        private JdbcBatchJobStore store(int nodeId, Clock clock) {
            return new JdbcBatchJobStore(database.dataSource(), clock, nodeId, SETTINGS, KEYS,
                    new JpaAuditTrail(database, nodeId));
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

        private static VerificationEvent event(String number) {
            EligibilityAnswer answer = new EligibilityAnswer();
            answer.setVerificationNumber(number);
            answer.setResultCode(ResultCode.VALID);
            EligibilityQuery query = new EligibilityQuery();
            query.setInsurerNumber("33120015");
            query.setSymbol("大阪");
            query.setNumber("0");
            query.setTargetDate(LocalDate.of(2025, 6, 1));
            answer.setQuery(query);
            answer.setAnsweredAt(OffsetDateTime.now(ZoneOffset.UTC));
            return new VerificationEvent(CLINIC, answer, "0".repeat(64), AnswerDigest.CURRENT_VERSION);
        }
    }
}
