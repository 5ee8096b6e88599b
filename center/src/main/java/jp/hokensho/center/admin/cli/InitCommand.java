package jp.hokensho.center.admin.cli;

import java.util.concurrent.Callable;
import jp.hokensho.center.admin.CenterInit;
import jp.hokensho.center.cli.ConfigOption;
import jp.hokensho.center.cli.OperatorOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code center init [--admin ID]}: installs a center from its configuration ({@link CenterInit}). */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Installs a center from its configuration: migrates the database; creates the CA (or uses"
                + " the existing one), the center's key, truststore, data key and TLS key; registers the center;"
                + " adds the first system administrator with a one-time password, printed once.",
            "Refuses, changing nothing, when anything exists already (exit 1)."})
public final class InitCommand implements Callable<Integer> {
    @Mixin
    private ConfigOption config;
    @Mixin
    private OperatorOption operator;

    @Option(names = "--admin", paramLabel = "ID", defaultValue = "admin",
            description = "User ID of the first system administrator (default: ${DEFAULT-VALUE}).")
    private String admin;

    @Override
    public Integer call() {
        return new CenterInit(config.settings(), operator.name(), config.out(), config.clock()).run(admin);
    }
}
