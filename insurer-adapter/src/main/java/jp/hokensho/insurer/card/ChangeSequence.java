package jp.hokensho.insurer.card;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The monotonic change counter (card_change_counter): the next number, taken inside the caller's transaction.
 * The UPDATE locks the counter row until that transaction ends, so numbers are committed in order (see V2).
 */
public final class ChangeSequence {
    private ChangeSequence() {
    }

    /** Must run with auto-commit off: the lock is what keeps the numbers in commit order. */
    public static long next(Connection c) throws SQLException {
        try (PreparedStatement bump = c.prepareStatement(
                "UPDATE card_change_counter SET last_seq = last_seq + 1 WHERE counter_id = 1")) {
            if (bump.executeUpdate() != 1) {
                throw new SQLException("card_change_counter has no row 1; was migration V2 applied?");
            }
        }
        return current(c);
    }

    /** The last number handed out (0 before any change). */
    public static long current(Connection c) throws SQLException {
        try (PreparedStatement read = c.prepareStatement(
                "SELECT last_seq FROM card_change_counter WHERE counter_id = 1");
             ResultSet rs = read.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("card_change_counter has no row 1; was migration V2 applied?");
            }
            return rs.getLong(1);
        }
    }
}
