package jp.hokensho.center.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.sql.DataSource;

/** The {@code audit_checkpoint} table and the chain reads a checkpoint is made from, per chain. */
final class AuditCheckpointStore {
    private final DataSource dataSource;

    AuditCheckpointStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The chains that have a head row. */
    SortedSet<Integer> chainsWithHead() throws SQLException {
        return chainIds("SELECT chain_id FROM audit_chain_head");
    }

    /**
     * Every chain the database shows a trace of: a head row, a record or a checkpoint. A chain whose head row was
     * deleted is still verified, from its records and checkpoints.
     */
    SortedSet<Integer> allChains() throws SQLException {
        SortedSet<Integer> chains = chainsWithHead();
        chains.addAll(chainIds("SELECT DISTINCT chain_id FROM verification_record"));
        chains.addAll(chainIds("SELECT DISTINCT chain_id FROM audit_checkpoint"));
        return chains;
    }

    private SortedSet<Integer> chainIds(String sql) throws SQLException {
        SortedSet<Integer> chains = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(sql);
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                chains.add(rows.getInt(1));
            }
        }
        return chains;
    }

    long lastCheckpointPosition(int chain) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT MAX(position) FROM audit_checkpoint WHERE chain_id = ?")) {
            s.setInt(1, chain);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                long last = rows.getLong(1);
                return rows.wasNull() ? 0 : last;
            }
        }
    }

    /** The chain head's position: every record of the chain up to it is committed. */
    long headPosition(int chain) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT last_position FROM audit_chain_head WHERE chain_id = ?")) {
            s.setInt(1, chain);
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("the audit_chain_head row of " + AuditChains.describe(chain)
                            + " is missing");
                }
                return rows.getLong(1);
            }
        }
    }

    /** The record hashes of positions (after, upTo] of a chain, in order; fewer than asked if positions are missing. */
    List<String> recordHashes(int chain, long after, long upTo) throws SQLException {
        List<String> hashes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT position, record_hash FROM verification_record"
                     + " WHERE chain_id = ? AND position > ? AND position <= ? ORDER BY position")) {
            s.setInt(1, chain);
            s.setLong(2, after);
            s.setLong(3, upTo);
            try (ResultSet rows = s.executeQuery()) {
                long expected = after + 1;
                while (rows.next() && rows.getLong(1) == expected++) {
                    hashes.add(rows.getString(2));
                }
            }
        }
        return hashes;
    }

    /** False when another node wrote the checkpoint that follows the same predecessor of the chain first. */
    boolean insert(AuditCheckpoint checkpoint) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO audit_checkpoint (chain_id, position,"
                     + " from_position, head_hash, segment_digest, record_hashes, signed_at, signer_serial, signature)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setInt(1, checkpoint.chain());
            s.setLong(2, checkpoint.position());
            s.setLong(3, checkpoint.fromPosition());
            s.setString(4, checkpoint.headHash());
            s.setString(5, checkpoint.segmentDigest());
            s.setString(6, AuditCheckpoint.joined(checkpoint.recordHashes()));
            s.setObject(7, checkpoint.signedAt());
            s.setString(8, checkpoint.signerSerial());
            s.setString(9, checkpoint.signature());
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

    /** A chain's checkpoints after a position, in position order. */
    List<AuditCheckpoint> page(int chain, long afterPosition, int size) throws SQLException {
        List<AuditCheckpoint> page = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT position, from_position, head_hash, segment_digest,"
                     + " record_hashes, signed_at, signer_serial, signature FROM audit_checkpoint"
                     + " WHERE chain_id = ? AND position > ? ORDER BY position")) {
            s.setMaxRows(size);
            s.setInt(1, chain);
            s.setLong(2, afterPosition);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    page.add(new AuditCheckpoint(chain, rows.getLong(1), rows.getLong(2), rows.getString(3),
                            rows.getString(4), AuditCheckpoint.split(rows.getString(5)),
                            rows.getObject(6, LocalDateTime.class), rows.getString(7), rows.getString(8)));
                }
            }
        }
        return page;
    }
}
