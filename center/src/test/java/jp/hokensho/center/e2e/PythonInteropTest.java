package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

/**
 * Interoperability beyond Apache CXF: an independent WS-Security client written in Python with libxmlsec
 * ({@code interop/python/verify_card.py}) verifies cards at the real center. It builds, signs and encrypts
 * its requests from the standards and the WSDL's policy alone, and checks the center's signed and
 * encrypted answers the same way.
 */
class PythonInteropTest extends CenterStackTestBase {
    private static final String GENERIC = SecurityFaults.GENERIC;
    private static final long TIMEOUT_SECONDS = 90;

    private Path script;

    @Override
    void checkPrerequisites() throws Exception {
        script = AttackPythonClient.script();
        AttackPythonClient.requirePythonWithPackages();
    }

    @Test
    void seedCaseIsVerifiedByThePythonClient() throws Exception {
        Result result = verify("00000001", "東京", "001", "2005-07-08");

        assertEquals(0, result.exitCode, result.toString());
        Map<String, Object> answer = result.json();
        assertEquals("VALID", answer.get("resultCode"));
        assertTrue(((String) answer.get("verificationNumber")).matches("\\d{20}"), answer.toString());
        Map<String, Object> insured = map(answer.get("insured"));
        assertEquals("上野 太郎", insured.get("name"));
        assertEquals(50, number(insured.get("age")));
        List<Object> dependents = list(answer.get("dependents"));
        assertEquals(5, dependents.size());
        assertEquals("上野 一子", map(dependents.get(0)).get("name"));
        assertEquals(44, number(map(dependents.get(0)).get("age")));
        assertEquals("〇〇〇健康保険組合", map(answer.get("insurer")).get("name"));
        assertEquals("REAL_TIME", answer.get("source"));
        assertEquals("2004-04-01", answer.get("validFrom"));
        assertEquals("2010-03-31", answer.get("validTo"));
        assertTrue(answer.containsKey("insurerUpdatedAt"), answer.toString());
    }

    @Test
    void preStoredCardIsVerifiedByThePythonClient() throws Exception {
        Result result = verify("33120015", "大阪", "100", "2025-06-01");

        assertEquals(0, result.exitCode, result.toString());
        Map<String, Object> answer = result.json();
        assertEquals("VALID", answer.get("resultCode"));
        assertEquals("PRE_STORED", answer.get("source"));
        assertEquals(2, list(answer.get("dependents")).size());
    }

    @Test
    void pastVerificationIsReadBackByThePythonClient() throws Exception {
        String number = (String) verify("00000001", "東京", "001", "2005-07-08").json().get("verificationNumber");

        Result result = run(List.of("--operation", "getVerification", "--verification-number", number));

        assertEquals(0, result.exitCode, result.toString());
        Map<String, Object> record = result.json();
        assertEquals(number, record.get("verificationNumber"));
        assertEquals("clinic-manager", record.get("requesterUserId"));
        assertEquals("VALID", record.get("resultCode"));
    }

    @Test
    void wrongPasswordGetsTheGenericSecurityFault() throws Exception {
        long lastRefusal = db.lastRefusalId();
        Result result = run(List.of("--insurer", "00000001", "--symbol", "東京", "--number", "001",
                "--date", "2005-07-08", "--password", "not-the-password"));

        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.stderr.contains(GENERIC), result.stderr);
        assertFalse(result.stdout.contains("上野"), "no card data on a refusal");
        // The center decrypted and checked the signed token before judging the password: the Python
        // client's security header was understood, only the password was wrong.
        assertEquals(List.of("WRONG_PASSWORD"), db.refusalReasonsAfter(lastRefusal));
    }

    @Test
    void policyViolationGetsTheSameGenericFaultAsAnyRefusal() throws Exception {
        // RSA-SHA1, the letter of Basic256Sha256, is refused: the profile requires RSA-SHA256.
        long lastRefusal = db.lastRefusalId();
        Result result = run(List.of("--insurer", "00000001", "--symbol", "東京", "--number", "001",
                "--date", "2005-07-08", "--signature-algorithm", "rsa-sha1"));

        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.stderr.contains(GENERIC), result.stderr);
        assertTrue(result.stderr.contains("InvalidSecurity"), result.stderr);
        assertFalse(result.stderr.contains("rsa-sha1") || result.stderr.contains("policy"),
                "the failed rule is not disclosed: " + result.stderr);
        assertEquals(List.of("POLICY_VIOLATION"), db.refusalReasonsAfter(lastRefusal));
    }

    private Result verify(String insurer, String symbol, String number, String date) throws Exception {
        return run(List.of("--insurer", insurer, "--symbol", symbol, "--number", number, "--date", date));
    }

    /**
     * Runs the client. Arguments go through an {@code @file} in UTF-8: a JVM under the POSIX locale would
     * turn 東京 into question marks on a command line.
     */
    private Result run(List<String> arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("--properties", stack.demo.clientProperties().toString()));
        all.addAll(arguments);
        Path argsFile = Files.createTempFile(dir, "args", ".txt");
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        int exitCode = AttackPythonClient.runScript(script, all, argsFile, out, err, TIMEOUT_SECONDS);
        return new Result(exitCode, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }

    private record Result(int exitCode, String stdout, String stderr) {
        Map<String, Object> json() throws Exception {
            return map(Jsoner.deserialize(stdout));
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }
}
