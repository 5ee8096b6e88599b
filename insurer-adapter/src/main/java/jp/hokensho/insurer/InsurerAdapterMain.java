package jp.hokensho.insurer;

import java.io.InputStream;
import java.io.PrintStream;
import jp.hokensho.insurer.cli.AdapterCommand;

/**
 * The adapter's jar: {@code --config FILE} runs the server until killed; {@code --hash-password} prints the
 * {@code adapter.center.password-hash} value of a password; the one-shot commands (import, end, sync, reconcile,
 * user add|unlock) are listed by {@link AdapterCommand} and described by {@code COMMAND --help}.
 */
public final class InsurerAdapterMain {
    private InsurerAdapterMain() {
    }

    public static void main(String[] args) {
        // Before the first logger exists: our default logging unless the caller chose one; CXF logs through SLF4J.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "insurer-adapter-logback.xml");
        }
        if (System.getProperty("org.apache.cxf.Logger") == null) {
            System.setProperty("org.apache.cxf.Logger", "org.apache.cxf.common.logging.Slf4jLogger");
        }
        System.exit(run(args, System.out, System.err, System.in, AdapterCommands.Passwords.environmentOrConsole()));
    }

    /**
     * Runs one command line as {@code main} does, but returning its exit status (0 done, 1 refused or failed,
     * 2 bad command line or settings).
     */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in,
                          AdapterCommands.Passwords passwords) {
        return AdapterCommand.execute(args, out, err, in, passwords);
    }
}
