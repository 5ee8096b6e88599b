package jp.hokensho.insurer.cli;

import java.util.concurrent.Callable;
import jp.hokensho.insurer.AdapterCommands;
import jp.hokensho.insurer.SyncCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reconcile}: compares the center's copy of the cards with the local ones (PRE_STORED insurers). */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Compares the center's copy of the cards with the local ones (PRE_STORED only).",
            "Exit 0 no differences, 1 differences or the center unreachable, 2 usage."})
final class ReconcileCommand implements Callable<Integer> {
    @Mixin
    private ConfigOption config;
    @Mixin
    private OperatorOption operator;

    @Override
    public Integer call() {
        return AdapterCommands.run(config.invocation(operator.id()),
                settings -> SyncCommands.requirePreStored(settings, "reconcile"),
                context -> SyncCommands.reconcile(context.settings(), context.db(), context.out(), context.err()));
    }
}
