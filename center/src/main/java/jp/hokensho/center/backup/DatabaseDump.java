package jp.hokensho.center.backup;

import java.io.IOException;
import java.nio.file.Path;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.CenterApplication;
import jp.hokensho.center.persistence.DatabaseSettings;

/** The database's own backup tool, for the database the settings name: H2's BACKUP TO, or mariadb-dump. */
interface DatabaseDump {

    /** "h2" or "mariadb": written in the manifest, checked at restore (a dump restores into its own kind only). */
    String kind();

    /** Writes a transactionally consistent copy of the whole database to {@code file}, while the center runs. */
    void dumpTo(Path file) throws IOException;

    /** Why the target database is not empty, or null when a restore may go there. */
    String whyNotEmpty() throws IOException;

    /** Loads {@code file} (made by {@link #dumpTo}) into the empty target database. */
    void restoreFrom(Path file) throws IOException;

    static DatabaseDump of(CenterSettings settings) {
        DatabaseSettings database = CenterApplication.databaseSettings(settings);
        if (database.jdbcUrl().startsWith("jdbc:h2:file:")) {
            return new H2FileDump(database);
        }
        if (database.jdbcUrl().startsWith("jdbc:mariadb:") || database.jdbcUrl().startsWith("jdbc:mysql:")) {
            return new MariaDbDump(database, settings.get("center.backup.mariadb-dump-command"),
                    settings.get("center.backup.mariadb-command"));
        }
        throw new IllegalArgumentException("backups cover an H2 file database or MariaDB; the configured database "
                + database.jdbcUrl().replaceAll("[;?].*", "") + " is neither");
    }
}
