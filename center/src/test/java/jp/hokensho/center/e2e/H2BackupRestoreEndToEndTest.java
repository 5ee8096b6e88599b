package jp.hokensho.center.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import jp.hokensho.center.persistence.TestDatabase;
import jp.hokensho.center.persistence.TestDatabases;

/** Backup and restore of the embedded H2 file database (H2's BACKUP TO). */
class H2BackupRestoreEndToEndTest extends BackupRestoreEndToEndTest {
    private Path databaseDir;

    @Override
    TestDatabase database(Path dir) {
        databaseDir = dir;
        return TestDatabases.h2(dir);
    }

    @Override
    void wipe(TestDatabase database) throws Exception {
        try (var files = Files.list(databaseDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    @Override
    String notWiped(TestDatabase database) throws Exception {
        try (var files = Files.list(databaseDir)) {
            var left = files.toList();
            return left.isEmpty() ? null : "files in the database directory: " + left;
        }
    }
}
