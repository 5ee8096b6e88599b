package jp.hokensho.center.admin;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.persistence.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code center key rollover prepare [--alias A] | status}, with {@code --config FILE} and {@code --operator NAME}.
 * Exit codes as the other operator commands: 0 done, 1 refused (nothing changed: an alias taken, a key or the CA
 * missing, a rollover misconfigured), 2 bad input (unknown option or command).
 */
@Command(name = "rollover", mixinStandardHelpOptions = true,
        description = "Rollover of the center's own signing key (docs/operations.md).",
        subcommands = {KeyRolloverCommand.Prepare.class, KeyRolloverCommand.Status.class})
public final class KeyRolloverCommand extends jp.hokensho.center.cli.CommandGroup {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", scope = CommandLine.ScopeType.INHERIT, description = "the center's configuration file")
    Path config;

    @Option(names = "--operator", scope = CommandLine.ScopeType.INHERIT,
            description = "who runs the command, for the access log (default: the system user)")
    String operator;

    PrintStream out() {
        return jp.hokensho.center.cli.CenterCommand.of(spec).out();
    }

    java.time.Clock clock() {
        return jp.hokensho.center.cli.CenterCommand.of(spec).clock();
    }

    CenterSettings settings() {
        return CenterSettings.load(config, Map.of());
    }

    String operatorName() {
        return operator != null ? operator : System.getProperty("user.name", "operator");
    }

    @Command(name = "prepare", mixinStandardHelpOptions = true,
            description = "Issues the center's next key into its keystore and writes its certificate as PEM.")
    static final class Prepare implements Callable<Integer> {
        @CommandLine.ParentCommand
        KeyRolloverCommand parent;

        @Option(names = "--alias", description = "alias of the next key (default: center.keystore.next-alias, else"
                + " center-YYYYMMDD)")
        String alias;

        @Override
        public Integer call() {
            CenterSettings settings = parent.settings();
            try (Database database = Database.open(CenterApplication.databaseSettings(settings))) {
                new CenterKeyRollover(settings, parent.operatorName(), parent.out(),
                    parent.clock())
                        .prepare(database, alias);
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Which key signs now, the next key and the switch time as configured.")
    static final class Status implements Callable<Integer> {
        @CommandLine.ParentCommand
        KeyRolloverCommand parent;

        @Override
        public Integer call() {
            return new CenterKeyRollover(parent.settings(), parent.operatorName(), parent.out(),
                    parent.clock())
                    .status();
        }
    }
}
