package jp.hokensho.center.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import jp.hokensho.center.audit.AccessLog;
import jp.hokensho.center.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code report usage}: the usage report over {@code --from/--to} by day or month, or over the sessions of
 * {@code --sessions FILE}, as CSV (to {@code --out} or standard output) or as a PNG chart (to {@code --out}).
 * Written to the access log with the operator's name, as the other administration commands are.
 */
public final class UsageReportCommand {
    private static final Logger LOG = LoggerFactory.getLogger(UsageReportCommand.class);

    /** What the command line asked for; {@code sessions} replaces from/to/by when given. */
    public record Request(LocalDate from, LocalDate to, String by, Path sessions, String format, Path out) {
        public static Request parse(LocalDate from, LocalDate to, String by, Path sessions, String format, Path out) {
            String chosenFormat = format == null ? "csv" : format;
            if (!chosenFormat.equals("csv") && !chosenFormat.equals("png")) {
                throw new IllegalArgumentException("--format must be csv or png, not " + chosenFormat);
            }
            if (chosenFormat.equals("png") && out == null) {
                throw new IllegalArgumentException("--format png needs --out FILE");
            }
            if (sessions != null) {
                if (from != null || to != null || by != null) {
                    throw new IllegalArgumentException("give either --sessions FILE or --from/--to/--by, not both");
                }
                return new Request(null, null, null, sessions, chosenFormat, out);
            }
            if (from == null || to == null) {
                throw new IllegalArgumentException("missing --from DATE and --to DATE (or --sessions FILE)");
            }
            String chosenBy = by == null ? "day" : by;
            if (!chosenBy.equals("day") && !chosenBy.equals("month")) {
                throw new IllegalArgumentException("--by must be day or month, not " + chosenBy);
            }
            return new Request(from, to, chosenBy, null, chosenFormat, out);
        }

        List<UsagePeriod> periods() {
            if (sessions != null) {
                return UsagePeriods.sessions(sessions);
            }
            return by.equals("month") ? UsagePeriods.byMonth(from, to) : UsagePeriods.byDay(from, to);
        }

        String describe() {
            return (sessions != null ? "sessions " + sessions.getFileName() : from + ".." + to + " by " + by)
                    + " as " + format;
        }
    }

    private final Database database;
    private final String operator;
    private final Clock clock;

    public UsageReportCommand(Database database, String operator, Clock clock) {
        this.database = database;
        this.operator = operator;
        this.clock = clock;
    }

    public UsageReport run(Request request, PrintStream stdout) throws IOException {
        List<UsagePeriod> periods = request.periods();
        UsageReport report = new UsageReportQuery(database.dataSource()).run(periods);
        try (OutputStream out = request.out() == null ? new NonClosing(stdout)
                : Files.newOutputStream(request.out())) {
            if (request.format().equals("png")) {
                System.setProperty("java.awt.headless", "true");
                UsageChart.write(report, "認証アクセス件数 " + UsageCsv.first(report) + " - "
                        + UsageCsv.last(report), out);
            } else {
                UsageCsv.write(report, out);
            }
        }
        new AccessLog(database.dataSource(), clock).record(operator, null, null,
                "cli:report-usage " + request.describe(), "OK", 0);
        LOG.info("usage report {} written for {} institutions{}", request.describe(), report.institutions().size(),
                request.out() == null ? "" : " to " + request.out());
        return report;
    }

    /** Standard output stays open after the report. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
