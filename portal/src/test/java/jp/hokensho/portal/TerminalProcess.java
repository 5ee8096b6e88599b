package jp.hokensho.portal;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The institution's terminal in a JVM of its own ({@code PortalMain --config FILE} from the test classpath, as
 * {@code mvn test} builds no jar), so that a test can kill it as a crash would. Its output goes to a log file.
 */
final class TerminalProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TerminalProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;

    private TerminalProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Writes the settings to {@code config} and starts the terminal; returns once its login page answers. */
    static TerminalProcess start(Properties settings, Path config, Path log) throws IOException, InterruptedException {
        try (var writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            settings.store(writer, "terminal of a test");
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                "jp.hokensho.portal.PortalMain", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        LOG.info("started the terminal as process {} (log {})", process.pid(), log);
        TerminalProcess terminal = new TerminalProcess(process, log);
        String url = "http://127.0.0.1:" + settings.getProperty("portal.http.port") + "/login";
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answers(url)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                terminal.kill();
                throw new IllegalStateException("the terminal did not start; its log ends:\n" + terminal.logTail());
            }
            Thread.sleep(200);
        }
        return terminal;
    }

    private static boolean answers(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1_000);
            connection.setReadTimeout(5_000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    /** SIGKILL: no shutdown hook runs, as in a crash or a pulled plug. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        LOG.info("killed the terminal process {}", process.pid());
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
