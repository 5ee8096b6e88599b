package jp.hokensho.center.e2e;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The center in a JVM of its own ({@code CenterMain serve --config FILE}, from the test classpath, as {@code mvn
 * test} builds no jar), so a test can kill it as a crash would. Its output goes to a log file, never to the test's.
 */
final class CenterProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CenterProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;

    private CenterProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the center and returns once {@code endpoint?wsdl} answers.
     *
     * @param overrides center settings that differ from the config file's (passed as system properties)
     */
    static CenterProcess serve(Path config, Map<String, String> overrides, String endpoint, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Dfile.encoding=UTF-8"));
        overrides.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "jp.hokensho.center.CenterMain",
                "serve", "--config", config.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        LOG.info("started the center as process {} (log {})", process.pid(), log);
        CenterProcess center = new CenterProcess(process, log);
        try {
            center.awaitServing(endpoint);
        } catch (IOException | InterruptedException | RuntimeException e) {
            center.close();
            throw e;
        }
        return center;
    }

    private void awaitServing(String endpoint) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the center process ended with exit code " + process.exitValue()
                        + " before serving; its log ends:\n" + logTail());
            }
            if (answers(endpoint + "?wsdl")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the center did not serve " + endpoint + " within " + START_TIMEOUT
                + "; its log ends:\n" + logTail());
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

    /** SIGKILL on Linux: no shutdown hook runs, nothing is flushed or closed, as in a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        LOG.info("killed the center process {}", process.pid());
    }

    /** An orderly stop (SIGTERM: the shutdown hook closes routes and database). */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            LOG.warn("the center process {} did not stop within 30 s: killing it", process.pid());
            kill();
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Never leaves the process behind, whatever the test did. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
