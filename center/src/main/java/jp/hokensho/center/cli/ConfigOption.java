package jp.hokensho.center.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import jp.hokensho.center.CenterSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --config FILE} of a command ({@code @Mixin ConfigOption config}), and what a command needs from the
 * command line it runs in: the settings, the streams to write to and the clock.
 */
public final class ConfigOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The center's configuration (keys of center-defaults.properties); every key may also"
                    + " come from the environment (CENTER_DB_URL for center.db.url).")
    private Path config;

    /** The defaults, the file (when given) and the environment over them. */
    public CenterSettings settings() {
        return CenterSettings.load(config, Map.of());
    }

    public Path file() {
        return config;
    }

    public PrintStream out() {
        return CenterCommand.of(command).out();
    }

    public PrintStream err() {
        return CenterCommand.of(command).err();
    }

    public Clock clock() {
        return CenterCommand.of(command).clock();
    }
}
