package jp.hokensho.center.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The {@code audit_checkpoint} table and the chain reads a checkpoint is made from. */
final class AuditCheckpointStore {
    private final DataSource dataSource;

    AuditCheckpointStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    long lastCheckpointPosition() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT MAX(position) FROM audit_checkpoint");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            long last = rows.getLong(1);
            return rows.wasNull() ? 0 : last;
        }
    }

    /** The chain head's position: every record up to it is committed. */
    long headPosition() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT last_position FROM audit_chain_head WHERE id = " + AuditChainHeadEntity.ID);
             ResultSet rows = s.executeQuery()) {
            if (!rows.next()) {
                throw new IllegalStateException("audit_chain_head row is missing");
            }
            return rows.getLong(1);
        }
    }

    /** The record hashes of positions (after, upTo], in order; fewer than asked if positions are missing. */
    List<String> recordHashes(long after, long upTo) throws SQLException {
        List<String> hashes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT position, record_hash FROM verification_record"
                     + " WHERE position > ? AND position <= ? ORDER BY position")) {
            s.setLong(1, after);
            s.setLong(2, upTo);
            try (ResultSet rows = s.executeQuery()) {
                long expected = after + 1;
                while (rows.next() && rows.getLong(1) == expected++) {
                    hashes.add(rows.getString(2));
                }
            }
        }
        return hashes;
    }

    /** False when another node wrote the checkpoint that follows the same predecessor first. */
    boolean insert(AuditCheckpoint checkpoint) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO audit_checkpoint (position, from_position,"
                     + " head_hash, segment_digest, record_hashes, signed_at, signer_serial, signature)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, checkpoint.position());
            s.setLong(2, checkpoint.fromPosition());
            s.setString(3, checkpoint.headHash());
            s.setString(4, checkpoint.segmentDigest());
            s.setString(5, AuditCheckpoint.joined(checkpoint.recordHashes()));
            s.setObject(6, checkpoint.signedAt());
            s.setString(7, checkpoint.signerSerial());
            s.setString(8, checkpoint.signature());
            s.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return true;
        } catch (SQLIntegrityConstraintViolationException taken) {
            return false;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw e;
        }
    }

    /** Checkpoints after a position, in position order. */
    List<AuditCheckpoint> page(long afterPosition, int size) throws SQLException {
        List<AuditCheckpoint> page = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT position, from_position, head_hash, segment_digest,"
                     + " record_hashes, signed_at, signer_serial, signature FROM audit_checkpoint WHERE position > ?"
                     + " ORDER BY position")) {
            s.setMaxRows(size);
            s.setLong(1, afterPosition);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    page.add(new AuditCheckpoint(rows.getLong(1), rows.getLong(2), rows.getString(3),
                            rows.getString(4), AuditCheckpoint.split(rows.getString(5)),
                            rows.getObject(6, LocalDateTime.class), rows.getString(7), rows.getString(8)));
                }
            }
        }
        return page;
    }
}
