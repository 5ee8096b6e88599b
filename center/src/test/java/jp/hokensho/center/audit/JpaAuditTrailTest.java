package jp.hokensho.center.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jp.hokensho.center.audit.AuditChainReport.Finding;
import jp.hokensho.center.ca.CertificateAuthority;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.types.DataSource;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.contract.types.VerificationRecord;
import jp.hokensho.routes.port.RecordedVerification;
import jp.hokensho.routes.verification.AnswerDigest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The audit trail appends a gapless hash chain under concurrency, and the verifier names any tampering. */
class JpaAuditTrailTest {

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

    /** A key of its own stands for the center's: the chain checks need its certificate. */
    static final CheckpointSignature CENTER_KEY = testKey("CN=audit test center");

    static CheckpointSignature testKey(String subject) {
        CertificateAuthority key = CertificateAuthority.create(subject, Duration.ofDays(1), Clock.systemUTC());
        return CheckpointSignature.signer(key.privateKey(), key.certificate());
    }

    abstract static class Contract extends DatabaseTestBase {
        private static final int NODE = 5;
        private JpaAuditTrail trail;
        private AuditChainVerifier verifier;

        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @BeforeEach
        void emptyChain() {
            sql("DELETE FROM verification_record");
            sql("DELETE FROM audit_chain_head");
            trail = new JpaAuditTrail(database, NODE);
            verifier = new AuditChainVerifier(database, CENTER_KEY);
        }

        @Test
        void anEmptyChainVerifies() {
            AuditChainReport report = verifier.verify();
            assertTrue(report.ok(), report.toString());
            assertEquals(0, report.checkedRecords());
        }

        @Test
        void appendsFromManyThreadsIntoAGaplessChainThatVerifies() throws Exception {
            int threads = 4;
            int perThread = 25;
            AtomicLong numbers = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        trail.append(TestEvents.event(TestEvents.number(numbers.incrementAndGet()), ResultCode.VALID));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();

            long total = threads * perThread;
            assertEquals(total, count("SELECT COUNT(*) FROM verification_record"));
            assertEquals(1L, count("SELECT MIN(position) FROM verification_record"));
            assertEquals(total, count("SELECT MAX(position) FROM verification_record"));
            assertEquals(total, count("SELECT last_position FROM audit_chain_head WHERE chain_id = " + NODE));
            AuditChainReport report = verifier.verify();
            assertTrue(report.ok(), report.toString());
            assertEquals(total, report.checkedRecords());
        }

        @Test
        void findsARecordAsStoredWithItsOrganisationAndInsurer() {
            trail.append(TestEvents.event(TestEvents.number(709), ResultCode.VALID));

            RecordedVerification found = trail.find(TestEvents.number(709)).orElseThrow();
            assertEquals("M0000001", found.requesterOrganisationCode());
            assertEquals("00000001", found.insurerNumber());
            VerificationRecord record = found.record();
            assertEquals("00000000000000000709", record.getVerificationNumber());
            assertEquals(OffsetDateTime.of(2005, 7, 8, 1, 11, 12, 123_456_000, ZoneOffset.UTC), record.getRequestedAt());
            assertEquals("clinic-manager", record.getRequesterUserId());
            assertEquals("M0000001", record.getRequesterOrganisation());
            assertEquals("東京", record.getQuery().getSymbol());
            assertEquals("001", record.getQuery().getNumber());
            assertEquals("02", record.getQuery().getBranchNumber());
            assertEquals(LocalDate.of(2005, 7, 8), record.getQuery().getTargetDate());
            assertEquals(LocalDate.of(1983, 1, 2), record.getQuery().getBirthDate());
            assertEquals(ResultCode.VALID, record.getResultCode());
            assertEquals(DataSource.PRE_STORED, record.getSource());
            assertEquals(LocalDate.of(2010, 3, 31), record.getValidTo());
            assertEquals(OffsetDateTime.of(2005, 6, 30, 9, 0, 0, 999_999_000, ZoneOffset.UTC),
                    record.getInsurerUpdatedAt());
            assertEquals(OffsetDateTime.of(2005, 7, 1, 0, 0, 0, 1_000, ZoneOffset.UTC), record.getCenterReceivedAt());
            assertEquals("ab".repeat(32), record.getAnswerDigest());
            assertEquals(AnswerDigest.CURRENT_VERSION, record.getAnswerDigestVersion());
            assertFalse(trail.find(TestEvents.number(710)).isPresent());
        }

        @Test
        void anAnswerWithoutOptionalFieldsIsRecordedAndVerifies() {
            var event = TestEvents.event(TestEvents.number(1), ResultCode.INSURER_NOT_FOUND);
            event.answer().setSource(null);
            event.answer().setValidFrom(null);
            event.answer().setValidTo(null);
            event.answer().setInsurerUpdatedAt(null);
            event.answer().setCenterReceivedAt(null);
            event.answer().getQuery().setBranchNumber(null);
            trail.append(event);

            assertNull(trail.find(TestEvents.number(1)).orElseThrow().record().getSource());
            assertTrue(verifier.verify().ok());
        }

        @Test
        void namesARecordWhoseResultWasChangedInTheDatabase() {
            appendFive();
            sql("UPDATE verification_record SET result_code = 'VALID' WHERE position = 3");

            assertFinding(Finding.ALTERED, 3, TestEvents.number(3));
        }

        @Test
        void namesARecordRewrittenWithARecomputedHash() {
            appendFive();
            VerificationRecordEntity third = database.fromTransaction(
                    session -> session.find(VerificationRecordEntity.class, new VerificationRecordEntity.Key(NODE, 3)));
            third.resultCode = ResultCode.VALID;
            sql("UPDATE verification_record SET result_code = 'VALID', record_hash = ? WHERE position = 3",
                    AuditRecordHash.of(third));

            assertFinding(Finding.ALTERED, 3, TestEvents.number(3));
        }

        @Test
        void namesARecordWhoseDigestVersionWasSwitched() {
            appendFive();
            sql("UPDATE verification_record SET answer_digest_version = 1 WHERE position = 2");

            assertFinding(Finding.ALTERED, 2, TestEvents.number(2));
        }

        @Test
        void namesTheGapOfADeletedRecord() {
            appendFive();
            sql("DELETE FROM verification_record WHERE position = 3");

            assertFinding(Finding.DELETED, 3, TestEvents.number(4));
        }

        @Test
        void namesADeletedLastRecord() {
            appendFive();
            sql("DELETE FROM verification_record WHERE position = 5");

            assertFinding(Finding.DELETED, 5, null);
        }

        @Test
        void namesAForgedRecord() {
            appendFive();
            String lastHash = (String) queryValue("SELECT record_hash FROM verification_record WHERE position = 5");
            sql("INSERT INTO verification_record (chain_id, position, verification_number, requested_at,"
                    + " requester_user_id, requester_org_code, insurer_number, card_symbol, card_number, result_code,"
                    + " prev_hash, record_hash) VALUES (?, 6, ?, ?, 'intruder', 'M0000001', '00000001', '東京', '001',"
                    + " 'VALID', ?, ?)", NODE, TestEvents.number(999), java.time.LocalDateTime.of(2005, 7, 8, 2, 0), lastHash, "f".repeat(64));

            assertFinding(Finding.INSERTED, 6, TestEvents.number(999));
        }

        @Test
        void namesAHeadThatDoesNotMatchTheLastRecord() {
            appendFive();
            sql("UPDATE audit_chain_head SET last_hash = ? WHERE chain_id = ?", "e".repeat(64), NODE);

            assertFinding(Finding.HEAD_MISMATCH, 5, TestEvents.number(5));
        }

        /** Each node appends to its own chain: both stay gapless under concurrent appends and verify apart. */
        @Test
        void twoNodesAppendingAtOnceEachKeepAGaplessChainOfTheirOwn() throws Exception {
            JpaAuditTrail other = new JpaAuditTrail(database, NODE + 1);
            AtomicLong numbers = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (JpaAuditTrail node : List.of(trail, other, trail, other)) {
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 10; i++) {
                        node.append(TestEvents.event(TestEvents.number(numbers.incrementAndGet()), ResultCode.VALID));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();

            for (int chain : List.of(NODE, NODE + 1)) {
                assertEquals(20L, count("SELECT COUNT(*) FROM verification_record WHERE chain_id = " + chain));
                assertEquals(20L, count("SELECT MAX(position) FROM verification_record WHERE chain_id = " + chain));
            }
            AuditChainReport report = verifier.verify();
            assertTrue(report.ok(), report.toString());
            assertEquals(40, report.checkedRecords());
            assertEquals(20, report.of(NODE + 1).orElseThrow().checkedRecords(), report.toString());
        }

        @Test
        void namesARecordMovedToAnotherChain() {
            JpaAuditTrail other = new JpaAuditTrail(database, NODE + 1);
            appendFive();
            other.append(TestEvents.event(TestEvents.number(6), ResultCode.VALID));
            // Node 6's record becomes position 6 of node 5's chain, linked and with the head moved: only the hash,
            // which covers the chain id, tells.
            Object fifth = queryValue("SELECT record_hash FROM verification_record WHERE chain_id = ? AND position = 5",
                    NODE);
            Object moved = queryValue("SELECT record_hash FROM verification_record WHERE chain_id = ?", NODE + 1);
            sql("UPDATE verification_record SET chain_id = ?, position = 6, prev_hash = ? WHERE chain_id = ?", NODE,
                    fifth, NODE + 1);
            sql("UPDATE audit_chain_head SET last_position = 6, last_hash = ? WHERE chain_id = ?", moved, NODE);

            AuditChainReport report = verifier.verify();
            assertEquals(Finding.ALTERED, report.finding(), report.toString());
            assertEquals(NODE, report.chain(), report.toString());
            assertEquals(6L, report.position(), report.toString());
            assertEquals(Finding.DELETED, report.of(NODE + 1).orElseThrow().finding(), "node 6's chain lost its record");
        }

        private void appendFive() {
            for (long n = 1; n <= 5; n++) {
                trail.append(TestEvents.event(TestEvents.number(n), n % 2 == 0 ? ResultCode.VALID : ResultCode.EXPIRED));
            }
            assertTrue(verifier.verify().ok());
        }

        private void assertFinding(Finding finding, long position, String number) {
            AuditChainReport report = verifier.verify();
            assertEquals(finding, report.finding(), report.toString());
            assertEquals(position, report.position(), report.toString());
            assertEquals(number, report.verificationNumber(), report.toString());
        }

        private long count(String query) {
            return ((Number) queryValue(query)).longValue();
        }
    }
}
