package jp.hokensho.center.admin.cli;

import jp.hokensho.center.admin.AdminCli;
import jp.hokensho.center.cli.CommandGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code center user add | unlock}: the people of the organisations ({@link AdminCli}). */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "The people of the organisations: add, unlock.",
        subcommands = {UserCommand.Add.class, UserCommand.Unlock.class})
public final class UserCommand extends CommandGroup {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a person with a one-time password, printed once, to be changed (changePassword)"
                    + " before any other operation.")
    static final class Add extends AdminAction {
        @Option(names = "--user", paramLabel = "ID", required = true, description = "The person's user ID.")
        String user;
        @Option(names = "--org", paramLabel = "CODE", required = true, description = "Their organisation's code.")
        String organisation;
        @Option(names = "--role", paramLabel = "KIND:ROLE", required = true,
                description = "A role of their kind of organisation, e.g. MEDICAL_INSTITUTION:STAFF"
                        + " (docs/permissions.md).")
        String role;

        @Override
        int run(AdminCli admin) {
            admin.addUser(user, organisation, role);
            return 0;
        }
    }

    @Command(name = "unlock", mixinStandardHelpOptions = true,
            description = {"Lifts a person's lockout after repeated wrong passwords (center.lockout.*).",
                "Exit 1 when there is no such user."})
    static final class Unlock extends AdminAction {
        @Option(names = "--user", paramLabel = "ID", required = true, description = "The person's user ID.")
        String user;

        @Override
        int run(AdminCli admin) {
            return admin.unlockUser(user) ? 0 : 1;
        }
    }
}
