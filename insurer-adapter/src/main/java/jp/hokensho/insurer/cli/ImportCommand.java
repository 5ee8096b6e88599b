package jp.hokensho.insurer.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.hokensho.insurer.AdapterCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code import}: the insurer's cards from a CSV file, all or nothing. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports the cards of a CSV file (insurer-adapter/README.md); all or nothing: every error"
                + " is printed with its line.", "Exit 0 imported, 1 refused (nothing changed), 2 usage."})
final class ImportCommand implements Callable<Integer> {
    @Mixin
    private ConfigOption config;
    @Mixin
    private OperatorOption operator;

    @Option(names = "--file", paramLabel = "CARDS.csv", required = true, description = "The CSV file.")
    private Path file;

    @Option(names = "--encoding", paramLabel = "UTF-8|Shift_JIS", converter = EncodingConverter.class,
            description = "The file's encoding (default UTF-8; a byte-order mark is accepted).")
    private Charset encoding = StandardCharsets.UTF_8;

    @Override
    public Integer call() {
        return AdapterCommands.run(config.invocation(operator.id()),
                context -> AdapterCommands.importCards(context, file, encoding));
    }
}
