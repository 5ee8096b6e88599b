package jp.hokensho.insurer;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jp.hokensho.insurer.card.AdapterDatabase;
import jp.hokensho.insurer.card.CardEnding;
import jp.hokensho.insurer.card.CardImportException;
import jp.hokensho.insurer.card.CardRepository;
import jp.hokensho.insurer.card.CsvCardLoader;
import jp.hokensho.insurer.card.CsvEncoding;
import jp.hokensho.insurer.security.AdapterLog;
import jp.hokensho.insurer.security.AdapterRight;
import jp.hokensho.insurer.security.AdapterRole;
import jp.hokensho.insurer.security.AdapterUsers;
import jp.hokensho.insurer.security.RefusalReason;
import jp.hokensho.insurer.security.UnauthorisedAccessLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's one-shot commands (import, end, sync, reconcile, user add, user unlock), each with
 * {@code --config FILE} and the operator: {@code --user ID} (for the user commands {@code --operator ID}) and the
 * password from {@code INSURER_ADAPTER_PASSWORD} or the console. The operator's role must hold the command's right
 * ({@link #RIGHTS}); a refusal is exit 1 with a message and a row in the unauthorised-access log.
 * Exit codes: 0 done, 1 refused or failed (or, for reconcile, differences found), 2 wrong usage or settings.
 */
public final class AdapterCommands {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** The environment variable a command's password is read from (else the console prompts). */
    public static final String PASSWORD_ENV = "INSURER_ADAPTER_PASSWORD";
    /** Iterations of new user password hashes (default 600000) and the lock after wrong passwords. */
    public static final String USERS_PASSWORD_ITERATIONS = AdapterSettings.USERS_PASSWORD_ITERATIONS;
    public static final String USERS_LOCKOUT_FAILURES = AdapterSettings.USERS_LOCKOUT_FAILURES;
    public static final String USERS_LOCKOUT_MINUTES = AdapterSettings.USERS_LOCKOUT_MINUTES;
    /** The right each command needs (table 6-2 ① with the center's △ decisions). */
    public static final Map<String, AdapterRight> RIGHTS = Map.of(
            "import", AdapterRight.CARD_DATA_ENTRY,
            "end", AdapterRight.REGISTER_CARD_DATA,
            "sync", AdapterRight.CARD_DATA_ENTRY,
            "reconcile", AdapterRight.CARD_DATA_STATUS,
            "user add", AdapterRight.USER_ADMINISTRATION,
            "user unlock", AdapterRight.USER_ADMINISTRATION);
    static final String USAGE_TEXT = String.join("\n",
            "usage: insurer-adapter.jar --config FILE                 run the server",
            "       insurer-adapter.jar import --config FILE --user ID --file CARDS.csv [--encoding UTF-8|Shift_JIS]",
            "       insurer-adapter.jar end --config FILE --user ID [--insurer N] --symbol S --number N --lost-on YYYY-MM-DD",
            "       insurer-adapter.jar sync --config FILE --user ID      (PRE_STORED: push changes to the center)",
            "       insurer-adapter.jar reconcile --config FILE --user ID (PRE_STORED: compare with the center)",
            "       insurer-adapter.jar user add --config FILE --user NEW_ID --role ROLE [--operator ID]",
            "       insurer-adapter.jar user unlock --config FILE --user ID --operator ID",
            "       insurer-adapter.jar --hash-password                   (reads a password, prints its hash)",
            "The operator's password: environment " + PASSWORD_ENV + ", else asked on the console.",
            "Roles: OPERATIONS_MANAGER, MEDIA_MANAGER, BUSINESS_MANAGER, STAFF.");
    private static final Logger LOG = LoggerFactory.getLogger(AdapterCommands.class);
    private static final Logger UNAUTHORISED = LoggerFactory.getLogger(UnauthorisedAccessLogger.LOGGER_NAME);

    /** Where the operator's password comes from; null when there is none. */
    @FunctionalInterface
    public interface Passwords {
        char[] passwordOf(String userId);

        /** {@value #PASSWORD_ENV}, else the console's prompt, else none. */
        static Passwords environmentOrConsole() {
            return userId -> {
                String env = System.getenv(PASSWORD_ENV);
                if (env != null && !env.isEmpty()) {
                    return env.toCharArray();
                }
                Console console = System.console();
                return console == null ? null : console.readPassword("password of %s: ", userId);
            };
        }

        /** The same password for everybody (tests, embedding). */
        static Passwords of(String password) {
            return userId -> password == null ? null : password.toCharArray();
        }
    }

    /** A refused operator: the message for them and the reason for the log. */
    private static final class Refused extends Exception {
        final RefusalReason reason;

        Refused(RefusalReason reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    private AdapterCommands() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Passwords.environmentOrConsole());
    }

    public static int run(String[] args, PrintStream out, PrintStream err, Passwords passwords) {
        String command = args.length == 0 ? "" : args[0];
        try {
            String[] rest = args;
            if ("user".equals(command)) {
                command = "user " + (args.length > 1 ? args[1] : "");
                rest = new String[args.length - 1];
                rest[0] = command;
                System.arraycopy(args, 2, rest, 1, Math.max(0, args.length - 2));
            }
            CommandOptions options;
            switch (command) {
                case "import":
                    options = CommandOptions.parse(rest, Set.of("config", "user", "file", "encoding"),
                            Set.of("config", "user", "file"));
                    break;
                case "end":
                    options = CommandOptions.parse(rest, Set.of("config", "user", "insurer", "symbol", "number",
                            "lost-on"), Set.of("config", "user", "symbol", "number", "lost-on"));
                    break;
                case "sync":
                case "reconcile":
                    options = CommandOptions.parse(rest, Set.of("config", "user"), Set.of("config", "user"));
                    break;
                case "user add":
                    options = CommandOptions.parse(rest, Set.of("config", "user", "role", "operator"),
                            Set.of("config", "user", "role"));
                    AdapterRole.parse(options.required("role"));
                    break;
                case "user unlock":
                    options = CommandOptions.parse(rest, Set.of("config", "user", "operator"),
                            Set.of("config", "user", "operator"));
                    break;
                default:
                    err.println(USAGE_TEXT);
                    return USAGE;
            }
            AdapterSettings settings = settings(options);
            if (command.equals("sync") || command.equals("reconcile")) {
                SyncCommands.requirePreStored(settings, command);
            }
            try (AdapterDatabase db = open(settings)) {
                return authorisedRun(command, options, settings, db, passwords, out, err);
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.error("{} failed", command, e);
            err.println(command + " failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static int authorisedRun(String command, CommandOptions options, AdapterSettings settings,
                                     AdapterDatabase db, Passwords passwords, PrintStream out, PrintStream err)
            throws IOException, SQLException {
        AdapterLog log = new AdapterLog(db.dataSource());
        AdapterUsers users = new AdapterUsers(db.dataSource(), policy(settings), Clock.systemUTC());
        boolean userCommand = command.startsWith("user ");
        String operator = userCommand ? options.get("operator").orElse(null) : options.required("user");
        AdapterRole role;
        try {
            role = operator == null ? firstUser(users, command) : authenticate(users, operator, passwords, command);
        } catch (Refused r) {
            UNAUTHORISED.warn("refused command={} user={} reason={}", command, clean(operator), r.reason);
            log.refusedCommand(r.reason, operator, command, r.getMessage());
            err.println(command + " refused: " + r.getMessage());
            return FAILED;
        }
        long started = System.nanoTime();
        int code = FAILED;
        try {
            code = dispatch(command, options, settings, db, users, operator, out, err, role);
            return code;
        } catch (IllegalArgumentException e) {
            code = USAGE;
            throw e;
        } finally {
            log.command(operator, command, code == OK ? "OK" : code == USAGE ? "USAGE" : "FAILED",
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static int dispatch(String command, CommandOptions options, AdapterSettings settings, AdapterDatabase db,
                                AdapterUsers users, String operator, PrintStream out, PrintStream err,
                                AdapterRole role) throws IOException, SQLException {
        switch (command) {
            case "import":
                return importCards(options, settings, db, role, out, err);
            case "end":
                return end(options, settings, db, out, err);
            case "sync":
                return SyncCommands.sync(settings, db, out, err);
            case "reconcile":
                return SyncCommands.reconcile(settings, db, out, err);
            case "user add": {
                AdapterRole newRole = AdapterRole.parse(options.required("role"));
                String user = options.required("user");
                String password;
                try {
                    password = users.add(user, newRole, operator);
                } catch (IllegalArgumentException e) {
                    err.println("user add: " + e.getMessage());
                    return FAILED;
                }
                LOG.info("User {} added with role {} by {}", user, newRole, operator == null ? "(first user)" : operator);
                out.println("user " + user + " (" + newRole + ") added; one-time password, shown only now: " + password);
                return OK;
            }
            default: { // user unlock
                String user = options.required("user");
                Optional<String> password = users.reset(user);
                if (password.isEmpty()) {
                    err.println("user unlock: no user " + user);
                    return FAILED;
                }
                LOG.info("User {} unlocked with a new password by {}", user, operator);
                out.println("user " + user + " unlocked; new one-time password, shown only now: " + password.get());
                return OK;
            }
        }
    }

    /** The first user needs no operator (nobody could authorise it); every later one needs a business manager. */
    private static AdapterRole firstUser(AdapterUsers users, String command) throws SQLException, Refused {
        if (command.equals("user add") && users.isEmpty()) {
            return null;
        }
        throw new Refused(RefusalReason.MISSING_PERMISSION,
                "--operator ID is required (a business manager; only the very first user is added without one)");
    }

    private static AdapterRole authenticate(AdapterUsers users, String operator, Passwords passwords, String command)
            throws SQLException, Refused {
        char[] password = passwords.passwordOf(operator);
        if (password == null || password.length == 0) {
            throw new Refused(RefusalReason.NO_PASSWORD, "no password for " + operator + " (set " + PASSWORD_ENV
                    + " or run on a console)");
        }
        AdapterUsers.Result result = users.authenticate(operator, password);
        if (!result.accepted()) {
            throw new Refused(result.refusal(), result.refusal() == RefusalReason.LOCKED
                    ? "user " + operator + " is locked after repeated wrong passwords; a business manager can"
                    + " unlock it (user unlock)"
                    : "wrong user ID or password");
        }
        AdapterRight needed = RIGHTS.get(command);
        if (!result.role().has(needed)) {
            throw new Refused(RefusalReason.MISSING_PERMISSION, "user " + operator + " (" + result.role()
                    + ") may not run " + command + " (it needs " + needed + ")");
        }
        return result.role();
    }

    static AdapterUsers.Policy policy(AdapterSettings s) {
        AdapterUsers.Policy d = AdapterUsers.Policy.DEFAULT;
        return new AdapterUsers.Policy(
                Integer.parseInt(s.value(USERS_PASSWORD_ITERATIONS).orElse(String.valueOf(d.iterations()))),
                Integer.parseInt(s.value(USERS_LOCKOUT_FAILURES).orElse(String.valueOf(d.failuresBeforeLock()))),
                Duration.ofMinutes(Long.parseLong(s.value(USERS_LOCKOUT_MINUTES)
                        .orElse(String.valueOf(d.lockFor().toMinutes())))));
    }

    private static int importCards(CommandOptions options, AdapterSettings settings, AdapterDatabase db,
                                   AdapterRole role, PrintStream out, PrintStream err) {
        Charset charset = CsvEncoding.forName(options.get("encoding").orElse("UTF-8"));
        String file = Path.of(options.required("file")).toAbsolutePath().toString();
        try {
            CsvCardLoader loader = new CsvCardLoader(new CardRepository(db.dataSource()), db.dataSource(),
                    settings.insurerNumbers(), settings.checkDigitRequired());
            if (!role.has(AdapterRight.REGISTER_CARD_DATA)) {
                loader = loader.withoutEnding();
            }
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

    private static int end(CommandOptions options, AdapterSettings settings, AdapterDatabase db, PrintStream out,
                           PrintStream err) throws SQLException {
        String insurer = SyncCommands.insurer(settings, options.get("insurer"));
        LocalDate lostOn;
        try {
            lostOn = LocalDate.parse(options.required("lost-on"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("end: --lost-on must be a date like 2025-10-01", e);
        }
        String card = insurer + " " + options.required("symbol") + "/" + options.required("number");
        try {
            CardEnding.Outcome outcome = new CardEnding(db.dataSource()).end(insurer, options.required("symbol"),
                    options.required("number"), lostOn, Instant.now());
            // The operator sees the card on the console; the log does not keep its symbol and number.
            LOG.info("End of eligibility of a card of insurer {} on {}: {}", insurer, lostOn, outcome);
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

    private static String clean(String value) {
        return value == null ? "-" : value.replaceAll("\\p{Cntrl}", " ");
    }

    static AdapterSettings settings(CommandOptions options) throws IOException {
        return AdapterSettings.load(options.config());
    }

    static AdapterDatabase open(AdapterSettings s) {
        return AdapterDatabase.open(s.dbUrl(), s.dbUser(), s.dbPassword(), s.dbPoolSize());
    }
}
