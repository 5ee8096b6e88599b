package jp.hokensho.center.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jp.hokensho.contract.types.EligibilityAnswer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code stock-jdk} path's server: {@link StockJdkServer} started as a JVM of its own from this JVM's classpath
 * (the JDK's crypto providers only), and the meter of its CPU time. It is stopped on close and destroyed if it does
 * not stop; should this JVM be killed, the child stops at the end of its stdin.
 */
final class StockJdkProcess implements AutoCloseable {
    static final String ADDRESS = "bench.stock.address";
    static final String USER = "bench.stock.user";
    static final String PASSWORD = "bench.stock.password";
    static final String ANSWER = "bench.stock.answer";

    private static final Logger LOG = LoggerFactory.getLogger(StockJdkProcess.class);
    /**
     * The heap the benchmark's own JVM has (1 GiB): with 256 MiB the reference cost 1.2-1.6x the in-process endpoint's
     * CPU on the same crypto, part of it GC; {@code -Dbench.stock-jdk.heap} to change.
     */
    private static final String HEAP = "-Xmx" + System.getProperty("bench.stock-jdk.heap", "1g");
    /** Loading CXF and WSS4J and publishing the WSDL; a loaded 2-core machine needs far more than usual. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration REPLY_TIMEOUT = Duration.ofMinutes(1);
    private static final String END = "\u0000end of output";

    private final Process process;
    private final String address;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Thread killOnExit;

    private StockJdkProcess(Process process, String address) {
        this.process = process;
        this.address = address;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.killOnExit = new Thread(process::destroyForcibly, "stock-jdk-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Thread reader = new Thread(this::readReplies, "stock-jdk-replies");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the child and waits until it serves at {@code address}.
     *
     * @param dir      where its settings and answer files are written
     * @param center   the demo center's settings (keystore, truststore, passwords, key alias)
     * @param user     the one person accepted, with the clear password WSS4J's stock validator compares
     */
    static StockJdkProcess start(Path dir, String address, Properties center, String user, String password,
                                 EligibilityAnswer answer) throws IOException {
        Path answerFile = dir.resolve("stock-jdk-answer.xml");
        AnswerXml.write(answer, answerFile);
        Properties settings = new Properties();
        settings.putAll(center);
        settings.setProperty(ADDRESS, address);
        settings.setProperty(USER, user);
        settings.setProperty(PASSWORD, password);
        settings.setProperty(ANSWER, answerFile.toString());
        Path settingsFile = dir.resolve("stock-jdk.properties");
        try (Writer out = Files.newBufferedWriter(settingsFile, StandardCharsets.UTF_8)) {
            settings.store(out, "the stock-jdk endpoint of the benchmark");
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", System.getProperty("java.class.path"), StockJdkServer.class.getName(), settingsFile.toString());
        LOG.info("starting the stock endpoint in its own JVM ({} {} -cp <the benchmark's classpath> {})",
                command.get(0), HEAP, StockJdkServer.class.getName());
        // Its log (stderr) goes where this JVM's goes; stdout carries its replies.
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        StockJdkProcess child = new StockJdkProcess(process, address);
        try {
            child.await(StockJdkServer.READY, START_TIMEOUT);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        LOG.info("stock endpoint on the JDK's crypto at {} (pid {})", address, process.pid());
        return child;
    }

    String address() {
        return address;
    }

    /** Starts measuring: the child's Java threads (all its own: the server's), and this JVM's process CPU. */
    CpuMeter meter() {
        return new ChildMeter();
    }

    @Override
    public void close() {
        try {
            send("quit");
        } catch (UncheckedIOException e) {
            LOG.debug("the stock endpoint's JVM no longer reads: {}", e.toString());
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                LOG.warn("the stock endpoint's JVM (pid {}) did not stop within 20 s: destroyed", process.pid());
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs anyway.
            }
        }
    }

    private void readReplies() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals(StockJdkServer.READY) || line.equals(StockJdkServer.STARTED)
                        || line.startsWith(StockJdkServer.CPU + " ")) {
                    replies.add(line);
                } else {
                    LOG.info("stock-jdk: {}", line);
                }
            }
        } catch (IOException e) {
            LOG.debug("stock-jdk output: {}", e.toString());
        }
        replies.add(END);
    }

    private void send(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot talk to the stock endpoint's JVM", e);
        }
    }

    private String await(String reply, Duration timeout) {
        String line;
        try {
            line = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the stock endpoint's JVM", e);
        }
        if (line == null) {
            throw new IllegalStateException("the stock endpoint's JVM did not say '" + reply + "' within " + timeout);
        }
        if (line.equals(END)) {
            replies.add(END);
            throw new IllegalStateException("the stock endpoint's JVM ended"
                    + (process.isAlive() ? "" : " with exit code " + process.exitValue()) + " (its log is above)");
        }
        if (!line.startsWith(reply)) {
            throw new IllegalStateException("the stock endpoint's JVM said '" + line + "', not '" + reply + "'");
        }
        return line;
    }

    /** The child's server CPU (all its Java threads); the process CPU of both JVMs, as the in-process rows count. */
    private final class ChildMeter implements CpuMeter {
        private final ServerCpuMeter here;
        private boolean running;

        ChildMeter() {
            here = ServerCpuMeter.start();
            try {
                send("start");
                await(StockJdkServer.STARTED, REPLY_TIMEOUT);
                running = true;
            } catch (RuntimeException e) {
                here.close();
                throw e;
            }
        }

        @Override
        public void clientThread(Thread thread) {
            here.clientThread(thread);
        }

        @Override
        public ServerCpuMeter.Cpu stop() {
            ServerCpuMeter.Cpu callers = here.stop();
            send("stop");
            running = false;
            String[] cpu = await(StockJdkServer.CPU, REPLY_TIMEOUT).split(" ");
            return new ServerCpuMeter.Cpu(Long.parseLong(cpu[1]), Long.parseLong(cpu[2]) + callers.processNanos());
        }

        @Override
        public void close() {
            here.close();
            if (running) {
                // Keeps the child's replies in step with the commands after a failed run.
                running = false;
                try {
                    send("stop");
                    await(StockJdkServer.CPU, REPLY_TIMEOUT);
                } catch (RuntimeException e) {
                    LOG.warn("could not stop the stock endpoint's CPU meter: {}", e.toString());
                }
            }
        }
    }
}
