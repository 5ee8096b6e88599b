package jp.hokensho.center.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jp.hokensho.center.cli.CenterCommand;
import jp.hokensho.center.cli.OperatorOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code center restore}: a backup into an empty installation. Exit 0 restored (audit chain verifies), 1 restored but
 * the audit chain does not verify, or the restore failed part-way, 2 refused with nothing changed.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restores a backup file into an empty installation (empty database, no key files yet).")
public final class RestoreCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreCommand.class);

    @Option(names = "--config", required = true, description = "the installation's config file; if it does not"
            + " exist, the backup's own is written there")
    Path config;

    @Mixin
    OperatorOption operator;

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, description = "the backup file")
    Path in;

    @Option(names = "--passphrase-file", description = "file whose first line is the passphrase (else the"
            + " environment variable " + Passphrase.ENVIRONMENT + ")")
    Path passphraseFile;

    @Override
    public Integer call() {
        try {
            CenterRestore.Restored restored = new CenterRestore(CenterCommand.of(spec).clock(), CenterCommand.of(spec).out())
                    .restore(in, Passphrase.read(passphraseFile, Passphrase.ENVIRONMENT), config, operator.name());
            CenterCommand.of(spec).out().println(restored.auditChain().ok() ? "restored" : "restored, but the audit chain does not verify");
            return restored.auditChain().ok() ? 0 : 1;
        } catch (BackupRefusedException | IllegalArgumentException e) {
            LOG.warn("restore of {} refused: {}", in, e.getMessage());
            CenterCommand.of(spec).err().println("restore refused, nothing changed: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            LOG.error("restore of {} failed", in, e);
            CenterCommand.of(spec).err().println("restore failed: " + e.getMessage());
            return 1;
        }
    }
}
