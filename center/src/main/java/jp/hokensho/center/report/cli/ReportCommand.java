package jp.hokensho.center.report.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.cli.CommandGroup;
import jp.hokensho.center.cli.ConfigOption;
import jp.hokensho.center.cli.OperatorOption;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.report.UsageReportCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code center report usage|monthly}: the reports of the center ({@link UsageReportCommand},
 * {@link MonthlyReportCommand}).
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Reports: usage, monthly.",
        subcommands = {ReportCommand.Usage.class, MonthlyReportCommand.class})
public final class ReportCommand extends CommandGroup {

    @Command(name = "usage", mixinStandardHelpOptions = true,
            description = {"The usage report (appendix 9): per medical institution and period, the accesses and the"
                    + " count per result, the re-verifications, and totals.",
                "Give --from and --to (Japanese calendar days), or --sessions FILE."})
    static final class Usage implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ConfigOption config;
        @Mixin
        OperatorOption operator;

        @Option(names = "--from", paramLabel = "DATE", description = "First day, e.g. 2005-07-04.")
        LocalDate from;
        @Option(names = "--to", paramLabel = "DATE", description = "Last day, included.")
        LocalDate to;
        @Option(names = "--by", paramLabel = "day|month", description = "One period per day (default) or month.")
        String by;
        @Option(names = "--sessions", paramLabel = "FILE",
                description = "Periods from a UTF-8 CSV of name,from,to lines (第1回,2005-07-04,2005-07-08) instead"
                        + " of --from/--to/--by.")
        Path sessions;
        @Option(names = "--format", paramLabel = "csv|png",
                description = "CSV (default; UTF-8 with a BOM) or a PNG bar chart (needs --out).")
        String format;
        @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: standard output).")
        Path out;

        @Override
        public Integer call() throws IOException {
            UsageReportCommand.Request request;
            try {
                request = UsageReportCommand.Request.parse(from, to, by, sessions, format, out);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            try (Database database = Database.open(CenterApplication.databaseSettings(config.settings()))) {
                new UsageReportCommand(database, operator.name(), config.clock()).run(request, config.out());
                return 0;
            }
        }
    }
}
