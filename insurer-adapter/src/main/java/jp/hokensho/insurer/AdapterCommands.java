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
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jp.hokensho.insurer.card.AdapterDatabase;
import jp.hokensho.insurer.card.CardEnding;
import jp.hokensho.insurer.card.CardImportException;
import jp.hokensho.insurer.card.CardRepository;
import jp.hokensho.insurer.card.CsvCardLoader;
import jp.hokensho.insurer.security.AdapterLog;
import jp.hokensho.insurer.security.AdapterRight;
import jp.hokensho.insurer.security.AdapterRole;
import jp.hokensho.insurer.security.AdapterUsers;
import jp.hokensho.insurer.security.RefusalReason;
import jp.hokensho.insurer.security.UnauthorisedAccessLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the adapter's one-shot commands (import, end, sync, reconcile, user add, user unlock) do once their command
 * line is parsed ({@code jp.hokensho.insurer.cli}): {@link #run} loads the settings, opens the database,
 * authenticates the operator (password from {@code INSURER_ADAPTER_PASSWORD} or the console), checks that their
 * role holds the command's right ({@link #RIGHTS}; a refusal is exit 1 with a message and a row in the
 * unauthorised-access log), runs the command's action and writes it to the access log.
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

    /**
     * One command as the command line gave it: the operator ({@code --user}, or {@code --operator} for the user
     * commands; null only for the very first {@code user add}) and where to write.
     */
    public record Invocation(String command, Path config, String operator, Passwords passwords, PrintStream out,
                             PrintStream err) {
    }

    /** What a command's action works with, once its operator is let in. */
    public record Context(AdapterSettings settings, AdapterDatabase db, AdapterUsers users, String operator,
                          AdapterRole role, PrintStream out, PrintStream err) {
    }

    /** A command's own work; an {@link IllegalArgumentException} is a usage error (exit 2). */
    @FunctionalInterface
    public interface Action {
        int run(Context context) throws IOException, SQLException;
    }

    public static int run(Invocation invocation, Action action) {
        return run(invocation, settings -> { }, action);
    }

    /**
     * @param settingsCheck refuses settings the command cannot work with (an {@link IllegalArgumentException},
     *                      exit 2), before the database is opened or anybody is asked for a password
     */
    public static int run(Invocation invocation, Consumer<AdapterSettings> settingsCheck, Action action) {
        String command = invocation.command();
        try {
            AdapterSettings settings = AdapterSettings.load(invocation.config());
            settingsCheck.accept(settings);
            try (AdapterDatabase db = open(settings)) {
                return authorisedRun(invocation, settings, db, action);
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("{} refused: {}", command, e.getMessage());
            invocation.err().println(e.getMessage());
            return USAGE;
        } catch (IOException | SQLException | RuntimeException e) {
            LOG.error("{} failed", command, e);
            invocation.err().println(command + " failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static int authorisedRun(Invocation invocation, AdapterSettings settings, AdapterDatabase db,
                                     Action action) throws IOException, SQLException {
        String command = invocation.command();
        String operator = invocation.operator();
        AdapterLog log = new AdapterLog(db.dataSource());
        AdapterUsers users = new AdapterUsers(db.dataSource(), policy(settings), Clock.systemUTC());
        AdapterRole role;
        try {
            role = operator == null ? firstUser(users, command)
                    : authenticate(users, operator, invocation.passwords(), command);
        } catch (Refused r) {
            UNAUTHORISED.warn("refused command={} user={} reason={}", command, clean(operator), r.reason);
            log.refusedCommand(r.reason, operator, command, r.getMessage());
            invocation.err().println(command + " refused: " + r.getMessage());
            return FAILED;
        }
        long started = System.nanoTime();
        int code = FAILED;
        try {
            code = action.run(new Context(settings, db, users, operator, role, invocation.out(), invocation.err()));
            return code;
        } catch (IllegalArgumentException e) {
            code = USAGE;
            throw e;
        } finally {
            log.command(operator, command, code == OK ? "OK" : code == USAGE ? "USAGE" : "FAILED",
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** {@code user add}: a user with an insurer role and a one-time password, shown only now. */
    public static int addUser(Context c, String user, AdapterRole newRole) throws SQLException {
        String password;
        try {
            password = c.users().add(user, newRole, c.operator());
        } catch (IllegalArgumentException e) {
            c.err().println("user add: " + e.getMessage());
            return FAILED;
        }
        LOG.info("User {} added with role {} by {}", user, newRole,
                c.operator() == null ? "(first user)" : c.operator());
        c.out().println("user " + user + " (" + newRole + ") added; one-time password, shown only now: " + password);
        return OK;
    }

    /** {@code user unlock}: clears the lock and gives a new one-time password. */
    public static int unlockUser(Context c, String user) throws SQLException {
        Optional<String> password = c.users().reset(user);
        if (password.isEmpty()) {
            c.err().println("user unlock: no user " + user);
            return FAILED;
        }
        LOG.info("User {} unlocked with a new password by {}", user, c.operator());
        c.out().println("user " + user + " unlocked; new one-time password, shown only now: " + password.get());
        return OK;
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

    /** {@code import}: the CSV, all or nothing; a role without REGISTER_CARD_DATA may not end eligibility. */
    public static int importCards(Context c, Path csv, Charset charset) {
        AdapterSettings settings = c.settings();
        AdapterDatabase db = c.db();
        AdapterRole role = c.role();
        PrintStream out = c.out();
        PrintStream err = c.err();
        String file = csv.toAbsolutePath().toString();
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

    /** {@code end}: the card's household loses its qualification on {@code lostOn}. */
    public static int end(Context c, String insurerGiven, String symbol, String number, LocalDate lostOn)
            throws SQLException {
        AdapterDatabase db = c.db();
        PrintStream out = c.out();
        PrintStream err = c.err();
        String insurer = SyncCommands.insurer(c.settings(), Optional.ofNullable(insurerGiven));
        String card = insurer + " " + symbol + "/" + number;
        try {
            CardEnding.Outcome outcome = new CardEnding(db.dataSource()).end(insurer, symbol, number, lostOn,
                    Instant.now());
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

    public static AdapterDatabase open(AdapterSettings s) {
        return AdapterDatabase.open(s.dbUrl(), s.dbUser(), s.dbPassword(), s.dbPoolSize());
    }
}
