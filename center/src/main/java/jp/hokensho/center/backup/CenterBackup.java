package jp.hokensho.center.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.audit.AccessLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one encrypted backup file of the center: the database (by its own backup tool), the config file and the
 * key files the settings name (see {@link BackupContents}). The file appears under its name only when complete;
 * every backup is recorded in {@code backup_run} and the access log.
 */
public final class CenterBackup {
    private static final Logger LOG = LoggerFactory.getLogger(CenterBackup.class);

    private final CenterSettings settings;
    private final DataSource dataSource;
    private final Clock clock;

    /** @param dataSource the center's database, where the backup is recorded */
    public CenterBackup(CenterSettings settings, DataSource dataSource, Clock clock) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A finished backup. */
    public record Written(Path file, long sizeBytes, String databaseKind) {
    }

    /** Writes the backup to {@code out}, encrypted under {@code passphrase}; {@code operator} goes in the access log. */
    public Written write(Path out, char[] passphrase, String operator) throws IOException {
        Instant started = clock.instant();
        Path target = out.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Written written = writeOnce(target, partial, passphrase);
            record(started, true, target, written.sizeBytes(), "database " + written.databaseKind(), operator);
            LOG.info("backup written to {} ({} bytes)", target, written.sizeBytes());
            return written;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            LOG.error("backup to {} failed", target, e);
            record(started, false, target, null, e.getMessage(), operator);
            throw e;
        }
    }

    private Written writeOnce(Path target, Path partial, char[] passphrase) throws IOException {
        if (Files.exists(target)) {
            throw new IllegalArgumentException("the backup file " + target + " exists already");
        }
        DatabaseDump dump = DatabaseDump.of(settings);
        try (ScratchDirectory scratch = new ScratchDirectory(target.getParent())) {
            Path database = scratch.resolve("database");
            dump.dumpTo(database);
            Path zip = scratch.resolve("backup.zip");
            try (ZipOutputStream archive = new ZipOutputStream(Files.newOutputStream(zip))) {
                put(archive, BackupContents.MANIFEST, manifest(dump.kind()).getBytes(StandardCharsets.UTF_8));
                put(archive, BackupContents.DATABASE_PREFIX + dump.kind(), database);
                if (settings.configFile() != null) {
                    put(archive, BackupContents.SETTINGS, settings.configFile());
                }
                for (String name : BackupContents.keyFileSettings(settings)) {
                    put(archive, BackupContents.FILES_PREFIX + name, Path.of(settings.get(name)));
                }
            }
            Files.deleteIfExists(database); // the plain copy goes as soon as it is packed
            try (InputStream plain = Files.newInputStream(zip); OutputStream sealed = Files.newOutputStream(partial)) {
                BackupEncryption.encrypt(plain, sealed, passphrase);
            }
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        return new Written(target, Files.size(target), dump.kind());
    }

    private String manifest(String databaseKind) throws IOException {
        Properties manifest = new Properties();
        manifest.setProperty("format", BackupContents.FORMAT);
        manifest.setProperty("created-at", clock.instant().toString());
        manifest.setProperty("database", databaseKind);
        manifest.setProperty("node-id", settings.get("center.node-id"));
        StringWriter text = new StringWriter();
        manifest.store(text, "center backup");
        return text.toString();
    }

    private static void put(ZipOutputStream archive, String name, byte[] content) throws IOException {
        archive.putNextEntry(new ZipEntry(name));
        archive.write(content);
        archive.closeEntry();
    }

    private static void put(ZipOutputStream archive, String name, Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read " + file + " (named by " + name + ") to back it up");
        }
        archive.putNextEntry(new ZipEntry(name));
        Files.copy(file, archive);
        archive.closeEntry();
    }

    private void record(Instant started, boolean ok, Path file, Long size, String detail, String operator) {
        try {
            new BackupRuns(dataSource).record(started, clock.instant(), ok, file.toString(), size, detail);
        } catch (SQLException e) {
            LOG.error("could not record the backup of {} in backup_run", file, e);
        }
        new AccessLog(dataSource, clock).record(operator, null, null, "cli:backup " + file.getFileName(),
                ok ? "OK" : "FAILED", java.time.Duration.between(started, clock.instant()).toMillis());
    }
}
