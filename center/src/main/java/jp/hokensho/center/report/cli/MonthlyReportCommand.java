package jp.hokensho.center.report.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.audit.AccessLog;
import jp.hokensho.center.cli.ConfigOption;
import jp.hokensho.center.cli.OperatorOption;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.report.MonthlyReportCsv;
import jp.hokensho.center.report.MonthlyReportQuery;
import jp.hokensho.center.report.MonthlyReportText;
import jp.hokensho.contract.admin.MonthlyOperationsReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code center report monthly --month 2026-11 [--format text|csv] [--out FILE]}: the monthly operations report
 * (volumes by result and source, refusals by reason, real-time insurers' availability, batches), read from the
 * database; written to the access log with the operator's name like the other staff commands.
 */
@Command(name = "monthly", mixinStandardHelpOptions = true,
        description = {"The monthly operations report of one calendar month (Japanese days): verifications by result"
                + " and source, refusals by reason, each real-time insurer's availability, and the batches run."})
public final class MonthlyReportCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(MonthlyReportCommand.class);

    @Spec
    CommandSpec spec;
    @Mixin
    ConfigOption config;
    @Mixin
    OperatorOption operator;

    @Option(names = "--month", required = true, paramLabel = "YYYY-MM", description = "The month, e.g. 2026-11.")
    String month;
    @Option(names = "--format", paramLabel = "text|csv", defaultValue = "text",
            description = "Plain text (default) or CSV (UTF-8 with a BOM, for Excel).")
    String format;
    @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: standard output).")
    Path out;

    @Override
    public Integer call() throws Exception {
        YearMonth chosen = month();
        if (!format.equals("text") && !format.equals("csv")) {
            throw new ParameterException(spec.commandLine(), "--format must be text or csv, not " + format);
        }
        try (Database database = Database.open(CenterApplication.databaseSettings(config.settings()))) {
            MonthlyOperationsReport report = new MonthlyReportQuery(database.dataSource()).run(chosen);
            try (OutputStream target = out == null ? new Unclosed(config.out()) : Files.newOutputStream(out)) {
                if (format.equals("csv")) {
                    MonthlyReportCsv.write(report, target);
                } else {
                    PrintStream text = new PrintStream(target, false, StandardCharsets.UTF_8);
                    MonthlyReportText.write(report, text);
                    text.flush();
                }
            }
            new AccessLog(database.dataSource(), config.clock()).record(operator.name(), null, null,
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
