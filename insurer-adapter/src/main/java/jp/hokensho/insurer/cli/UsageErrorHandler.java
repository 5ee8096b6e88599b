package jp.hokensho.insurer.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A bad command line: the problem in one line, a suggestion for a mistyped name, then the command's usage
 * (picocli's own handler leaves the usage out when it has a suggestion), exit 2, and a log entry.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UsageErrorHandler.class);

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        LOG.warn("{}: bad command line: {}", command.getCommandSpec().qualifiedName(" "), e.getMessage());
        PrintWriter err = command.getErr();
        err.println(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        command.usage(err);
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
