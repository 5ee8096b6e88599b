package jp.hokensho.center.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.StoredTime;

/** The {@code backup_run} table: each backup's outcome, and the last successful one for {@code /health}. */
public final class BackupRuns {
    private final DataSource dataSource;

    public BackupRuns(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void record(Instant started, Instant finished, boolean ok, String fileName, Long sizeBytes, String detail)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO backup_run (started_at,"
                     + " finished_at, outcome, file_name, size_bytes, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, StoredTime.of(started));
            insert.setObject(2, StoredTime.of(finished));
            insert.setString(3, ok ? "OK" : "FAILED");
            insert.setString(4, fit(fileName, 500));
            insert.setObject(5, sizeBytes);
            insert.setString(6, fit(detail, 1000));
            insert.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    /** When the last successful backup finished. */
    public Optional<Instant> lastSuccess() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT MAX(finished_at) FROM backup_run WHERE outcome = 'OK'");
             ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.ofNullable(StoredTime.toInstant(row.getObject(1, LocalDateTime.class)))
                    : Optional.empty();
        }
    }

    private static String fit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
