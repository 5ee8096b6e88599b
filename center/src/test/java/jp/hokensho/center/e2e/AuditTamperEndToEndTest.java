package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.hokensho.center.CenterMain;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.AuditChainReport;
import jp.hokensho.center.audit.ChainTampering;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.ResultCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A result changed directly in the database after real traffic is caught by the audit command. */
class AuditTamperEndToEndTest {
    // Every append asks for a checkpoint: the test need not wait for the timer.
    private static final Map<String, String> CHECKPOINT_EACH_RECORD = Map.of("center.audit.checkpoint.every-records", "1");

    @Test
    void auditCommandNamesTheRecordAlteredInTheDatabase(@TempDir Path dir) throws Exception {
        try (TestDatabase database = TestDatabases.h2(dir.resolve("db"));
             CenterStack stack = CenterStack.start(dir.resolve("demo"), database.settings())) {
            EligibilityPortType clinic = ClinicClient.connect(stack.client());
            String expired = clinic.verifyEligibility(VerificationEndToEndTest.query("33120015", "大阪", "200",
                    LocalDate.of(2025, 6, 1)), null, null).getVerificationNumber();
            clinic.verifyEligibility(VerificationEndToEndTest.query("00000001", "東京", "001",
                    LocalDate.of(2005, 7, 8)), null, null);
            CenterSettings settings = CenterSettings.load(stack.demo.centerProperties(), Map.of());
            assertEquals(0, CenterMain.auditVerify(settings), "intact chain");

            try (Connection connection = stack.center.database().dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE verification_record SET result_code = 'VALID' "
                        + "WHERE verification_number = '" + expired + "'");
            }
            assertEquals(1, CenterMain.auditVerify(settings), "the command fails on a tampered chain");
            AuditChainReport report = stack.verifyAuditChain();
            assertEquals(AuditChainReport.Finding.ALTERED, report.finding());
            assertEquals(expired, report.verificationNumber(), report.toString());
            assertTrue(clinic.verifyEligibility(VerificationEndToEndTest.query("00000001", "東京", "001",
                    LocalDate.of(2005, 7, 8)), null, null).getResultCode() == ResultCode.VALID, "service goes on");
        }
    }

    /**
     * A record rewritten with every later hash and the head recomputed verifies by the chain alone; the signed
     * checkpoints name it. A chain cut before the last checkpoint, head moved back, is a deleted tail.
     */
    @Test
    void auditCommandNamesARehashedRecordAndADeletedTail(@TempDir Path dir) throws Exception {
        try (TestDatabase database = TestDatabases.h2(dir.resolve("db"));
             CenterStack stack = CenterStack.start(dir.resolve("demo"), database.settings(), CHECKPOINT_EACH_RECORD)) {
            EligibilityPortType clinic = ClinicClient.connect(stack.client());
            String expired = clinic.verifyEligibility(VerificationEndToEndTest.query("33120015", "大阪", "200",
                    LocalDate.of(2025, 6, 1)), null, null).getVerificationNumber();
            for (int i = 0; i < 2; i++) {
                clinic.verifyEligibility(VerificationEndToEndTest.query("00000001", "東京", "001",
                        LocalDate.of(2005, 7, 8)), null, null);
            }
            awaitCheckpointAt(stack, 3);
            CenterSettings settings = CenterSettings.load(stack.demo.centerProperties(), Map.of());
            assertEquals(0, CenterMain.auditVerify(settings), "intact chain");

            long position = position(stack, expired);
            int chain = 0; // the stack's center is node 0
            ChainTampering.rewriteAndRehash(stack.center.database(), chain, position, "result_code = 'VALID'");
            assertEquals(1, CenterMain.auditVerify(settings), "the command fails on a re-hashed chain");
            AuditChainReport rehashed = stack.verifyAuditChain();
            assertEquals(AuditChainReport.Finding.ALTERED, rehashed.finding(), rehashed.toString());
            assertEquals(expired, rehashed.verificationNumber(), rehashed.toString());
            assertEquals(position, rehashed.position(), rehashed.toString());
            assertEquals(chain, rehashed.chain(), rehashed.toString());

            ChainTampering.rewriteAndRehash(stack.center.database(), chain, position, "result_code = 'EXPIRED'");
            assertEquals(0, CenterMain.auditVerify(settings), "the original content gives the signed hashes back");

            ChainTampering.cutTail(stack.center.database(), chain, 1);
            assertEquals(1, CenterMain.auditVerify(settings), "the command fails on a cut chain");
            AuditChainReport cut = stack.verifyAuditChain();
            assertEquals(AuditChainReport.Finding.DELETED, cut.finding(), cut.toString());
            assertEquals(2L, cut.position(), cut.toString());
        }
    }

    private static void awaitCheckpointAt(CenterStack stack, long position) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lastCheckpoint(stack) < position) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no checkpoint at " + position + " was written");
            }
            Thread.sleep(50);
        }
    }

    private static long lastCheckpoint(CenterStack stack) throws Exception {
        try (Connection connection = stack.center.database().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(position) FROM audit_checkpoint")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long position(CenterStack stack, String verificationNumber) throws Exception {
        try (Connection connection = stack.center.database().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT position FROM verification_record"
                     + " WHERE verification_number = '" + verificationNumber + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
