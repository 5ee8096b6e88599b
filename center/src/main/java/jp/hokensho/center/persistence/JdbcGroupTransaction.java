package jp.hokensho.center.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The transaction of a {@link GroupCommit} group written with plain JDBC: several writes commit together (or are
 * rolled back together), a group of one is written in auto-commit, without the BEGIN/COMMIT round trips, since at low
 * load most groups hold one write.
 */
public final class JdbcGroupTransaction {
    /** The writes of a group on one connection. */
    @FunctionalInterface
    public interface Writes<R> {
        R on(Connection connection) throws SQLException;
    }

    private JdbcGroupTransaction() {
    }

    public static <R> R run(Connection connection, int groupSize, Writes<R> writes) throws SQLException {
        if (groupSize <= 1) {
            return writes.on(connection);
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            R result = writes.on(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
