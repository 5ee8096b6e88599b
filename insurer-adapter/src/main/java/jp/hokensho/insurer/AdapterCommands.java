package jp.hokensho.insurer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

import jp.hokensho.insurer.card.AdapterDatabase;
import jp.hokensho.insurer.card.CardEnding;
import jp.hokensho.insurer.card.CardImportException;
import jp.hokensho.insurer.card.CardRepository;
import jp.hokensho.insurer.card.CsvCardLoader;
import jp.hokensho.insurer.card.CsvEncoding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's one-shot commands (import, end, sync, reconcile), each with {@code --config FILE}.
 * Exit codes: 0 done, 1 refused or failed (or, for reconcile, differences found), 2 wrong usage or settings.
 */
public final class AdapterCommands {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    static final String USAGE_TEXT = String.join("\n",
            "usage: insurer-adapter.jar --config FILE                 run the server",
            "       insurer-adapter.jar import --config FILE --file CARDS.csv [--encoding UTF-8|Shift_JIS]",
            "       insurer-adapter.jar end --config FILE [--insurer N] --symbol S --number N --lost-on YYYY-MM-DD",
            "       insurer-adapter.jar sync --config FILE                (PRE_STORED: push changes to the center)",
            "       insurer-adapter.jar reconcile --config FILE           (PRE_STORED: compare with the center)",
            "       insurer-adapter.jar --hash-password                   (reads a password, prints its hash)");
    private static final Logger LOG = LoggerFactory.getLogger(AdapterCommands.class);

    private AdapterCommands() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            switch (args.length == 0 ? "" : args[0]) {
                case "import":
                    return importCards(CommandOptions.parse(args, Set.of("config", "file", "encoding"),
                            Set.of("config", "file")), out, err);
                case "end":
                    return end(CommandOptions.parse(args, Set.of("config", "insurer", "symbol", "number", "lost-on"),
                            Set.of("config", "symbol", "number", "lost-on")), out, err);
                case "sync":
                    return SyncCommands.sync(settings(CommandOptions.parse(args, Set.of("config"), Set.of("config"))),
                            out, err);
                case "reconcile":
                    return SyncCommands.reconcile(settings(CommandOptions.parse(args, Set.of("config"),
                            Set.of("config"))), out, err);
                default:
                    err.println(USAGE_TEXT);
                    return USAGE;
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.error("{} failed", args[0], e);
            err.println(args[0] + " failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static int importCards(CommandOptions options, PrintStream out, PrintStream err)
            throws IOException {
        AdapterSettings settings = settings(options);
        Charset charset = CsvEncoding.forName(options.get("encoding").orElse("UTF-8"));
        String file = Path.of(options.required("file")).toAbsolutePath().toString();
        try (AdapterDatabase db = open(settings)) {
            CsvCardLoader loader = new CsvCardLoader(new CardRepository(db.dataSource()), db.dataSource(),
                    settings.insurerNumbers(), settings.checkDigitRequired());
            CsvCardLoader.Summary summary = loader.load(file, charset);
            LOG.info("Imported {} ({}): {}", file, charset, summary);
            out.println("imported " + file + ": " + summary.rows() + " rows, " + summary.cards() + " cards ("
                    + summary.inserted() + " new, " + summary.updated() + " changed, " + summary.unchanged()
                    + " unchanged)");
            return OK;
        } catch (CardImportException e) {
            LOG.warn("{}", e.getMessage());
            err.println(e.getMessage());
            return FAILED;
        }
    }

    private static int end(CommandOptions options, PrintStream out, PrintStream err) throws IOException, SQLException {
        AdapterSettings settings = settings(options);
        String insurer = SyncCommands.insurer(settings, options.get("insurer"));
        LocalDate lostOn;
        try {
            lostOn = LocalDate.parse(options.required("lost-on"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("end: --lost-on must be a date like 2025-10-01", e);
        }
        String card = insurer + " " + options.required("symbol") + "/" + options.required("number");
        try (AdapterDatabase db = open(settings)) {
            CardEnding.Outcome outcome = new CardEnding(db.dataSource()).end(insurer, options.required("symbol"),
                    options.required("number"), lostOn, Instant.now());
            LOG.info("End of eligibility of {} on {}: {}", card, lostOn, outcome);
            switch (outcome) {
                case ENDED:
                    out.println(card + ": qualification lost on " + lostOn
                            + " (a PRE_STORED adapter sends it with its next sync)");
                    return OK;
                case UNCHANGED:
                    out.println(card + ": already lost on " + lostOn + ", nothing changed");
                    return OK;
                default:
                    err.println(card + ": no such card");
                    return FAILED;
            }
        } catch (IllegalArgumentException e) {
            err.println(card + ": " + e.getMessage());
            return FAILED;
        }
    }

    static AdapterSettings settings(CommandOptions options) throws IOException {
        return AdapterSettings.load(options.config());
    }

    static AdapterDatabase open(AdapterSettings s) {
        return AdapterDatabase.open(s.dbUrl(), s.dbUser(), s.dbPassword(), s.dbPoolSize());
    }
}
