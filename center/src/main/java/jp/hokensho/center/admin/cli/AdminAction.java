package jp.hokensho.center.admin.cli;

import java.util.concurrent.Callable;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.admin.AdminCli;
import jp.hokensho.center.cli.ConfigOption;
import jp.hokensho.center.cli.OperatorOption;
import jp.hokensho.center.persistence.Database;
import picocli.CommandLine.Mixin;

/** A {@code key} or {@code user} command: its options, and the {@link AdminCli} on the configured database. */
abstract class AdminAction implements Callable<Integer> {
    @Mixin
    ConfigOption config;
    @Mixin
    OperatorOption operator;

    @Override
    public Integer call() {
        CenterSettings settings = config.settings();
        try (Database database = Database.open(CenterApplication.databaseSettings(settings))) {
            return run(new AdminCli(database, settings, operator.name(), config.out(), config.clock()));
        }
    }

    /** @return the exit status: 0 done, 1 nothing to act on */
    abstract int run(AdminCli admin);
}
