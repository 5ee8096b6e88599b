package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability beyond Apache CXF: an independent WS-Security client written in Python with libxmlsec
 * ({@code interop/python/verify_card.py}) verifies cards at the real center. It builds, signs and encrypts
 * its requests from the standards and the WSDL's policy alone, and checks the center's signed and
 * encrypted answers the same way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonInteropTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String PACKAGES = "python3-lxml python3-xmlsec python3-cryptography";
    private static final String GENERIC = "A security error was encountered when verifying the message";
    private static final long TIMEOUT_SECONDS = 90;

    private Path dir;
    private Path script;
    private TestDatabase database;
    private CenterStack stack;

    @BeforeAll
    void startStack(@TempDir Path dir) throws Exception {
        this.dir = dir;
        // Surefire runs in the center module; the client lives at the repository root.
        script = Path.of("..", "interop", "python", "verify_card.py").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(script), "missing " + script);
        requirePythonWithPackages();
        database = TestDatabases.h2(dir.resolve("center-db"));
        stack = CenterStack.start(dir.resolve("demo"), database.settings());
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (database != null) {
            database.close();
        }
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
        Result result = run(List.of("--insurer", "00000001", "--symbol", "東京", "--number", "001",
                "--date", "2005-07-08", "--password", "not-the-password"));

        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.stderr.contains(GENERIC), result.stderr);
        assertFalse(result.stdout.contains("上野"), "no card data on a refusal");
        // The center decrypted and checked the signed token before judging the password: the Python
        // client's security header was understood, only the password was wrong.
        assertTrue(refusalReasons().contains("WRONG_PASSWORD"), refusalReasons().toString());
    }

    @Test
    void policyViolationGetsTheSameGenericFaultAsAnyRefusal() throws Exception {
        // RSA-SHA1, the letter of Basic256Sha256, is refused: the profile requires RSA-SHA256.
        Result result = run(List.of("--insurer", "00000001", "--symbol", "東京", "--number", "001",
                "--date", "2005-07-08", "--signature-algorithm", "rsa-sha1"));

        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.stderr.contains(GENERIC), result.stderr);
        assertTrue(result.stderr.contains("InvalidSecurity"), result.stderr);
        assertFalse(result.stderr.contains("rsa-sha1") || result.stderr.contains("policy"),
                "the failed rule is not disclosed: " + result.stderr);
        assertTrue(refusalReasons().contains("POLICY_VIOLATION"), refusalReasons().toString());
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
        Files.write(argsFile, all, StandardCharsets.UTF_8);
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(PYTHON, script.toString(), "@" + argsFile)
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PYTHONUTF8", "1");
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the Python client did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Skips (or, on CI, fails) when /usr/bin/python3 lacks the Debian packages the client needs. */
    private static void requirePythonWithPackages() throws InterruptedException {
        String problem;
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import lxml, xmlsec, cryptography")
                    .redirectErrorStream(true).start();
            boolean finished = probe.waitFor(30, TimeUnit.SECONDS);
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            problem = !finished ? "timed out importing the modules"
                    : probe.exitValue() == 0 ? null : lastLine(output);
            if (!finished) {
                probe.destroyForcibly();
            }
        } catch (IOException e) {
            problem = e.getMessage();
        }
        if (problem == null) {
            return;
        }
        String message = PYTHON + " cannot run the interop client (" + problem + "); install the Debian packages: "
                + "apt-get install -y " + PACKAGES;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.assumeTrue(false, message);
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines[lines.length - 1];
    }

    private List<String> refusalReasons() throws Exception {
        List<String> reasons = new ArrayList<>();
        try (Connection connection = stack.center.database().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT reason_code FROM refusal_log ORDER BY id");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reasons.add(rows.getString(1));
            }
        }
        return reasons;
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
