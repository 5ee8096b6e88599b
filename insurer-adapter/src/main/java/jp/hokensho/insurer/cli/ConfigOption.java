package jp.hokensho.insurer.cli;

import java.nio.file.Path;
import jp.hokensho.insurer.AdapterCommands;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --config FILE} of a one-shot command, and the {@link AdapterCommands.Invocation} it makes. */
final class ConfigOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--config", paramLabel = "FILE", required = true,
            description = "The adapter's configuration (as the server's).")
    private Path config;

    /** The command as {@link AdapterCommands#run} takes it, run by {@code operator}. */
    AdapterCommands.Invocation invocation(String operator) {
        AdapterCommand root = AdapterCommand.of(command);
        return new AdapterCommands.Invocation(command.qualifiedName(" ").substring(command.root().name().length())
                .trim(), config, operator, root.passwords(), root.out(), root.err());
    }
}
