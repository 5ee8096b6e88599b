package jp.hokensho.center.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import org.apache.cxf.endpoint.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stock endpoint in a JVM of its own, on the JDK's crypto providers: issue 10's reference ("the stock endpoint
 * runs on the JDK's crypto"). The benchmark's JVM cannot be that reference: the center's start installs the native
 * provider JVM-wide. Started by {@link StockJdkProcess} from the benchmark's classpath with one argument, its
 * settings file; it never installs a provider and refuses to serve if the native one is there.
 *
 * <p>It answers the benchmark line by line on stdin/stdout: {@code start} → {@code started} (its CPU meter runs),
 * {@code stop} → {@code cpu <server ns> <process ns>}, {@code quit} or the end of stdin (the benchmark gone) → it
 * stops. Its log goes to stderr, so that stdout carries the replies only.
 */
public final class StockJdkServer {
    static final String READY = "ready";
    static final String STARTED = "started";
    static final String CPU = "cpu";
    /** The native provider's name, as {@code jp.hokensho.center.NativeCrypto} installs it. */
    private static final String NATIVE_PROVIDER = "AmazonCorrettoCryptoProvider";

    private StockJdkServer() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream replies = System.out;
        // Logback's console appender writes to whatever System.out is when it writes: the log goes to stderr.
        System.setOut(System.err);
        Logger log = LoggerFactory.getLogger(StockJdkServer.class);
        Properties settings = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            settings.load(in);
        }
        Server server = StockEligibilityEndpoint.start(settings.getProperty(StockJdkProcess.ADDRESS), settings,
                settings.getProperty(StockJdkProcess.USER), settings.getProperty(StockJdkProcess.PASSWORD),
                AnswerXml.read(Path.of(settings.getProperty(StockJdkProcess.ANSWER))));
        try {
            // Checked once the endpoint is up: WSS4J adds its own providers while it starts.
            log.info("stock endpoint on the JDK's crypto at {}: {}", settings.getProperty(StockJdkProcess.ADDRESS),
                    jdkCrypto());
            replies.println(READY);
            replies.flush();
            serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), replies, log);
        } finally {
            server.destroy();
        }
        log.info("stock endpoint on the JDK's crypto stopped");
        // CXF and Jetty leave non-daemon threads behind; the process has nothing else to do.
        System.exit(0);
    }

    private static void serve(BufferedReader commands, PrintStream replies, Logger log) throws IOException {
        CpuMeter meter = null;
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            switch (command) {
                case "start" -> {
                    if (meter != null) {
                        meter.close();
                    }
                    // Every thread of this JVM but this one (it only reads commands) and the sampler's.
                    meter = ServerCpuMeter.start();
                    replies.println(STARTED);
                }
                case "stop" -> {
                    ServerCpuMeter.Cpu cpu = meter == null ? new ServerCpuMeter.Cpu(0, 0) : meter.stop();
                    meter = null;
                    replies.println(CPU + " " + cpu.serverNanos() + " " + cpu.processNanos());
                }
                case "quit" -> {
                    return;
                }
                default -> log.warn("unknown command from the benchmark: {}", command);
            }
            replies.flush();
        }
    }

    /** Which providers serve the policy's algorithms; refuses the native provider. */
    private static String jdkCrypto() throws GeneralSecurityException {
        if (Security.getProvider(NATIVE_PROVIDER) != null) {
            throw new IllegalStateException(NATIVE_PROVIDER + " is installed: not the JDK's crypto");
        }
        return "RSA-SHA256 signatures by " + Signature.getInstance("SHA256withRSA").getProvider().getName()
                + ", RSA-OAEP by " + Cipher.getInstance("RSA/ECB/OAEPWithSHA1AndMGF1Padding").getProvider().getName()
                + ", AES-CBC by " + Cipher.getInstance("AES/CBC/ISO10126Padding").getProvider().getName()
                + "; providers " + Arrays.stream(Security.getProviders()).map(Provider::getName)
                .collect(Collectors.joining(", "));
    }
}
