package jp.hokensho.center.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import jp.hokensho.center.persistence.DatabaseSettings;

/**
 * The embedded H2 file database: {@code BACKUP TO} copies it online into a zip, consistent by MVCC (H2 documents it
 * as the way to back up a running database); a restore puts the database file back where the settings expect it,
 * as H2's own {@code Restore} tool does.
 */
final class H2FileDump implements DatabaseDump {
    private static final String SUFFIX = ".mv.db";
    private final DatabaseSettings database;
    private final Path file;

    H2FileDump(DatabaseSettings database) {
        this.database = database;
        String path = database.jdbcUrl().substring("jdbc:h2:file:".length()).replaceAll(";.*", "");
        this.file = Path.of(path + SUFFIX);
    }

    @Override
    public String kind() {
        return "h2";
    }

    @Override
    public void dumpTo(Path zip) throws IOException {
        Files.deleteIfExists(zip);
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
             PreparedStatement backup = connection.prepareStatement("BACKUP TO ?")) {
            backup.setString(1, zip.toAbsolutePath().toString());
            backup.execute();
        } catch (SQLException e) {
            throw new IOException("H2 BACKUP TO failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String whyNotEmpty() {
        return Files.exists(file) ? "the database file " + file + " exists: restore into an installation whose"
                + " database is not there yet (move the old file away first)" : null;
    }

    @Override
    public void restoreFrom(Path zip) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".restoring");
        boolean found = false;
        try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (entry.getName().endsWith(SUFFIX)) {
                    copy(entries, partial);
                    found = true;
                    break;
                }
            }
        }
        if (!found) {
            throw new BackupRefusedException("the backup's H2 copy holds no database file (*" + SUFFIX + ")");
        }
        // Renamed into place only when complete: a failed copy leaves no half database where the center looks.
        Files.move(partial, file);
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
