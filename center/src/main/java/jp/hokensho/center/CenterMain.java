package jp.hokensho.center;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import jp.hokensho.center.cli.AuditVerifyCommand;
import jp.hokensho.center.cli.CenterCommand;

/**
 * The center's jar: {@code center COMMAND [SUBCOMMAND] [OPTIONS]}, parsed by picocli ({@link CenterCommand} lists
 * the commands and says how to add one). {@code center --help} and {@code center COMMAND --help} describe them.
 * Exit codes: 0 done, 1 failed or refused, 2 bad command line.
 */
public final class CenterMain {
    private CenterMain() {
    }

    public static void main(String[] args) {
        int status = CenterCommand.execute(args, System.out, System.err, Clock.systemUTC());
        System.exit(status);
    }

    /**
     * Runs one command line (as {@code main}, but returning), writing its output, usage errors and refusals to
     * {@code out}.
     *
     * @return the exit status: 0 done, 1 refused or failed, 2 bad input
     */
    public static int run(String[] args, PrintStream out) {
        return CenterCommand.execute(args, out, out, Clock.systemUTC());
    }

    /** {@code audit-verify} without a log of checkpoints; prints the report to standard output. */
    public static int auditVerify(CenterSettings settings) {
        return auditVerify(settings, null);
    }

    /** {@code audit-verify --checkpoint-log FILE}; see {@link AuditVerifyCommand#verify}. */
    public static int auditVerify(CenterSettings settings, Path checkpointLog) {
        return AuditVerifyCommand.verify(settings, checkpointLog, System.out);
    }
}
