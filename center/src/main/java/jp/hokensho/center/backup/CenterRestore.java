package jp.hokensho.center.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.AccessLog;
import jp.hokensho.center.audit.AuditChainReport;
import jp.hokensho.center.audit.AuditChainVerifier;
import jp.hokensho.center.numbering.NumberingFloor;
import jp.hokensho.center.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a backup into an empty installation. Everything is checked before anything is written: the whole file
 * decrypts and authenticates (wrong passphrase, truncation, tampering are refused), the database is of the backup's
 * kind and empty, no key file would be overwritten with other content. Then the config file (when the installation
 * has none yet), the key files and the database are put back, pending migrations run, the verification numbering
 * jumps past everything issued before ({@link NumberingFloor}), and the audit chain is verified.
 */
public final class CenterRestore {
    private static final Logger LOG = LoggerFactory.getLogger(CenterRestore.class);

    private final Clock clock;
    private final PrintStream out;

    public CenterRestore(Clock clock, PrintStream out) {
        this.clock = clock;
        this.out = out;
    }

    /** A finished restore. */
    public record Restored(AuditChainReport auditChain, long numberingFloor) {
    }

    /**
     * @param config the installation's config file; when it does not exist, the backup's own is written there and used
     * @throws BackupRefusedException with nothing changed, when the file or the target does not allow a restore
     */
    public Restored restore(Path backup, char[] passphrase, Path config, String operator) throws IOException {
        Instant started = clock.instant();
        if (!Files.isReadable(backup)) {
            throw new BackupRefusedException("cannot read the backup file " + backup);
        }
        Path parent = config.toAbsolutePath().getParent();
        try (ScratchDirectory scratch = new ScratchDirectory(parent)) {
            Path zip = scratch.resolve("backup.zip");
            try (InputStream sealed = Files.newInputStream(backup); OutputStream plain = Files.newOutputStream(zip)) {
                BackupEncryption.decrypt(sealed, plain, passphrase);
            }
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                return restore(archive, scratch, config, operator, started);
            }
        }
    }

    private Restored restore(ZipFile archive, ScratchDirectory scratch, Path config, String operator, Instant started)
            throws IOException {
        Properties manifest = properties(archive, BackupContents.MANIFEST);
        if (!BackupContents.FORMAT.equals(manifest.getProperty("format"))) {
            throw new BackupRefusedException("the backup's contents are in format " + manifest.getProperty("format")
                    + "; this center reads format " + BackupContents.FORMAT);
        }
        boolean writeConfig = !Files.exists(config);
        Path settingsCopy = scratch.resolve("center.properties");
        if (writeConfig) {
            if (archive.getEntry(BackupContents.SETTINGS) == null) {
                throw new BackupRefusedException("the backup holds no config file and " + config
                        + " does not exist: give --config the installation's config file");
            }
            extract(archive, BackupContents.SETTINGS, settingsCopy);
        }
        CenterSettings settings = CenterSettings.load(writeConfig ? settingsCopy : config, Map.of());

        // Checks: nothing is written before all of them pass.
        DatabaseDump dump = DatabaseDump.of(settings);
        String kind = manifest.getProperty("database");
        if (!dump.kind().equals(kind)) {
            throw new BackupRefusedException("the backup holds a " + kind + " database, the configuration names a "
                    + dump.kind() + " one");
        }
        ZipEntry database = archive.getEntry(BackupContents.DATABASE_PREFIX + kind);
        if (database == null) {
            throw new BackupRefusedException("the backup holds no database copy");
        }
        String notEmpty = dump.whyNotEmpty();
        if (notEmpty != null) {
            throw new BackupRefusedException("not restoring: " + notEmpty);
        }
        Map<Path, String> keyFiles = keyFilesToWrite(archive, settings);

        // Writes.
        if (writeConfig) {
            Files.createDirectories(config.toAbsolutePath().getParent());
            Files.copy(settingsCopy, config);
            out.println("config file written: " + config.toAbsolutePath());
        }
        for (Map.Entry<Path, String> file : keyFiles.entrySet()) {
            Files.createDirectories(file.getKey().getParent());
            extract(archive, file.getValue(), file.getKey());
            out.println("key file written: " + file.getKey());
        }
        Path databaseCopy = scratch.resolve("database");
        extract(archive, database.getName(), databaseCopy);
        dump.restoreFrom(databaseCopy);
        out.println("database restored (" + kind + ")");

        settings = CenterSettings.load(config, Map.of());
        try (Database restored = Database.open(CenterApplication.databaseSettings(settings))) {
            long floor = NumberingFloor.raiseAfterRestore(restored.dataSource(), clock);
            out.println("verification numbering raised to counter " + floor + " on every node");
            AuditChainReport chain = new AuditChainVerifier(restored, CenterApplication.checkpointSignature(settings))
                    .verify();
            out.println("audit chains: " + chain);
            new AccessLog(restored.dataSource(), clock).record(operator, null, null, "cli:restore backup of "
                    + manifest.getProperty("created-at"), chain.ok() ? "OK" : "CHAIN_FAILED",
                    Duration.between(started, clock.instant()).toMillis());
            LOG.info("restored the backup of {} into {}; audit chain {}", manifest.getProperty("created-at"),
                    CenterApplication.databaseSettings(settings), chain.ok() ? "verifies" : "FAILS: " + chain);
            return new Restored(chain, floor);
        } catch (SQLException e) {
            throw new IOException("the database was restored, but raising the verification numbering failed: "
                    + e.getMessage() + "; do not start the center before this succeeds", e);
        }
    }

    /** Where each key file of the backup goes; refuses to overwrite a file with other content. */
    private static Map<Path, String> keyFilesToWrite(ZipFile archive, CenterSettings settings) throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        for (ZipEntry entry : java.util.Collections.list(archive.entries())) {
            if (!entry.getName().startsWith(BackupContents.FILES_PREFIX)) {
                continue;
            }
            String name = entry.getName().substring(BackupContents.FILES_PREFIX.length());
            String path = settings.getOrNull(name);
            if (path == null) {
                LOG.warn("the backup holds the file of {}, which the configuration does not set: not restored", name);
                continue;
            }
            Path target = Path.of(path).toAbsolutePath();
            if (Files.exists(target)) {
                byte[] backedUp;
                try (InputStream in = archive.getInputStream(entry)) {
                    backedUp = in.readAllBytes();
                }
                if (!Arrays.equals(backedUp, Files.readAllBytes(target))) {
                    throw new BackupRefusedException("not restoring: " + target + " (" + name + ") exists with other"
                            + " content than the backup's; move it away or point " + name + " elsewhere");
                }
                continue;
            }
            files.put(target, entry.getName());
        }
        return files;
    }

    private static Properties properties(ZipFile archive, String name) throws IOException {
        ZipEntry entry = archive.getEntry(name);
        if (entry == null) {
            throw new BackupRefusedException("the backup holds no " + name);
        }
        Properties properties = new Properties();
        try (InputStream in = archive.getInputStream(entry)) {
            properties.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        return properties;
    }

    private static void extract(ZipFile archive, String name, Path target) throws IOException {
        try (InputStream in = archive.getInputStream(archive.getEntry(name))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
