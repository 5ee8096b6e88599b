package jp.hokensho.insurer.cli;

import java.util.concurrent.Callable;
import jp.hokensho.insurer.AdapterCommands;
import jp.hokensho.insurer.security.AdapterRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code user add | unlock}: the adapter's users, administered by a business manager. */
@Command(name = "user", mixinStandardHelpOptions = true, description = "The adapter's users: add, unlock.",
        subcommands = {UserCommand.Add.class, UserCommand.Unlock.class})
final class UserCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name one of: add, unlock");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds a user with an insurer role and prints its one-time password (shown once; only its"
                    + " hash is stored).", "--operator (a business manager) is required unless there is no user"
                    + " yet.", "Exit 0 added, 1 refused or exists, 2 usage or unknown role."})
    static final class Add implements Callable<Integer> {
        @Mixin
        private ConfigOption config;

        @Option(names = "--user", paramLabel = "NEW_ID", required = true, description = "The new user's ID.")
        private String user;

        @Option(names = "--role", paramLabel = "ROLE", required = true, converter = RoleConverter.class,
                description = "OPERATIONS_MANAGER, MEDIA_MANAGER, BUSINESS_MANAGER or STAFF.")
        private AdapterRole role;

        @Option(names = "--operator", paramLabel = "ID",
                description = "You, a business manager; the password from INSURER_ADAPTER_PASSWORD, else asked on"
                        + " the console.")
        private String operator;

        @Override
        public Integer call() {
            return AdapterCommands.run(config.invocation(operator),
                    context -> AdapterCommands.addUser(context, user, role));
        }
    }

    @Command(name = "unlock", mixinStandardHelpOptions = true,
            description = {"Clears a user's lock and failure count and prints a new one-time password.",
                "Exit 0 unlocked, 1 refused or no such user."})
    static final class Unlock implements Callable<Integer> {
        @Mixin
        private ConfigOption config;

        @Option(names = "--user", paramLabel = "ID", required = true, description = "The locked user's ID.")
        private String user;

        @Option(names = "--operator", paramLabel = "ID", required = true,
                description = "You, a business manager; the password from INSURER_ADAPTER_PASSWORD, else asked on"
                        + " the console.")
        private String operator;

        @Override
        public Integer call() {
            return AdapterCommands.run(config.invocation(operator),
                    context -> AdapterCommands.unlockUser(context, user));
        }
    }
}
