package jp.hokensho.insurer.cli;

import picocli.CommandLine.Option;

/** {@code --user ID}: the person of the insurer who runs a card command; their role must hold its right. */
final class OperatorOption {
    @Option(names = "--user", paramLabel = "ID", required = true,
            description = "You, a user of the adapter; the password from the environment INSURER_ADAPTER_PASSWORD,"
                    + " else asked on the console.")
    private String user;

    String id() {
        return user;
    }
}
