package jp.hokensho.insurer.cli;

import jp.hokensho.insurer.AdapterCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * An exception out of a command (the one-shot commands handle their own in {@link AdapterCommands#run}; this is
 * for the server's start): one line for the operator, exit 1, the stack trace in the log only (picocli's default
 * handler would print it).
 */
final class FailureHandler implements IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        String name = command.getCommandSpec().qualifiedName(" ");
        LOG.error("{} failed", name, e);
        command.getErr().println(name + " failed: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        return AdapterCommands.FAILED;
    }
}
