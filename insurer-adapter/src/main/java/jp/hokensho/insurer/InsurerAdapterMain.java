package jp.hokensho.insurer;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import jp.hokensho.insurer.security.ServiceAccountPasswords;
import org.slf4j.LoggerFactory;

/**
 * Command line: {@code --config PATH} runs the adapter until killed; {@code --hash-password} reads a password
 * from the console (or stdin) and prints the {@code adapter.center.password-hash} value for it; the one-shot
 * commands (import, end, sync, reconcile) are {@link AdapterCommands}.
 */
public final class InsurerAdapterMain {
    private InsurerAdapterMain() {
    }

    public static void main(String[] args) throws Exception {
        // Before the first logger exists: our default logging unless the caller chose one; CXF logs through SLF4J.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "insurer-adapter-logback.xml");
        }
        if (System.getProperty("org.apache.cxf.Logger") == null) {
            System.setProperty("org.apache.cxf.Logger", "org.apache.cxf.common.logging.Slf4jLogger");
        }
        if (args.length == 1 && "--hash-password".equals(args[0])) {
            System.out.println(ServiceAccountPasswords.hash(readPassword()));
            return;
        }
        boolean serve = args.length == 2 && "--config".equals(args[0]);
        if (!serve) {
            System.exit(AdapterCommands.run(args, System.out, System.err));
        }
        AdapterSettings settings = AdapterSettings.load(Path.of(args[1]));
        InsurerAdapter adapter = InsurerAdapter.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            adapter.stop();
            stopped.countDown();
        }, "insurer-adapter-shutdown"));
        if (adapter.serving()) {
            LoggerFactory.getLogger(InsurerAdapterMain.class).info("Listening on {} (WSDL: {}?wsdl)",
                    adapter.address(), adapter.address());
        }
        stopped.await();
    }

    private static char[] readPassword() throws Exception {
        Console console = System.console();
        if (console != null) {
            return console.readPassword("service-account password: ");
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new IllegalArgumentException("no password on stdin");
        }
        return line.toCharArray();
    }
}
