package jp.hokensho.insurer.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.hokensho.insurer.AdapterCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code end}: a card's eligibility ends (資格喪失日 for the household). */
@Command(name = "end", mixinStandardHelpOptions = true,
        description = {"Ends the eligibility of a card's household on a date (資格喪失日).",
            "Exit 0 ended or already ended that day, 1 no such card or a date before the qualification, 2 usage."})
final class EndCommand implements Callable<Integer> {
    @Mixin
    private ConfigOption config;
    @Mixin
    private OperatorOption operator;

    @Option(names = "--insurer", paramLabel = "N",
            description = "The insurer number; may be left out when the adapter serves one insurer.")
    private String insurer;

    @Option(names = "--symbol", paramLabel = "S", required = true, description = "The card's symbol (記号).")
    private String symbol;

    @Option(names = "--number", paramLabel = "N", required = true, description = "The card's number (番号).")
    private String number;

    @Option(names = "--lost-on", paramLabel = "YYYY-MM-DD", required = true,
            description = "The day the qualification is lost.")
    private LocalDate lostOn;

    @Override
    public Integer call() {
        return AdapterCommands.run(config.invocation(operator.id()),
                context -> AdapterCommands.end(context, insurer, symbol, number, lostOn));
    }
}
