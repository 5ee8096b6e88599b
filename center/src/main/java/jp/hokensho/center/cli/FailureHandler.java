package jp.hokensho.center.cli;

import jp.hokensho.center.organisation.OrganisationNotFoundException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a command's exception becomes: an {@link IllegalArgumentException} (or an unknown organisation) is input
 * the command refused (exit 2, "refused: ..."), anything else a failure (exit 1). One line for the operator, the
 * stack trace in the log only (picocli's default handler would print it).
 */
final class FailureHandler implements IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        String name = command.getCommandSpec().qualifiedName(" ");
        if (e instanceof IllegalArgumentException || e instanceof OrganisationNotFoundException) {
            LOG.warn("{} refused: {}", name, e.getMessage());
            command.getErr().println("refused: " + e.getMessage());
            return 2;
        }
        LOG.error("{} failed", name, e);
        command.getErr().println(name + " failed: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        return 1;
    }
}
