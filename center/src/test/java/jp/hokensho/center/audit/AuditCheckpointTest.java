package jp.hokensho.center.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import jp.hokensho.center.audit.AuditChainReport.Finding;
import jp.hokensho.center.persistence.DatabaseTestBase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.types.ResultCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Signed checkpoints anchor the audit chain: a chain rewritten and re-hashed by someone who can write the database,
 * or cut at its tail, still verifies by its hashes alone, and is caught by the checkpoints.
 */
class AuditCheckpointTest {

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
        private static final CheckpointSignature CENTER = JpaAuditTrailTest.CENTER_KEY;
        private static final int NODE = 3;
        private final AtomicLong numbers = new AtomicLong();
        private JpaAuditTrail trail;
        private AuditChainVerifier verifier;
        private AuditCheckpointer checkpointer;

        Contract(TestDatabases.Vendor vendor) {
            super(vendor);
        }

        @BeforeEach
        void emptyChain() {
            numbers.set(0);
            sql("DELETE FROM audit_checkpoint");
            sql("DELETE FROM verification_record");
            sql("DELETE FROM audit_chain_head");
            trail = new JpaAuditTrail(database, NODE);
            verifier = new AuditChainVerifier(database, CENTER);
            checkpointer = new AuditCheckpointer(database.dataSource(), CENTER, 1000, Clock.systemUTC());
        }

        @AfterEach
        void stopCheckpointer() {
            checkpointer.close();
        }

        @Test
        void aRewrittenAndRehashedChainIsCaughtAtTheFirstAlteredRecord() throws Exception {
            append(8);
            checkpointer.checkpoint();
            assertTrue(verifier.verify().ok());

            ChainTampering.rewriteAndRehash(database, NODE, 3, "result_code = 'VALID'");
            assertEquals("VALID", queryValue("SELECT result_code FROM verification_record WHERE position = 3"));

            AuditChainReport report = verifier.verify();
            assertEquals(Finding.ALTERED, report.finding(), report.toString());
            assertEquals(3L, report.position(), report.toString());
            assertEquals(TestEvents.number(3), report.verificationNumber(), report.toString());
            assertTrue(report.detail().contains("checkpoint"), report.toString());
        }

        @Test
        void withoutItsCheckpointsTheRehashedChainVerifiesButNothingIsAnchored() throws Exception {
            append(8);
            checkpointer.checkpoint();
            ChainTampering.rewriteAndRehash(database, NODE, 3, "result_code = 'VALID'");
            sql("DELETE FROM audit_checkpoint");

            // What the database alone can tell: intact, but not one record anchored (the checkpoint log tells more).
            AuditChainReport report = verifier.verify();
            assertTrue(report.ok(), report.toString());
            assertEquals(0, node(report).anchoredPosition());
            assertEquals(8, node(report).notYetAnchored());
        }

        @Test
        void aChainCutBeforeTheLastCheckpointIsADeletedTail() throws Exception {
            append(5);
            checkpointer.checkpoint();
            append(2);
            ChainTampering.cutTail(database, NODE, 3);

            AuditChainReport report = verifier.verify();
            assertEquals(Finding.DELETED, report.finding(), report.toString());
            assertEquals(4L, report.position(), report.toString());
            assertTrue(report.detail().contains("tail"), report.toString());
        }

        @Test
        void recordsAfterTheLastCheckpointAreReportedAsNotYetAnchored() throws Exception {
            append(5);
            checkpointer.checkpoint();
            append(2);

            AuditChainReport report = verifier.verify();
            assertTrue(report.ok(), report.toString());
            assertEquals(7, report.checkedRecords());
            assertEquals(5, node(report).anchoredPosition());
            assertEquals(2, node(report).notYetAnchored());
            assertTrue(report.toString().contains("2 records after it not yet anchored"), report.toString());
        }

        @Test
        void checkpointsCoverAtMostTheConfiguredNumberOfRecords() throws Exception {
            AuditCheckpointer everyTwo = new AuditCheckpointer(database.dataSource(), CENTER, 2, Clock.systemUTC());
            append(5);

            assertEquals(3, everyTwo.checkpoint());
            assertEquals(0, everyTwo.checkpoint(), "nothing new to anchor");
            assertEquals(List.of(2L, 4L, 5L), positions());
            assertEquals(5, node(verifier.verify()).anchoredPosition());
        }

        @Test
        void everyNthAppendWritesACheckpointOffTheAppendingThread() throws Exception {
            AuditCheckpointer everyThree = new AuditCheckpointer(database.dataSource(), CENTER, 3, Clock.systemUTC());
            everyThree.start(Duration.ofHours(1));
            trail.afterEachAppend(everyThree::appended);
            try {
                append(6);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!positions().contains(6L) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(List.of(3L, 6L), positions());
            } finally {
                everyThree.close();
            }
        }

        @Test
        void theTimerAnchorsRecordsThatReachNoMultipleOfN() throws Exception {
            append(2);
            checkpointer.start(Duration.ofMillis(100));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!positions().contains(2L) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of(2L), positions());
        }

        @Test
        void eachCheckpointIsOneLineOfTheCheckpointLog() throws Exception {
            Logger logger = (Logger) LoggerFactory.getLogger(AuditCheckpointer.LOGGER);
            ListAppender<ILoggingEvent> lines = new ListAppender<>();
            lines.start();
            logger.addAppender(lines);
            try {
                append(4);
                checkpointer.checkpoint();
            } finally {
                logger.detachAppender(lines);
            }
            assertEquals(1, lines.list.size());
            String line = lines.list.get(0).getFormattedMessage();
            String head = (String) queryValue("SELECT record_hash FROM verification_record WHERE position = 4");
            assertTrue(line.startsWith("audit-checkpoint chain=" + NODE + " position=4 from=0 head=" + head + " "), line);
            assertTrue(line.contains(" signature=" + queryValue("SELECT signature FROM audit_checkpoint")), line);
        }

        @Test
        void aCheckpointNotSignedByTheCenterIsRefused() throws Exception {
            append(3);
            new AuditCheckpointer(database.dataSource(), JpaAuditTrailTest.testKey("CN=intruder"), 1000,
                    Clock.systemUTC()).checkpoint();

            AuditChainReport report = verifier.verify();
            assertEquals(Finding.CHECKPOINT_INVALID, report.finding(), report.toString());
            assertEquals(3L, report.position(), report.toString());
        }

        @Test
        void aCheckpointWhoseSignedHashesWereRewrittenIsRefused() throws Exception {
            append(3);
            checkpointer.checkpoint();
            ChainTampering.rewriteAndRehash(database, NODE, 2, "result_code = 'EXPIRED'");
            List<String> rehashed = new ArrayList<>();
            for (long p = 1; p <= 3; p++) {
                rehashed.add((String) queryValue("SELECT record_hash FROM verification_record WHERE position = ?", p));
            }
            sql("UPDATE audit_checkpoint SET record_hashes = ?, head_hash = ?, segment_digest = ?",
                    String.join("", rehashed), rehashed.get(2), AuditCheckpoint.segmentDigestOf(rehashed));

            AuditChainReport report = verifier.verify();
            assertEquals(Finding.CHECKPOINT_INVALID, report.finding(), report.toString());
        }

        @Test
        void aDeletedCheckpointInTheMiddleIsNoticed() throws Exception {
            AuditCheckpointer everyTwo = new AuditCheckpointer(database.dataSource(), CENTER, 2, Clock.systemUTC());
            append(6);
            everyTwo.checkpoint();
            sql("DELETE FROM audit_checkpoint WHERE position = 4");

            AuditChainReport report = verifier.verify();
            assertEquals(Finding.CHECKPOINT_INVALID, report.finding(), report.toString());
            assertEquals(6L, report.position(), report.toString());
        }

        @Test
        void theCheckpointLogShowsADeletedTailWhenTheDatabasesCheckpointsAreDeletedToo(@TempDir Path dir)
                throws Exception {
            Path log = dir.resolve("checkpoints.log");
            logCheckpointsTo(log, () -> {
                append(5);
                checkpointer.checkpoint();
                append(2);
                checkpointer.checkpoint();
            });
            ChainTampering.cutTail(database, NODE, 3);
            sql("DELETE FROM audit_checkpoint");
            assertTrue(verifier.verify().ok(), "the database alone no longer tells");

            AuditChainReport report = verifier.verify(log);
            assertEquals(Finding.DELETED, report.finding(), report.toString());
            assertEquals(4L, report.position(), report.toString());
        }

        @Test
        void theCheckpointLogShowsARehashedChainWhenTheDatabasesCheckpointsAreDeletedToo(@TempDir Path dir)
                throws Exception {
            Path log = dir.resolve("checkpoints.log");
            AuditCheckpointer everyFour = new AuditCheckpointer(database.dataSource(), CENTER, 4, Clock.systemUTC());
            logCheckpointsTo(log, () -> {
                append(8);
                everyFour.checkpoint();
            });
            ChainTampering.rewriteAndRehash(database, NODE, 6, "result_code = 'EXPIRED'");
            sql("DELETE FROM audit_checkpoint");
            checkpointer.checkpoint(); // the center would sign the rewritten chain: the log still has the original

            AuditChainReport report = verifier.verify(log);
            assertEquals(Finding.ALTERED, report.finding(), report.toString());
            assertEquals(5L, report.position(), report.toString());
            assertTrue(report.detail().contains("5..8"), report.toString());
        }

        @Test
        void aCheckpointLogLineNotSignedByTheCenterIsRefused(@TempDir Path dir) throws Exception {
            Path log = dir.resolve("checkpoints.log");
            AuditCheckpointer intruder = new AuditCheckpointer(database.dataSource(),
                    JpaAuditTrailTest.testKey("CN=intruder"), 1000, Clock.systemUTC());
            logCheckpointsTo(log, () -> {
                append(2);
                intruder.checkpoint();
            });
            sql("DELETE FROM audit_checkpoint");

            AuditChainReport report = verifier.verify(log);
            assertEquals(Finding.CHECKPOINT_INVALID, report.finding(), report.toString());
        }

        /** Nodes sharing the database: each checkpoints while all append; the checkpoints form one line. */
        @Test
        void twoNodesCheckpointingTheSharedChainWriteOneLineOfCheckpoints() throws Exception {
            List<AuditCheckpointer> nodes = List.of(
                    new AuditCheckpointer(database.dataSource(), CENTER, 5, Clock.systemUTC()),
                    new AuditCheckpointer(database.dataSource(), CENTER, 5, Clock.systemUTC()));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            AtomicBoolean appending = new AtomicBoolean(true);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                work.add(pool.submit(() -> {
                    start.await();
                    append(30);
                    return null;
                }));
            }
            for (AuditCheckpointer node : nodes) {
                work.add(pool.submit(() -> {
                    start.await();
                    while (appending.get()) {
                        node.checkpoint();
                    }
                    return null;
                }));
            }
            start.countDown();
            work.get(0).get(2, TimeUnit.MINUTES);
            work.get(1).get(2, TimeUnit.MINUTES);
            appending.set(false);
            for (Future<?> checkpointing : work) {
                checkpointing.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            nodes.get(0).checkpoint();

            AuditChainReport report = verifier.verify();
            assertTrue(report.ok(), report.toString());
            assertEquals(60, node(report).anchoredPosition(), report.toString());
            assertEquals(0L, ((Number) queryValue("SELECT COUNT(*) FROM audit_checkpoint c WHERE NOT EXISTS"
                    + " (SELECT 1 FROM audit_checkpoint p WHERE p.position = c.from_position) AND c.from_position <> 0"))
                    .longValue(), "every checkpoint follows another");
        }

        private static AuditChainReport.ChainReport node(AuditChainReport report) {
            return report.of(NODE).orElseThrow(() -> new AssertionError("no report of chain " + NODE + ": " + report));
        }

        private void append(int count) {
            for (int i = 0; i < count; i++) {
                long n = numbers.incrementAndGet();
                trail.append(TestEvents.event(TestEvents.number(n), n % 2 == 0 ? ResultCode.VALID : ResultCode.EXPIRED));
            }
        }

        /** Writes the checkpoint lines logged while {@code work} runs to a file, as a log pattern would. */
        private void logCheckpointsTo(Path file, ThrowingRunnable work) throws Exception {
            Logger logger = (Logger) LoggerFactory.getLogger(AuditCheckpointer.LOGGER);
            ListAppender<ILoggingEvent> lines = new ListAppender<>();
            lines.start();
            logger.addAppender(lines);
            try {
                work.run();
            } finally {
                logger.detachAppender(lines);
            }
            Files.write(file, lines.list.stream()
                    .map(event -> "12:00:00.000 INFO  [audit-checkpoint] " + event.getLoggerName() + " - "
                            + event.getFormattedMessage())
                    .toList());
        }

        interface ThrowingRunnable {
            void run() throws Exception;
        }

        private List<Long> positions() {
            List<Long> positions = new ArrayList<>();
            try (var connection = database.dataSource().getConnection();
                 var rows = connection.createStatement().executeQuery(
                         "SELECT position FROM audit_checkpoint ORDER BY position")) {
                while (rows.next()) {
                    positions.add(rows.getLong(1));
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return positions;
        }
    }
}
