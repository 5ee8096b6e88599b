package jp.hokensho.center.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads of one row in plain JDBC, for the reads every request makes (the caller's account, the signing
 * certificate's row). Through Hibernate, translating such a query and mapping its row cost several times the
 * database's own work; the entities stay for everything that writes.
 *
 * <p>One statement in auto-commit, without a transaction: a single statement reads a consistent snapshot by itself,
 * and a transaction would add a BEGIN and a COMMIT (on MariaDB four round trips where one does). Not for writes, nor
 * for reads of several statements that must agree with each other.
 */
public final class JdbcReads {
    private final DataSource dataSource;

    public JdbcReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Maps the current row of a result. */
    @FunctionalInterface
    public interface RowMapping<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** The first row of {@code sql} with these string parameters, mapped; empty when there is none. */
    public <T> Optional<T> one(String sql, RowMapping<T> mapping, String... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(mapping.map(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read: " + sql, e);
        }
    }

    /** A stored UTC time column as an instant (null stays null). */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        return StoredTime.toInstant(row.getObject(column, LocalDateTime.class));
    }
}
