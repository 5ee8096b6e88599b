package jp.hokensho.center.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import jp.hokensho.center.persistence.Database;

/**
 * What someone who can write the database can do to an audit chain: rewrite a record and recompute every later
 * hash of its chain and the head with the same (unkeyed) hash function, or cut the tail and move the head back, so
 * that the chain alone verifies again.
 */
public final class ChainTampering {
    private ChainTampering() {
    }

    /**
     * Applies {@code setClause} to the record at {@code position} of {@code chain}, then re-hashes it, every later
     * record of the chain and its head.
     */
    public static void rewriteAndRehash(Database database, int chain, long position, String setClause) {
        String where = " WHERE chain_id = " + chain + " AND position = ";
        execute(database, "UPDATE verification_record SET " + setClause + where + position);
        List<VerificationRecordEntity> records = database.fromTransaction(session -> session
                .createSelectionQuery("from VerificationRecordEntity r where r.chain = :c and r.position >= :p"
                        + " order by r.position", VerificationRecordEntity.class)
                .setParameter("c", chain)
                .setParameter("p", position - 1)
                .getResultList());
        String previous = records.get(0).position == position ? AuditChainHeadEntity.GENESIS_HASH
                : records.get(0).recordHash;
        for (VerificationRecordEntity r : records) {
            if (r.position < position) {
                continue;
            }
            r.prevHash = previous;
            r.recordHash = AuditRecordHash.of(r);
            execute(database, "UPDATE verification_record SET prev_hash = '" + r.prevHash + "', record_hash = '"
                    + r.recordHash + "'" + where + r.position);
            previous = r.recordHash;
        }
        execute(database, "UPDATE audit_chain_head SET last_hash = '" + previous + "' WHERE chain_id = " + chain);
    }

    /** Deletes every record of {@code chain} after {@code keep} and moves its head back to it, as if they never were. */
    public static void cutTail(Database database, int chain, long keep) {
        execute(database, "DELETE FROM verification_record WHERE chain_id = " + chain + " AND position > " + keep);
        String hash = keep == 0 ? AuditChainHeadEntity.GENESIS_HASH : database.fromTransaction(session -> session
                .find(VerificationRecordEntity.class, new VerificationRecordEntity.Key(chain, keep)).recordHash);
        execute(database, "UPDATE audit_chain_head SET last_position = " + keep + ", last_hash = '" + hash
                + "' WHERE chain_id = " + chain);
    }

    private static void execute(Database database, String sql) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
