package jp.hokensho.center.admin.applications;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.AccessLog;
import jp.hokensho.center.identity.store.UserAccountStore;
import jp.hokensho.center.identity.store.UserAccountView;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.center.security.RolePermissions;
import jp.hokensho.contract.admin.Application;
import jp.hokensho.contract.admin.ApplicationDecision;
import jp.hokensho.contract.admin.ApplicationState;
import jp.hokensho.contract.admin.UserSummary;
import jp.hokensho.routes.admin.ApplicationAccess;
import jp.hokensho.routes.port.ApplicationDesk.Category;
import jp.hokensho.routes.port.ApplicationRefused;
import jp.hokensho.routes.port.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code center application list | approve | reject | users}: the AdminService's applications on the server's
 * console, for the same center staff and with the same rules. The acting person ({@code --as}) is a center
 * account; its role's rights decide as they do at the AdminService, and the decision is recorded in its name.
 * Exit status: 0 done, 1 refused by the rules, 2 bad input.
 */
@Command(name = "application", mixinStandardHelpOptions = true,
        description = "Applications for users and organisations: list, approve, reject; and the users.",
        subcommands = {ApplicationCommand.ListApplications.class, ApplicationCommand.Approve.class,
                ApplicationCommand.Reject.class, ApplicationCommand.Users.class})
public final class ApplicationCommand extends jp.hokensho.center.cli.CommandGroup {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationCommand.class);

    @Option(names = "--config", description = "the center's configuration file", scope = CommandLine.ScopeType.INHERIT)
    Path config;

    @Option(names = "--as", description = "the center staff's user ID acting (its role's rights apply)",
            required = true, scope = CommandLine.ScopeType.INHERIT)
    String actingUser;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Opens the database, checks who acts and runs {@code work} with the desk. */
    int withDesk(PrintWriter out, DeskWork work) {
        CenterSettings settings = CenterSettings.load(config, Map.of());
        Clock clock = Clock.systemUTC();
        try (Database database = Database.open(CenterApplication.databaseSettings(settings))) {
            Caller caller = caller(database);
            StoredApplicationDesk desk = new StoredApplicationDesk(database,
                    new PasswordHasher(settings.getInt("center.password.pbkdf2-iterations")),
                    new OrganisationDecisions(database, settings, clock), clock);
            try {
                int status = work.run(desk, caller, out);
                new AccessLog(database.dataSource(), clock).record(caller.userId(), caller.organisationCode(), null,
                        "cli:application " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                        status == 0 ? "OK" : "REFUSED", 0);
                return status;
            } catch (ApplicationRefused refused) {
                LOG.warn("application command of {} refused: {} {}", caller.userId(), refused.code(),
                        refused.getMessage());
                out.println("refused: " + refused.code() + " " + refused.getMessage());
                return 1;
            }
        }
    }

    private Caller caller(Database database) {
        UserAccountView user = new UserAccountStore(database).find(actingUser)
                .filter(account -> !account.ended() && account.role().startsWith("CENTER:"))
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "--as " + actingUser
                        + " is no active account of the center"));
        return new Caller(user.userId(), user.organisationCode(), user.organisationName(), user.role(),
                RolePermissions.of(user.role()));
    }

    @FunctionalInterface
    interface DeskWork {
        int run(StoredApplicationDesk desk, Caller caller, PrintWriter out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The applications the acting person may see.")
    static final class ListApplications implements Callable<Integer> {
        @ParentCommand
        ApplicationCommand parent;

        @Option(names = "--state", description = "PENDING, APPROVED or REJECTED (default: all)")
        ApplicationState state;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            return parent.withDesk(out, (desk, caller, printer) -> {
                for (Application application : desk.list(null, ApplicationAccess.visibleCategories(caller), state)) {
                    printer.println(ApplicationLines.line(application));
                    application.getFlag().forEach(flag -> printer.println("    ! " + flag));
                }
                return 0;
            });
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a pending application; a new person's one-time password is shown once.")
    static final class Approve implements Callable<Integer> {
        @ParentCommand
        ApplicationCommand parent;

        @Option(names = "--id", required = true, description = "the application's number")
        long id;

        @Option(names = "--reason", description = "optional note kept with the decision")
        String reason;

        @Override
        public Integer call() {
            return parent.decide(id, true, reason);
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a pending application with a reason.")
    static final class Reject implements Callable<Integer> {
        @ParentCommand
        ApplicationCommand parent;

        @Option(names = "--id", required = true, description = "the application's number")
        long id;

        @Option(names = "--reason", required = true, description = "the reason the applicant reads")
        String reason;

        @Override
        public Integer call() {
            return parent.decide(id, false, reason);
        }
    }

    @Command(name = "users", mixinStandardHelpOptions = true, description = "The users of one or every organisation.")
    static final class Users implements Callable<Integer> {
        @ParentCommand
        ApplicationCommand parent;

        @Option(names = "--org", description = "an organisation's code (default: every organisation)")
        String organisation;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            return parent.withDesk(out, (desk, caller, printer) -> {
                if (!ApplicationAccess.seesEveryUser(caller)) {
                    printer.println("refused: " + caller.role() + " does not list users");
                    return 1;
                }
                for (UserSummary user : desk.users(organisation)) {
                    printer.printf("%-24s %-12s %-40s %-12s %s%n", user.getUserId(), user.getOrganisationCode(),
                            user.getRole(), user.getEndedAt() == null ? "ACTIVE" : "ENDED",
                            user.getName() == null ? "" : user.getName());
                }
                return 0;
            });
        }
    }

    int decide(long id, boolean approve, String reason) {
        PrintWriter out = spec.commandLine().getOut();
        return withDesk(out, (desk, caller, printer) -> {
            Application application = desk.find(id).orElseThrow(() -> new ApplicationRefused(
                    "APPLICATION_NOT_FOUND", "id", "no application " + id));
            if (!ApplicationAccess.mayDecide(caller, Category.of(application.getKind()))) {
                printer.println("refused: " + caller.role() + " does not decide " + application.getKind());
                return 1;
            }
            ApplicationDecision decision = desk.decide(caller, id, approve, reason);
            printer.println(ApplicationLines.line(decision.getApplication()));
            if (decision.getOneTimePassword() != null) {
                printer.println("one-time password of " + decision.getApplication().getPerson().getUserId()
                        + " (shown once; hand it over separately, to be changed before anything else): "
                        + decision.getOneTimePassword());
            }
            return 0;
        });
    }
}
