package jp.hokensho.center.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.hokensho.center.admin.cli.InitCommand;
import jp.hokensho.center.admin.cli.KeyCommand;
import jp.hokensho.center.admin.cli.OrgCommand;
import jp.hokensho.center.admin.cli.UserCommand;
import jp.hokensho.center.report.cli.ReportCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The center's command line, {@code center COMMAND [SUBCOMMAND] [OPTIONS]}: the list of its commands is the
 * {@code subcommands} attribute below, the one place a command is registered.
 *
 * <p>To add a command:
 * <ol>
 *   <li>Write a class {@code @Command(name = "backup", mixinStandardHelpOptions = true, description = "...")}
 *       implementing {@code Callable<Integer>} (0 done, 1 failed or refused by the command's own logic); a group
 *       of commands ({@code org add|change|...}) is a class whose {@code subcommands} are nested classes, as
 *       {@link OrgCommand}.</li>
 *   <li>Take {@code --config FILE} with {@code @Mixin ConfigOption config} ({@link ConfigOption#settings()},
 *       and the streams to write to: {@link ConfigOption#out()}, never {@code System.out}, so tests can read it)
 *       and, for staff commands written to the access log, {@code @Mixin OperatorOption operator}.</li>
 *   <li>Type the options ({@code Path}, {@code LocalDate}, enums, numbers) and mark the required ones
 *       {@code required = true}: picocli then refuses bad input with the option's name, the usage and exit 2.
 *       A check picocli cannot make throws {@code new ParameterException(spec.commandLine(), "...")} (also 2).</li>
 *   <li>Add the class to {@code subcommands} below. {@code CenterCommandLineTest} then checks its
 *       {@code --help}.</li>
 * </ol>
 * An {@link IllegalArgumentException} out of a command is a refused input (exit 2, "refused: ..."); any other
 * exception is a failure (exit 1), logged with its stack trace and reported in one line, never printed as a trace.
 */
@Command(name = "center", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The health-insurance eligibility verification center: the server and the staff's commands.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            AuditVerifyCommand.class,
            InitCommand.class,
            OrgCommand.class,
            KeyCommand.class,
            UserCommand.class,
            ReportCommand.class,
        })
public final class CenterCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    @Spec
    private CommandSpec spec;

    public CenterCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** Runs a command line; its output goes to {@code out}, usage errors and failures to {@code err}. */
    public static int execute(String[] args, PrintStream out, PrintStream err, Clock clock) {
        return commandLine(out, err, clock).execute(args);
    }

    /** The whole tree of commands, writing to the given streams (tests walk it). */
    public static CommandLine commandLine(PrintStream out, PrintStream err, Clock clock) {
        CommandLine commandLine = new CommandLine(new CenterCommand(out, err, clock));
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.registerConverter(LocalDate.class, new IsoDateConverter());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        return commandLine;
    }

    /** The root command of the tree {@code spec} belongs to: its streams and clock. */
    public static CenterCommand of(CommandSpec spec) {
        return (CenterCommand) spec.root().userObject();
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public Clock clock() {
        return clock;
    }

    /** {@code center} alone: the list of commands, as a usage error. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }
}
