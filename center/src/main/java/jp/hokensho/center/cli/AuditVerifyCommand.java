package jp.hokensho.center.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.AuditChainReport;
import jp.hokensho.center.audit.AuditChainVerifier;
import jp.hokensho.center.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code center audit-verify}: re-computes every audit hash chain (one per node, and the legacy chain) and checks each
 * against its signed checkpoints.
 */
@Command(name = "audit-verify", mixinStandardHelpOptions = true,
        description = {"Re-computes the audit hash chains (one per node) and checks each against its signed"
                + " checkpoints; names, by chain and position, the first altered, inserted or deleted record, a"
                + " deleted tail, or a checkpoint the center did not sign.",
                "Exit 0 when intact, 1 when anything is wrong."})
public final class AuditVerifyCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(AuditVerifyCommand.class);

    @Mixin
    private ConfigOption config;
    /** Accepted as on every staff command (docs/operations.md), and logged with the outcome. */
    @Mixin
    private OperatorOption operator;

    @Option(names = "--checkpoint-log", paramLabel = "FILE",
            description = "Also check the checkpoint lines of a log kept apart from the database (the logger"
                    + " jp.hokensho.center.audit.checkpoint).")
    private Path checkpointLog;

    @Override
    public Integer call() {
        int status = verify(config.settings(), checkpointLog, config.out());
        LOG.info("audit-verify run by {}: {}", operator.name(), status == 0 ? "intact" : "NOT intact");
        return status;
    }

    /**
     * @param checkpointLog a log holding the lines of the logger {@code jp.hokensho.center.audit.checkpoint}, kept
     *                      apart from the database, or null to check against the database's checkpoints only
     * @return 0 when the chain is intact, 1 otherwise
     */
    public static int verify(CenterSettings settings, Path checkpointLog, PrintStream out) {
        try (Database database = Database.open(CenterApplication.databaseSettings(settings))) {
            AuditChainVerifier verifier = new AuditChainVerifier(database,
                    CenterApplication.checkpointSignature(settings));
            AuditChainReport report = checkpointLog == null ? verifier.verify() : verifier.verify(checkpointLog);
            out.println(report);
            return report.ok() ? 0 : 1;
        }
    }
}
