package jp.hokensho.center.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jp.hokensho.center.audit.JpaAuditTrail;
import jp.hokensho.center.datakey.TestDataKeys;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.types.EligibilityAnswer;
import jp.hokensho.contract.types.EligibilityQuery;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.routes.port.AskedQuery;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.KeptAnswer;
import jp.hokensho.routes.port.Permission;
import jp.hokensho.routes.port.ReferencedRequest;
import jp.hokensho.routes.port.RequestReferenceTaken;
import jp.hokensho.routes.port.VerificationEvent;
import jp.hokensho.routes.verification.AnswerDigest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Answers kept for a requestReference on a real database: sealed at rest, written in the audit record's
 * transaction (both or neither), one per organisation and reference even when two are recorded at once, and
 * gone after the window.
 */
class KeptAnswerStoreTest {
    private static final Caller CLINIC = new Caller("clinic-staff", "1311234567", "上野医院",
            "MEDICAL_INSTITUTION:STAFF", Set.of(Permission.VERIFY_CARD));
    private static final Instant T0 = Instant.parse("2026-11-30T01:00:00Z");

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
        private final MovableClock clock = new MovableClock();
        private KeptAnswerStore kept;
        private JpaAuditTrail audit;
        private KeptAnswerAuditTrail trail;
        private long nextNumber = 1;

        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @BeforeEach
        void emptyTables() {
            sql("DELETE FROM request_answer");
            sql("DELETE FROM verification_record");
            // Each node makes its chain's head again before its first append to an empty table.
            sql("DELETE FROM audit_chain_head");
            clock.now = T0;
            kept = new KeptAnswerStore(database.dataSource(), TestDataKeys.fresh(), Duration.ofHours(24), clock);
            audit = new JpaAuditTrail(database, 0, clock);
            trail = new KeptAnswerAuditTrail(audit, audit, kept);
        }

        @Test
        void theAnswerIsKeptSealedAndReadBackAsGiven() {
            VerificationEvent event = event("R-1", "001");
            trail.append(event);

            KeptAnswer found = kept.find(CLINIC.organisationCode(), "R-1").orElseThrow();
            assertEquals(event.reference().asked(), found.asked());
            assertArrayEquals(new AnswerDigest().canonicalXml(event.answer()),
                    new AnswerDigest().canonicalXml(found.answer()), "the very answer given");
            assertEquals(1, count("SELECT COUNT(*) FROM verification_record"));
            byte[] sealed = bytes("SELECT answer_sealed FROM request_answer");
            assertFalse(contains(sealed, "東京".getBytes(StandardCharsets.UTF_8)), "no card data in the clear");
            assertFalse(contains(sealed, event.answer().getVerificationNumber().getBytes(StandardCharsets.UTF_8)));
            assertTrue(kept.find(CLINIC.organisationCode(), "R-1 ").isEmpty(), "references are compared exactly");
            assertTrue(kept.find("1319999999", "R-1").isEmpty(), "references belong to one organisation");
        }

        @Test
        void aSecondRecordOfTheSameReferenceIsRefusedAndRecordsNothing() {
            VerificationEvent first = event("R-2", "001");
            trail.append(first);

            assertThrows(RequestReferenceTaken.class, () -> trail.append(event("R-2", "001")));

            assertEquals(1, count("SELECT COUNT(*) FROM verification_record"));
            assertEquals(first.answer().getVerificationNumber(),
                    kept.find(CLINIC.organisationCode(), "R-2").orElseThrow().answer().getVerificationNumber());
        }

        @Test
        void whileTheFirstIsUncommittedTheSecondWaitsAndThenFindsTheReferenceTaken() throws Exception {
            VerificationEvent first = event("R-3", "001");
            VerificationEvent second = event("R-3", "001");
            CountDownLatch firstKept = new CountDownLatch(1);
            CountDownLatch commitFirst = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<?> winner = threads.submit(() -> audit.append(first, session -> session.doWork(c -> {
                    try {
                        kept.keep(c, first);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    firstKept.countDown();
                    await(commitFirst);
                })));
                assertTrue(firstKept.await(10, TimeUnit.SECONDS), "the first kept its answer");
                Future<?> loser = threads.submit(() -> trail.append(second));
                assertThrows(TimeoutException.class, () -> loser.get(300, TimeUnit.MILLISECONDS),
                        "the second waits for the first's transaction");
                commitFirst.countDown();
                winner.get(10, TimeUnit.SECONDS);
                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> loser.get(20, TimeUnit.SECONDS));
                assertInstanceOf(RequestReferenceTaken.class, failed.getCause(), failed.getCause().toString());
            } finally {
                commitFirst.countDown();
                threads.shutdownNow();
            }
            assertEquals(1, count("SELECT COUNT(*) FROM verification_record"), "one verification recorded");
            assertEquals(first.answer().getVerificationNumber(),
                    kept.find(CLINIC.organisationCode(), "R-3").orElseThrow().answer().getVerificationNumber());
        }

        @Test
        void anAnswerIsNeverKeptWithoutItsAuditRecord() {
            trail.append(event("R-4a", "001"));
            nextNumber--;
            // The same verification number again: the record's insert fails after the answer was written.
            assertThrows(RuntimeException.class, () -> trail.append(event("R-4", "002")),
                    "the append fails after the answer was written in its transaction");
            assertTrue(kept.find(CLINIC.organisationCode(), "R-4").isEmpty(), "rolled back with the record");
            assertEquals(1, count("SELECT COUNT(*) FROM request_answer"), "only the first answer is kept");
            assertEquals(1, count("SELECT COUNT(*) FROM verification_record"));
        }

        @Test
        void afterTheWindowTheReferenceIsFreeForANewVerification() {
            VerificationEvent first = event("R-5", "001");
            trail.append(first);
            clock.now = T0.plus(Duration.ofHours(24)).minusMillis(1);
            assertTrue(kept.find(CLINIC.organisationCode(), "R-5").isPresent(), "within the window");
            clock.now = T0.plus(Duration.ofHours(24));
            assertTrue(kept.find(CLINIC.organisationCode(), "R-5").isEmpty(), "the window has passed");

            VerificationEvent later = event("R-5", "999");
            trail.append(later);

            assertEquals(later.answer().getVerificationNumber(),
                    kept.find(CLINIC.organisationCode(), "R-5").orElseThrow().answer().getVerificationNumber());
            assertEquals(1, count("SELECT COUNT(*) FROM request_answer"), "the expired answer made way");
            assertEquals(2, count("SELECT COUNT(*) FROM verification_record"));
        }

        private VerificationEvent event(String reference, String cardNumber) {
            EligibilityQuery query = new EligibilityQuery();
            query.setInsurerNumber("00000001");
            query.setSymbol("東京");
            query.setNumber(cardNumber);
            query.setTargetDate(LocalDate.of(2005, 7, 8));
            EligibilityAnswer answer = new EligibilityAnswer();
            answer.setVerificationNumber(String.format("%020d", nextNumber++));
            answer.setResultCode(ResultCode.VALID);
            answer.setQuery(query);
            answer.setAnsweredAt(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            AnswerDigest digest = new AnswerDigest();
            return new VerificationEvent(CLINIC, answer, digest.of(answer), AnswerDigest.CURRENT_VERSION,
                    new ReferencedRequest(CLINIC.organisationCode(), reference, AskedQuery.of(query, null)),
                    "受付 山田");
        }

        private long count(String query) {
            try (var c = database.dataSource().getConnection(); var s = c.createStatement();
                 var r = s.executeQuery(query)) {
                r.next();
                return r.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(query, e);
            }
        }

        private byte[] bytes(String query) {
            try (var c = database.dataSource().getConnection(); var s = c.createStatement();
                 var r = s.executeQuery(query)) {
                r.next();
                return r.getBytes(1);
            } catch (SQLException e) {
                throw new IllegalStateException(query, e);
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A clock the test sets. */
    static final class MovableClock extends Clock {
        volatile Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
