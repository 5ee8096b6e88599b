package jp.hokensho.center.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jp.hokensho.center.cli.CenterCommand;
import jp.hokensho.center.cli.OperatorOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** {@code center backup}: one encrypted file with the database, settings and keys. Exit 0 written, 1 failed, 2 bad input. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Writes one encrypted backup file: the database, the config file and the key files it names.")
public final class BackupCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BackupCommand.class);

    @Option(names = "--config", required = true, description = "the center's config file")
    Path config;

    @Mixin
    OperatorOption operator;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", description = "the backup file to write (default: center.backup.dir/center-backup-<time>.cbk)")
    Path out;

    @Option(names = "--passphrase-file", description = "file whose first line is the passphrase (else the"
            + " environment variable " + Passphrase.ENVIRONMENT + ")")
    Path passphraseFile;

    @Override
    public Integer call() {
        CenterSettings settings;
        char[] passphrase;
        Path target;
        try {
            settings = CenterSettings.load(config, Map.of());
            passphrase = Passphrase.read(passphraseFile, Passphrase.ENVIRONMENT);
            target = out != null ? out : BackupSchedule.newFileIn(settings.getPath("center.backup.dir"),
                    CenterCommand.of(spec).clock());
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.warn("backup refused: {}", e.getMessage());
            CenterCommand.of(spec).err().println("backup refused: " + e.getMessage());
            return 2;
        }
        try (Database database = Database.open(CenterApplication.databaseSettings(settings))) {
            CenterBackup.Written written = new CenterBackup(settings, database.dataSource(), CenterCommand.of(spec).clock())
                    .write(target, passphrase, operator.name());
            CenterCommand.of(spec).out().println("backup written: " + written.file() + " (" + written.sizeBytes() + " bytes, database "
                    + written.databaseKind() + ")");
            return 0;
        } catch (IllegalArgumentException e) {
            CenterCommand.of(spec).err().println("backup refused: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            LOG.error("backup failed", e);
            CenterCommand.of(spec).err().println("backup failed: " + e.getMessage());
            return 1;
        }
    }
}
