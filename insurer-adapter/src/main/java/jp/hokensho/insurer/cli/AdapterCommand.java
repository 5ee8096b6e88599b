package jp.hokensho.insurer.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jp.hokensho.insurer.AdapterCommands;
import jp.hokensho.insurer.AdapterSettings;
import jp.hokensho.insurer.InsurerAdapter;
import jp.hokensho.insurer.security.ServiceAccountPasswords;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The insurer adapter's command line: {@code --config FILE} runs the server, {@code --hash-password} prints the
 * hash of a password read from the console (or stdin), and the one-shot commands are the {@code subcommands}
 * below, the one place a command is registered. To add one: a {@code @Command(name = ..., mixinStandardHelpOptions
 * = true)} class implementing {@code Callable<Integer>}, taking {@code @Mixin ConfigOption} (and
 * {@code @Mixin OperatorOption} when it runs as a person of the insurer), calling {@link AdapterCommands#run};
 * then add it to {@code subcommands}, and {@code AdapterCommandLineTest} checks its {@code --help}.
 * Exit codes: 0 done, 1 refused or failed, 2 bad command line.
 */
@Command(name = "insurer-adapter", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"An insurer's card server: runs with --config FILE; the commands below are one-shot.",
            "Commands run as a person of the insurer: --user ID (--operator ID for the user commands), the"
                + " password from the environment " + AdapterCommands.PASSWORD_ENV + ", else asked on the console.",
            "Roles: OPERATIONS_MANAGER, MEDIA_MANAGER, BUSINESS_MANAGER, STAFF."},
        subcommands = {
            ImportCommand.class,
            EndCommand.class,
            SyncCommand.class,
            ReconcileCommand.class,
            UserCommand.class,
        })
public final class AdapterCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final AdapterCommands.Passwords passwords;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Runs the server with this configuration until stopped (REAL_TIME: the endpoint;"
                    + " PRE_STORED: the periodic sync).")
    private Path config;

    @Option(names = "--hash-password",
            description = "Reads a password (console, else a line of stdin) and prints its"
                    + " adapter.center.password-hash value.")
    private boolean hashPassword;

    public AdapterCommand(PrintStream out, PrintStream err, InputStream in, AdapterCommands.Passwords passwords) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.passwords = passwords;
    }

    /** Runs a command line; its output goes to {@code out}, usage errors and failures to {@code err}. */
    public static int execute(String[] args, PrintStream out, PrintStream err, InputStream in,
                              AdapterCommands.Passwords passwords) {
        return commandLine(out, err, in, passwords).execute(args);
    }

    /** The whole tree of commands (tests walk it). */
    public static CommandLine commandLine(PrintStream out, PrintStream err, InputStream in,
                                          AdapterCommands.Passwords passwords) {
        CommandLine commandLine = new CommandLine(new AdapterCommand(out, err, in, passwords));
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.registerConverter(LocalDate.class, new IsoDateConverter());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        return commandLine;
    }

    static AdapterCommand of(CommandSpec spec) {
        return (AdapterCommand) spec.root().userObject();
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    AdapterCommands.Passwords passwords() {
        return passwords;
    }

    @Override
    public Integer call() throws Exception {
        if (hashPassword && config != null) {
            throw new ParameterException(spec.commandLine(), "give either --config FILE or --hash-password");
        }
        if (hashPassword) {
            out.println(ServiceAccountPasswords.hash(readPassword()));
            return AdapterCommands.OK;
        }
        if (config == null) {
            throw new ParameterException(spec.commandLine(), "give --config FILE to run the server, or name a command");
        }
        AdapterSettings settings;
        try {
            settings = AdapterSettings.load(config);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the configuration " + config + " (" + e + ")", e);
        }
        serve(settings);
        return AdapterCommands.OK;
    }

    private static void serve(AdapterSettings settings) throws InterruptedException {
        InsurerAdapter adapter = InsurerAdapter.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            adapter.stop();
            stopped.countDown();
        }, "insurer-adapter-shutdown"));
        if (adapter.serving()) {
            LoggerFactory.getLogger(AdapterCommand.class).info("Listening on {} (WSDL: {}?wsdl)",
                    adapter.address(), adapter.address());
        }
        stopped.await();
    }

    private char[] readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            return console.readPassword("service-account password: ");
        }
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no password on stdin");
        }
        return line.toCharArray();
    }
}
