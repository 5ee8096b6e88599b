package jp.hokensho.center.report.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.AccessLog;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.report.MonthlyReportCsv;
import jp.hokensho.center.report.MonthlyReportQuery;
import jp.hokensho.center.report.MonthlyReportText;
import jp.hokensho.contract.admin.MonthlyOperationsReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code center report monthly --month 2026-11 [--format text|csv] [--out FILE]}: the monthly operations report
 * (volumes by result and source, refusals by reason, real-time insurers' availability, batches), read from the
 * database; written to the access log with the operator's name like the other staff commands. Exit codes: 0
 * written, 1 failed, 2 bad command line.
 */
@Command(name = "monthly", mixinStandardHelpOptions = true,
        description = {"The monthly operations report of one calendar month (Japanese days): verifications by result"
                + " and source, refusals by reason, each real-time insurer's availability, and the batches run."})
public final class MonthlyReportCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(MonthlyReportCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The center's configuration file.")
    Path config;
    @Option(names = "--operator", paramLabel = "NAME",
            description = "Your name for the access log (default: the login name).")
    String operator;
    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month, e.g. 2026-11.")
    String month;
    @Option(names = "--format", paramLabel = "text|csv", defaultValue = "text",
            description = "Plain text (default) or CSV (UTF-8 with a BOM, for Excel).")
    String format;
    @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: standard output).")
    Path out;

    private final PrintStream stdout;
    private final Clock clock;

    public MonthlyReportCommand(PrintStream stdout, Clock clock) {
        this.stdout = stdout;
        this.clock = clock;
    }

    /** Parses and runs one command line (the arguments after {@code report monthly}); returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        CommandLine line = new CommandLine(new MonthlyReportCommand(out, clock));
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        // A failure is told in one line and logged; picocli's default would print a stack trace.
        line.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            LOG.error("report monthly failed", e);
            commandLine.getErr().println("report monthly: " + e.getMessage());
            return 1;
        });
        return line.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        YearMonth chosen = month();
        if (!format.equals("text") && !format.equals("csv")) {
            throw new ParameterException(spec.commandLine(), "--format must be text or csv, not " + format);
        }
        CenterSettings settings = CenterSettings.load(config, Map.of());
        try (Database database = Database.open(CenterApplication.databaseSettings(settings))) {
            MonthlyOperationsReport report = new MonthlyReportQuery(database.dataSource()).run(chosen);
            try (OutputStream target = out == null ? new Unclosed(stdout) : Files.newOutputStream(out)) {
                if (format.equals("csv")) {
                    MonthlyReportCsv.write(report, target);
                } else {
                    PrintStream text = new PrintStream(target, false, StandardCharsets.UTF_8);
                    MonthlyReportText.write(report, text);
                    text.flush();
                }
            }
            String who = operator != null ? operator : System.getProperty("user.name");
            new AccessLog(database.dataSource(), clock).record(who, null, null,
                    "cli:report-monthly " + chosen + " as " + format, "OK", 0);
            LOG.info("monthly report {} written as {}{}", chosen, format, out == null ? "" : " to " + out);
        }
        return 0;
    }

    private YearMonth month() {
        try {
            return YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--month '" + month + "' is not a month like 2026-11");
        }
    }

    /** Standard output stays open after the report. */
    private static final class Unclosed extends java.io.FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
