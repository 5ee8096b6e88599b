package jp.hokensho.center.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jp.hokensho.center.audit.AuditChainReport.ChainReport;
import jp.hokensho.center.audit.AuditChainReport.Finding;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.persistence.DatabaseSettings;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.types.ResultCode;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database of the single-chain era upgraded to per-node chains (migration V21): its records, of both legacy hash
 * versions, and its checkpoint stay verifiable as the legacy chain, beside the chains two nodes then append to, and
 * tampering in either kind of chain is named with its chain and position.
 */
class LegacyAndNodeChainsTest {
    private static final String LAST_SINGLE_CHAIN_VERSION = "20";
    private static final CheckpointSignature CENTER = JpaAuditTrailTest.CENTER_KEY;
    private static final int LEGACY_RECORDS = 5;
    private static final int LEGACY_ANCHORED = 3;

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

    abstract static class Contract {
        private final TestDatabases.Vendor vendor;
        private TestDatabase testDatabase;
        private Database database;
        private AuditChainVerifier verifier;
        private Path dir;
        /** The checkpoint log's line of the checkpoint signed before the upgrade. */
        private String legacyLogLine;

        Contract(TestDatabases.Vendor vendor) {
            this.vendor = vendor;
        }

        @BeforeEach
        void upgradeASingleChainDatabase(@TempDir Path dir) throws Exception {
            this.dir = dir;
            testDatabase = TestDatabases.create(vendor, dir);
            DatabaseSettings settings = testDatabase.settings();
            Flyway.configure().dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                    .locations("classpath:db/migration").target(LAST_SINGLE_CHAIN_VERSION).load().migrate();
            try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
                    settings.password())) {
                legacyLogLine = writeSingleChainEra(connection);
            }
            database = testDatabase.open(); // migrates on: V21 makes the records above the legacy chain
            verifier = new AuditChainVerifier(database, CENTER);
        }

        @AfterEach
        void drop() {
            if (database != null) {
                database.close();
            }
            testDatabase.close();
        }

        @Test
        void theUpgradedRecordsVerifyAsTheLegacyChainBesideTheChainsNodesThenAppendTo() throws Exception {
            AuditChainReport upgraded = verifier.verify();
            assertTrue(upgraded.ok(), upgraded.toString());
            assertEquals(List.of(AuditChains.LEGACY), upgraded.chains().stream().map(ChainReport::chain).toList());
            ChainReport legacy = upgraded.of(AuditChains.LEGACY).orElseThrow();
            assertEquals(LEGACY_RECORDS, legacy.checkedRecords(), upgraded.toString());
            assertEquals(LEGACY_ANCHORED, legacy.anchoredPosition(), "the checkpoint signed before the upgrade");
            Path log = dir.resolve("checkpoints.log");
            Files.write(log, List.of("2026-01-05 09:30:00.124 INFO  [audit-checkpoint] " + AuditCheckpointer.LOGGER
                    + " - " + legacyLogLine));
            assertTrue(verifier.verify(log).ok(), "a checkpoint log of before the upgrade still checks");

            appendConcurrently(List.of(new JpaAuditTrail(database, 1), new JpaAuditTrail(database, 2)), 8);
            int written = new AuditCheckpointer(database.dataSource(), CENTER, 1000, Clock.systemUTC()).checkpoint();

            assertEquals(3, written, "the legacy chain's tail and each node's chain");
            AuditChainReport report = verifier.verify();
            assertTrue(report.ok(), report.toString());
            assertEquals(List.of(AuditChains.LEGACY, 1, 2), report.chains().stream().map(ChainReport::chain).toList());
            assertEquals(LEGACY_RECORDS + 16, report.checkedRecords(), report.toString());
            for (ChainReport chain : report.chains()) {
                assertEquals(0, chain.notYetAnchored(), chain.toString());
            }
            assertEquals(1L, ((Number) value("SELECT COUNT(*) FROM audit_chain_head WHERE chain_id = 1")).longValue());
            assertEquals((long) LEGACY_RECORDS, ((Number) value(
                    "SELECT last_position FROM audit_chain_head WHERE chain_id = -1")).longValue(), "no longer grows");
        }

        @Test
        void anAlteredLegacyRecordIsNamedWithItsChainAndPosition() throws Exception {
            appendConcurrently(List.of(new JpaAuditTrail(database, 1), new JpaAuditTrail(database, 2)), 4);
            execute("UPDATE verification_record SET result_code = 'VALID' WHERE chain_id = -1 AND position = 2");

            AuditChainReport report = verifier.verify();
            assertEquals(Finding.ALTERED, report.finding(), report.toString());
            assertEquals(AuditChains.LEGACY, report.chain(), report.toString());
            assertEquals(2L, report.position(), report.toString());
            assertEquals(legacyNumber(2), report.verificationNumber(), report.toString());
            assertEquals(1, report.problems().size(), "the nodes' chains are intact: " + report);
            assertTrue(report.toString().contains("ALTERED in the legacy chain (chain -1) at position 2"),
                    report.toString());
        }

        @Test
        void aRehashedRecordOfANodesChainIsNamedByItsCheckpoint() throws Exception {
            appendConcurrently(List.of(new JpaAuditTrail(database, 1), new JpaAuditTrail(database, 2)), 4);
            new AuditCheckpointer(database.dataSource(), CENTER, 1000, Clock.systemUTC()).checkpoint();
            ChainTampering.rewriteAndRehash(database, 2, 3, "result_code = 'EXPIRED'");

            AuditChainReport report = verifier.verify();
            assertEquals(Finding.ALTERED, report.finding(), report.toString());
            assertEquals(2, report.chain(), report.toString());
            assertEquals(3L, report.position(), report.toString());
            assertTrue(report.detail().contains("checkpoint"), report.toString());
            assertTrue(report.of(AuditChains.LEGACY).orElseThrow().ok(), report.toString());
            assertTrue(report.of(1).orElseThrow().ok(), report.toString());
        }

        @Test
        void aNodesCheckpointCannotBePassedOffAsTheLegacyChains() throws Exception {
            appendConcurrently(List.of(new JpaAuditTrail(database, 1)), 4);
            new AuditCheckpointer(database.dataSource(), CENTER, 1000, Clock.systemUTC()).checkpoint();
            // Chain 1's checkpoint at 4 now claims to be the legacy chain's first: its signature covers chain 1.
            execute("DELETE FROM audit_checkpoint WHERE chain_id = -1");
            execute("UPDATE audit_checkpoint SET chain_id = -1 WHERE chain_id = 1");

            AuditChainReport report = verifier.verify();
            assertEquals(Finding.CHECKPOINT_INVALID, report.of(AuditChains.LEGACY).orElseThrow().finding(),
                    report.toString());
            ChainReport chainOne = report.of(1).orElseThrow();
            assertTrue(chainOne.ok(), "chain 1 merely lost its checkpoint: " + report);
            assertEquals(4, chainOne.notYetAnchored(), report.toString());
        }

        /** Appends {@code each} records to each node's chain (an even number), from two threads per node at once. */
        private void appendConcurrently(List<JpaAuditTrail> nodes, int each) throws Exception {
            AtomicLong numbers = new AtomicLong(1000);
            ExecutorService pool = Executors.newFixedThreadPool(2 * nodes.size());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (JpaAuditTrail node : nodes) {
                for (int thread = 0; thread < 2; thread++) {
                    work.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < each / 2; i++) {
                            node.append(TestEvents.event(TestEvents.number(numbers.incrementAndGet()),
                                    ResultCode.VALID));
                        }
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> done : work) {
                done.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
        }

        /**
         * What a center before per-node chains left: one chain in the single head row, records of answer digest
         * version 1 (hash vr1) and 2 (vr2), and a checkpoint of the first three in the v1 format.
         */
        private static String writeSingleChainEra(Connection connection) throws SQLException {
            String previous = AuditChainHeadEntity.GENESIS_HASH;
            List<String> hashes = new ArrayList<>();
            for (int position = 1; position <= LEGACY_RECORDS; position++) {
                VerificationRecordEntity r = new VerificationRecordEntity(AuditChains.LEGACY, position, previous);
                r.verificationNumber = legacyNumber(position);
                r.requestedAt = StoredTime.of(TestEvents.event(r.verificationNumber, ResultCode.EXPIRED).answer()
                        .getAnsweredAt());
                r.requesterUserId = "clinic-manager";
                r.requesterOrganisationCode = "M0000001";
                r.insurerNumber = "00000001";
                r.symbol = "東京";
                r.number = "001";
                r.resultCode = ResultCode.EXPIRED;
                r.answerDigest = "ab".repeat(32);
                r.answerDigestVersion = position <= 2 ? 1 : 2;
                r.recordHash = AuditRecordHash.of(r);
                insert(connection, r);
                hashes.add(r.recordHash);
                previous = r.recordHash;
            }
            try (PreparedStatement head = connection.prepareStatement(
                    "UPDATE audit_chain_head SET last_position = ?, last_hash = ? WHERE id = 1")) {
                head.setLong(1, LEGACY_RECORDS);
                head.setString(2, previous);
                head.executeUpdate();
            }
            List<String> anchored = hashes.subList(0, LEGACY_ANCHORED);
            String segment = AuditCheckpoint.segmentDigestOf(anchored);
            LocalDateTime signedAt = LocalDateTime.of(2026, 1, 5, 9, 30, 0, 123_456_000);
            CheckpointSignature.SigningKey key = CENTER.signingKey();
            String text = "hokensho-audit-checkpoint-v1|" + LEGACY_ANCHORED + "|0|" + anchored.get(2) + "|" + segment
                    + "|2026-01-05T09:30:00.123456|" + key.serial();
            assertEquals(text, AuditCheckpoint.signedText(AuditChains.LEGACY, LEGACY_ANCHORED, 0, anchored.get(2),
                    segment, signedAt, key.serial()), "the legacy chain keeps the checkpoint format v1");
            String signature = key.sign(text);
            try (PreparedStatement checkpoint = connection.prepareStatement("INSERT INTO audit_checkpoint (position,"
                    + " from_position, head_hash, segment_digest, record_hashes, signed_at, signer_serial, signature)"
                    + " VALUES (?, 0, ?, ?, ?, ?, ?, ?)")) {
                checkpoint.setLong(1, LEGACY_ANCHORED);
                checkpoint.setString(2, anchored.get(2));
                checkpoint.setString(3, segment);
                checkpoint.setString(4, AuditCheckpoint.joined(anchored));
                checkpoint.setObject(5, signedAt);
                checkpoint.setString(6, key.serial());
                checkpoint.setString(7, signature);
                checkpoint.executeUpdate();
            }
            return "audit-checkpoint position=" + LEGACY_ANCHORED + " from=0 head=" + anchored.get(2) + " segment="
                    + segment + " signedAt=2026-01-05T09:30:00.123456 signer=" + key.serial() + " signature="
                    + signature;
        }

        private static void insert(Connection connection, VerificationRecordEntity r) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO verification_record (position,"
                    + " verification_number, requested_at, requester_user_id, requester_org_code, insurer_number,"
                    + " card_symbol, card_number, result_code, answer_digest, answer_digest_version, prev_hash,"
                    + " record_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, r.position);
                s.setString(2, r.verificationNumber);
                s.setObject(3, r.requestedAt);
                s.setString(4, r.requesterUserId);
                s.setString(5, r.requesterOrganisationCode);
                s.setString(6, r.insurerNumber);
                s.setString(7, r.symbol);
                s.setString(8, r.number);
                s.setString(9, r.resultCode.name());
                s.setString(10, r.answerDigest);
                s.setInt(11, r.answerDigestVersion);
                s.setString(12, r.prevHash);
                s.setString(13, r.recordHash);
                s.executeUpdate();
            }
        }

        private static String legacyNumber(long position) {
            return TestEvents.number(position);
        }

        private Object value(String query) throws SQLException {
            try (Connection connection = database.dataSource().getConnection();
                 var rows = connection.createStatement().executeQuery(query)) {
                return rows.next() ? rows.getObject(1) : null;
            }
        }

        private void execute(String sql) throws SQLException {
            try (Connection connection = database.dataSource().getConnection();
                 var statement = connection.createStatement()) {
                statement.executeUpdate(sql);
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
        }
    }
}
