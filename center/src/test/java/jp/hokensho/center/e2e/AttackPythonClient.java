package jp.hokensho.center.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the independent Python client ({@code interop/python/verify_card.py}) with its attack options against
 * a running center, and reads back what it saw: exit code, JSON answer, fault, HTTP status, and the raw
 * request/response it dumped.
 */
final class AttackPythonClient {
    static final String PYTHON = "/usr/bin/python3";
    private static final String PACKAGES = "python3-lxml python3-xmlsec python3-cryptography";
    private static final long TIMEOUT_SECONDS = 120;
    private static final Pattern HTTP_STATUS = Pattern.compile("(?m)^http-status: (\\d+)$");
    private static final Pattern FAULT_STRING = Pattern.compile("(?m)^faultstring: (.*)$");
    private static final Pattern FAULT_CODE = Pattern.compile("(?m)^faultcode: (.*)$");

    private final Path script;
    private final Path properties;
    private final Path workDir;
    private int calls;

    AttackPythonClient(Path properties, Path workDir) {
        this.script = script();
        this.properties = properties;
        this.workDir = workDir;
    }

    /** The client script; fails the test if it is missing. */
    static Path script() {
        // Surefire runs in the center module; the client lives at the repository root.
        Path script = Path.of("..", "interop", "python", "verify_card.py").toAbsolutePath().normalize();
        if (!Files.isRegularFile(script)) {
            fail("missing " + script);
        }
        return script;
    }

    /** The screen's good query (00000001 / 東京 / 001 on 2005-07-08) with extra options. */
    Result verifySeedCase(String... options) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--insurer", "00000001", "--symbol", "東京",
                "--number", "001", "--date", "2005-07-08"));
        arguments.addAll(List.of(options));
        return run(arguments);
    }

    /**
     * Runs the client; every call dumps its request and response under a fresh prefix. Arguments go through
     * an {@code @file} in UTF-8 (a JVM under the POSIX locale would turn 東京 into question marks).
     */
    Result run(List<String> arguments) throws Exception {
        int call = ++calls;
        Path dump = workDir.resolve("call-" + call);
        List<String> all = new ArrayList<>(List.of("--properties", properties.toString(), "--dump", dump.toString()));
        all.addAll(arguments);
        Path argsFile = workDir.resolve("call-" + call + "-args.txt");
        Path out = workDir.resolve("call-" + call + "-stdout.txt");
        Path err = workDir.resolve("call-" + call + "-stderr.txt");
        int exitCode = runScript(script, all, argsFile, out, err, TIMEOUT_SECONDS);
        return new Result(arguments, exitCode, Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), dump.resolveSibling(dump.getFileName() + "-request.xml"),
                dump.resolveSibling(dump.getFileName() + "-response.xml"));
    }

    /**
     * Runs the script with these arguments, passed in {@code argsFile} (an {@code @file} in UTF-8), its stdout and
     * stderr written to {@code out} and {@code err}; fails the test if it takes longer than the timeout.
     *
     * @return the exit code
     */
    static int runScript(Path script, List<String> arguments, Path argsFile, Path out, Path err, long timeoutSeconds)
            throws Exception {
        Files.write(argsFile, arguments, StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(PYTHON, script.toString(), "@" + argsFile)
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("PYTHONUTF8", "1");
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the Python client did not finish in " + timeoutSeconds + " s: " + arguments);
        }
        return process.exitValue();
    }

    /** Skips (or, on CI, fails) when /usr/bin/python3 lacks the Debian packages the client needs. */
    static void requirePythonWithPackages() throws InterruptedException {
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

    /** What one run of the client saw. */
    record Result(List<String> arguments, int exitCode, String stdout, String stderr, Path request, Path response) {
        /** The HTTP status the center answered with, or -1 if none (e.g. the connection was cut). */
        int httpStatus() {
            Matcher m = HTTP_STATUS.matcher(stderr);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }

        String faultString() {
            Matcher m = FAULT_STRING.matcher(stderr);
            return m.find() ? m.group(1).strip() : null;
        }

        String faultCode() {
            Matcher m = FAULT_CODE.matcher(stderr);
            return m.find() ? m.group(1).strip() : null;
        }

        /** The whole response body as received (empty if there was none). */
        String responseBody() throws IOException {
            return Files.exists(response) ? Files.readString(response, StandardCharsets.UTF_8) : "";
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() throws Exception {
            return (Map<String, Object>) Jsoner.deserialize(stdout);
        }

        @Override
        public String toString() {
            String body;
            try {
                body = responseBody();
            } catch (IOException e) {
                body = "(unreadable: " + e + ")";
            }
            return "python " + arguments + "\nexit " + exitCode + "\nstdout: " + abbreviate(stdout)
                    + "\nstderr: " + abbreviate(stderr) + "\nresponse body: " + abbreviate(body);
        }

        private static String abbreviate(String text) {
            return text.length() <= 2000 ? text : text.substring(0, 2000) + "…(" + text.length() + " chars)";
        }
    }
}
