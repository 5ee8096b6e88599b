package jp.hokensho.insurer.cli;

import java.util.concurrent.Callable;
import jp.hokensho.insurer.AdapterCommands;
import jp.hokensho.insurer.SyncCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sync}: one push-sync run to the center's registry (PRE_STORED insurers). */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Pushes the changed cards to the center once (PRE_STORED only); the next run resumes what"
                + " was not delivered.", "Exit 0 everything delivered, 1 not, 2 usage or a REAL_TIME adapter."})
final class SyncCommand implements Callable<Integer> {
    @Mixin
    private ConfigOption config;
    @Mixin
    private OperatorOption operator;

    @Override
    public Integer call() {
        return AdapterCommands.run(config.invocation(operator.id()),
                settings -> SyncCommands.requirePreStored(settings, "sync"),
                context -> SyncCommands.sync(context.settings(), context.db(), context.out(), context.err()));
    }
}
