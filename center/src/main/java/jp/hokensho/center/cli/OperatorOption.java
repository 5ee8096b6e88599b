package jp.hokensho.center.cli;

import picocli.CommandLine.Option;

/** {@code --operator NAME}: who runs a staff command, written to the access log with each action. */
public final class OperatorOption {
    @Option(names = "--operator", paramLabel = "NAME",
            description = "Your name for the access log (default: the login name, ${sys:user.name}).")
    private String operator;

    public String name() {
        return operator != null ? operator : System.getProperty("user.name");
    }
}
