package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.cli.CenterCommand;
import jp.hokensho.center.demo.DemoCards;
import jp.hokensho.center.demo.DemoSeed;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import jp.hokensho.contract.admin.AdminPortType;
import jp.hokensho.contract.admin.IssuedKeyFile;
import jp.hokensho.contract.eligibility.EligibilityPortType;
import jp.hokensho.contract.types.ResultCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two center nodes on one MariaDB, as production runs them behind a load balancer: both answer under concurrent
 * load, their verification numbers never collide and each traces on the other node, each appends to an audit chain
 * of its own, gapless, which audit-verify checks and in which it names a record altered in the database by chain and
 * position, and a key revoked through one node's AdminService is refused by the other from its next request. (A
 * replay to the other node is refused: AttackRefusalEndToEndTest.)
 */
class MariaDbTwoNodesEndToEndTest extends CenterStackTestBase {
    private static final int CALLERS_PER_NODE = 2;
    private static final int CALLS_PER_CALLER = 10;

    private CenterApplication nodeB;
    private Properties onA;
    private Properties onB;

    @Override
    TestDatabase database(Path dir) {
        return TestDatabases.mariaDb();
    }

    @BeforeAll
    void startSecondNode() throws Exception {
        nodeB = CenterApplication.start(CenterSettings.load(stack.demo.centerProperties(), Map.of(
                "center.http.port", String.valueOf(CenterStack.freePort()),
                "center.management.port", String.valueOf(CenterStack.freePort()),
                "center.node-id", "2")), Clock.systemUTC());
        onA = stack.client();
        onB = new Properties();
        onB.putAll(onA);
        onB.setProperty("endpoint", nodeB.eligibilityAddress());
    }

    @AfterAll
    void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void bothNodesAnswerWithNumbersThatNeverCollideIntoChainsOfTheirOwnThatAuditVerifyChecks() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2 * CALLERS_PER_NODE);
        List<Future<List<String>>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < CALLERS_PER_NODE; i++) {
                calls.add(callers.submit(verifications(onA)));
                calls.add(callers.submit(verifications(onB)));
            }
            List<String> numbers = new ArrayList<>();
            for (Future<List<String>> call : calls) {
                numbers.addAll(call.get());
            }

            Set<String> distinct = new HashSet<>(numbers);
            assertEquals(numbers.size(), distinct.size(), "no number issued twice: " + numbers);
            assertEquals(CALLERS_PER_NODE * CALLS_PER_CALLER, numbers.stream().filter(n -> n.startsWith("000")).count(),
                    "node 0's numbers carry its node id");
            assertEquals(CALLERS_PER_NODE * CALLS_PER_CALLER, numbers.stream().filter(n -> n.startsWith("002")).count(),
                    "node 2's numbers carry its node id");
            EligibilityPortType a = ClinicClient.connect(onA);
            EligibilityPortType b = ClinicClient.connect(onB);
            for (String number : numbers) {
                EligibilityPortType other = number.startsWith("000") ? b : a;
                assertEquals(number, other.getVerification(number).getVerificationNumber(), "traces on the other node");
            }
            assertEquals(0L, db.count("SELECT COUNT(*) FROM verification_record"
                    + " WHERE chain_id <> SUBSTRING(verification_number, 1, 3) + 0"), "each node's records in its chain");
            for (int node : List.of(0, 2)) {
                assertEquals(db.count("SELECT COUNT(*) FROM verification_record WHERE chain_id = " + node),
                        db.count("SELECT MAX(position) FROM verification_record WHERE chain_id = " + node),
                        "node " + node + "'s chain is gapless");
            }
            String verified = auditVerify(0);
            assertTrue(verified.contains("OK the chain of node 0") && verified.contains("OK the chain of node 2"),
                    verified);

            String altered = numbers.stream().filter(n -> n.startsWith("002")).findFirst().orElseThrow();
            long position = db.count("SELECT position FROM verification_record WHERE verification_number = ?", altered);
            alterResult(altered, "EXPIRED");
            try {
                String report = auditVerify(1);
                assertTrue(report.contains("ALTERED in the chain of node 2 (chain 2) at position " + position
                        + " (verification number " + altered + ")"), report);
                assertTrue(report.contains("OK the chain of node 0"), "node 0's chain is intact: " + report);
            } finally {
                alterResult(altered, "VALID");
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /** Runs {@code center audit-verify} as the staff do, expecting {@code status}; returns what it printed. */
    private String auditVerify(int status) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CenterCommand.execute(new String[] {"audit-verify", "--config",
                        stack.demo.centerProperties().toString(), "--operator", "auditor"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(status, exit, printed + err.toString(StandardCharsets.UTF_8));
        return printed;
    }

    private void alterResult(String verificationNumber, String resultCode) throws Exception {
        try (Connection connection = stack.center.database().dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE verification_record SET result_code = ? WHERE verification_number = ?")) {
            update.setString(1, resultCode);
            update.setString(2, verificationNumber);
            assertEquals(1, update.executeUpdate());
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    @Test
    void aKeyRevokedThroughOneNodeIsRefusedByTheOtherFromItsNextRequest() throws Exception {
        AdminPortType adminOnA = AdminClient.connect(stack.consoleClient(), DemoSeed.CENTER_ADMINISTRATOR,
                stack.demo.secret("user." + DemoSeed.CENTER_ADMINISTRATOR));
        IssuedKeyFile issued = adminOnA.issueKey(DemoSeed.CLINIC);
        Path file = dir.resolve("two-nodes.p12");
        Files.write(file, issued.getKeyFile());
        Properties withIssuedOnB = new Properties();
        withIssuedOnB.putAll(onB);
        withIssuedOnB.setProperty("keystore", file.toString());
        withIssuedOnB.setProperty("keystorePassword", issued.getOneTimePassword());
        EligibilityPortType issuedKeyOnB = ClinicClient.connect(withIssuedOnB);
        assertEquals(ResultCode.VALID, verify(issuedKeyOnB), "node B accepts the key node A issued");

        adminOnA.revokeKey(issued.getKey().getSerialNumber());

        long lastRefusal = db.lastRefusalId();
        SecurityFaults.assertGenericFault(() -> verify(issuedKeyOnB));
        assertEquals(List.of("REVOKED_KEY"), db.refusalReasonsAfter(lastRefusal), "refused by node B at once");
        assertEquals(ResultCode.VALID, verify(ClinicClient.connect(onB)), "the clinic's other key still works on B");
    }

    private Callable<List<String>> verifications(Properties client) {
        return () -> {
            EligibilityPortType port = ClinicClient.connect(client);
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < CALLS_PER_CALLER; i++) {
                var answer = port.verifyEligibility(VerificationEndToEndTest.query(DemoCards.PRE_STORED_INSURER, "大阪",
                        "100", LocalDate.of(2025, 6, 1)), null, null);
                assertEquals(ResultCode.VALID, answer.getResultCode());
                numbers.add(answer.getVerificationNumber());
            }
            return numbers;
        };
    }

    private static ResultCode verify(EligibilityPortType port) throws Exception {
        return port.verifyEligibility(VerificationEndToEndTest.query(DemoCards.PRE_STORED_INSURER, "大阪", "100",
                LocalDate.of(2025, 6, 1)), null, null).getResultCode();
    }
}
