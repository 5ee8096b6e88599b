package jp.hokensho.insurer.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The sync cursor per insurer (sync_state): every card change numbered up to it has been acknowledged by the
 * center. It only moves forward, so two runs at once (the server's and a command's) cannot move it back.
 */
public final class SyncCursor {
    private final DataSource dataSource;

    public SyncCursor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The acknowledged change number; 0 before the first sync (the next run is then a full load). */
    public long acked(String insurerNumber) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT acked_seq FROM sync_state WHERE insurer_number = ?")) {
            ps.setString(1, insurerNumber);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    /** When the last run delivered everything without a problem. */
    public Optional<Instant> lastSuccess(String insurerNumber) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT last_success_at FROM sync_state WHERE insurer_number = ?")) {
            ps.setString(1, insurerNumber);
            try (ResultSet rs = ps.executeQuery()) {
                LocalDateTime at = rs.next() ? rs.getObject(1, LocalDateTime.class) : null;
                return Optional.ofNullable(at).map(t -> t.toInstant(ZoneOffset.UTC));
            }
        }
    }

    /** Moves the cursor to {@code seq} unless it is there or further already. */
    public void advance(String insurerNumber, long seq, Instant now) throws SQLException {
        ensureRow(insurerNumber, now);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE sync_state SET acked_seq = ?, updated_at = ? WHERE insurer_number = ? AND acked_seq < ?")) {
            ps.setLong(1, seq);
            ps.setObject(2, utc(now));
            ps.setString(3, insurerNumber);
            ps.setLong(4, seq);
            ps.executeUpdate();
        }
    }

    public void markSuccess(String insurerNumber, Instant now) throws SQLException {
        ensureRow(insurerNumber, now);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE sync_state SET last_success_at = ?, updated_at = ? WHERE insurer_number = ?")) {
            ps.setObject(1, utc(now));
            ps.setObject(2, utc(now));
            ps.setString(3, insurerNumber);
            ps.executeUpdate();
        }
    }

    private void ensureRow(String insurerNumber, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO sync_state (insurer_number, acked_seq, updated_at) SELECT ?, 0, ? FROM (SELECT 1 AS one) t "
                        + "WHERE NOT EXISTS (SELECT 1 FROM sync_state WHERE insurer_number = ?)")) {
            ps.setString(1, insurerNumber);
            ps.setObject(2, utc(now));
            ps.setString(3, insurerNumber);
            ps.executeUpdate();
        } catch (SQLException e) {
            // Another run inserted the row between our check and insert: it exists now, which is all we need.
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
        }
    }

    private static LocalDateTime utc(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDateTime();
    }
}
