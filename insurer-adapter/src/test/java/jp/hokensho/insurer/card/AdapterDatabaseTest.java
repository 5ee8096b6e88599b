package jp.hokensho.insurer.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter's H2 database on disk commits to its file before a commit returns (WRITE_DELAY=0). */
class AdapterDatabaseTest {
    @Test
    void h2DatabaseOpenedWithoutWriteDelaySettingRunsWithoutDelay(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("adapter") + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE";
        try (AdapterDatabase database = AdapterDatabase.open(url, "sa", "", 2);
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'WRITE_DELAY'")) {
            assertTrue(row.next());
            assertEquals("0", row.getString(1));
        }
    }

    @Test
    void anotherWriteDelayIsRefusedByName() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> AdapterDatabase.withDurableCommits("jdbc:h2:file:/srv/adapter;WRITE_DELAY=200"));
        assertTrue(refused.getMessage().contains("WRITE_DELAY=200"), refused.getMessage());
    }

    @Test
    void mariaDbAndInMemoryUrlsAreLeftAlone() {
        assertEquals("jdbc:mariadb://127.0.0.1/adapter",
                AdapterDatabase.withDurableCommits("jdbc:mariadb://127.0.0.1/adapter"));
        assertEquals("jdbc:h2:mem:a", AdapterDatabase.withDurableCommits("jdbc:h2:mem:a"));
    }
}
