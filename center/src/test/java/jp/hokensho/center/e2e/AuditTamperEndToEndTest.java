package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import jp.hokensho.center.CenterMain;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.AuditChainReport;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.ResultCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A result changed directly in the database after real traffic is caught by the audit command. */
class AuditTamperEndToEndTest {

    @Test
    void auditCommandNamesTheRecordAlteredInTheDatabase(@TempDir Path dir) throws Exception {
        try (TestDatabase database = TestDatabases.h2(dir.resolve("db"));
             CenterStack stack = CenterStack.start(dir.resolve("demo"), database.settings())) {
            EligibilityPortType clinic = ClinicClient.connect(stack.client());
            String expired = clinic.verifyEligibility(VerificationEndToEndTest.query("33120015", "大阪", "200",
                    LocalDate.of(2025, 6, 1))).getVerificationNumber();
            clinic.verifyEligibility(VerificationEndToEndTest.query("00000001", "東京", "001",
                    LocalDate.of(2005, 7, 8)));
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
                    LocalDate.of(2005, 7, 8))).getResultCode() == ResultCode.VALID, "service goes on");
        }
    }
}
