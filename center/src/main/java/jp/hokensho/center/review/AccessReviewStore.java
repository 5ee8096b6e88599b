package jp.hokensho.center.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.routes.port.AccessReviewPort.AccessReviewRefused;

/**
 * The access review's rows in the database, in plain SQL: one query per list (accounts, organisations, keys,
 * sign-offs) whatever the number of people, and the sign-off with its re-enabling in one transaction.
 * Organisations that have ended, and their people, are left out: they can no longer be used.
 */
public final class AccessReviewStore {
    private static final String ACCOUNTS = "SELECT u.user_id, o.code, o.name, u.role, u.created_at, u.last_used_at,"
            + " u.reenabled_at, u.disabled_at, u.disabled_reason, u.locked_until FROM user_account u"
            + " JOIN organisation o ON o.id = u.organisation_id WHERE o.ended_at IS NULL ORDER BY o.code, u.user_id";
    private static final String ORGANISATIONS = "SELECT code, name, kind, created_at FROM organisation"
            + " WHERE ended_at IS NULL ORDER BY code";
    private static final String KEYS = "SELECT o.code, c.not_before, c.not_after, c.revoked_at FROM org_certificate c"
            + " JOIN organisation o ON o.id = c.organisation_id";
    private static final String SIGN_OFFS = "SELECT organisation_code, reviewer_user_id, signed_off_at, review_comment"
            + " FROM access_review_sign_off ORDER BY signed_off_at, id";
    // Re-checks every condition, so a use (or a re-enabling) between the search and the update wins.
    private static final String DISABLE = "UPDATE user_account SET disabled_at = ?, disabled_reason = ?"
            + " WHERE user_id = ? AND disabled_at IS NULL AND created_at <= ?"
            + " AND (last_used_at IS NULL OR last_used_at <= ?) AND (reenabled_at IS NULL OR reenabled_at <= ?)";
    private static final String DUE_FOR_DISABLING = "SELECT user_id, created_at, last_used_at, reenabled_at"
            + " FROM user_account WHERE disabled_at IS NULL AND created_at <= ?"
            + " AND (last_used_at IS NULL OR last_used_at <= ?) AND (reenabled_at IS NULL OR reenabled_at <= ?)"
            + " ORDER BY user_id";
    private static final String REENABLE = "UPDATE user_account SET disabled_at = NULL, disabled_reason = NULL,"
            + " reenabled_at = ? WHERE user_id = ? AND disabled_at IS NOT NULL"
            + " AND organisation_id = (SELECT id FROM organisation WHERE code = ?)";

    private final DataSource dataSource;

    public AccessReviewStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A person's account as the review reads it (UTC instants; null where nothing happened). */
    public record AccountRow(String userId, String organisationCode, String organisationName, String role,
                             Instant createdAt, Instant lastUsedAt, Instant reenabledAt, Instant disabledAt,
                             String disabledReason, Instant lockedUntil) {
        /** Where the dormancy count starts: the latest of creation, last use and re-enabling. */
        public Instant lastActivity() {
            return latest(latest(createdAt, lastUsedAt), reenabledAt);
        }
    }

    public record OrganisationRow(String code, String name, String kind, Instant createdAt) {
    }

    public record KeyRow(String organisationCode, Instant notBefore, Instant notAfter, Instant revokedAt) {
        public boolean usableAt(Instant now) {
            return revokedAt == null && !now.isBefore(notBefore) && !now.isAfter(notAfter);
        }
    }

    public record SignOffRow(String organisationCode, String reviewer, Instant signedOffAt, String comment,
                             List<String> reenabled) {
    }

    public List<AccountRow> accounts() {
        return query(ACCOUNTS, rows -> new AccountRow(rows.getString(1), rows.getString(2), rows.getString(3),
                rows.getString(4), instant(rows, 5), instant(rows, 6), instant(rows, 7), instant(rows, 8),
                rows.getString(9), instant(rows, 10)));
    }

    public List<OrganisationRow> organisations() {
        return query(ORGANISATIONS, rows -> new OrganisationRow(rows.getString(1), rows.getString(2),
                rows.getString(3), instant(rows, 4)));
    }

    public List<KeyRow> keys() {
        return query(KEYS, rows -> new KeyRow(rows.getString(1), instant(rows, 2), instant(rows, 3),
                instant(rows, 4)));
    }

    /** Each organisation's latest sign-off (sign-offs are few: one per organisation and review period). */
    public Map<String, SignOffRow> lastSignOffs() {
        Map<String, SignOffRow> latest = new HashMap<>();
        for (SignOffRow row : query(SIGN_OFFS, rows -> new SignOffRow(rows.getString(1), rows.getString(2),
                instant(rows, 3), rows.getString(4), List.of()))) {
            latest.put(row.organisationCode(), row);
        }
        return latest;
    }

    /** The accounts, not yet disabled, whose last activity (creation, use, re-enabling) is before {@code cutoff}. */
    public List<AccountRow> dueForDisabling(Instant cutoff) {
        LocalDateTime at = StoredTime.of(cutoff);
        return query(DUE_FOR_DISABLING, rows -> new AccountRow(rows.getString(1), null, null, null, instant(rows, 2),
                instant(rows, 3), instant(rows, 4), null, null, null), at, at, at);
    }

    /** Disables the account if it is still inactive since before {@code cutoff}; true when this call did. */
    public boolean disable(String userId, Instant cutoff, Instant now, String reason) {
        LocalDateTime at = StoredTime.of(cutoff);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(DISABLE)) {
                bind(update, StoredTime.of(now), reason, userId, at, at, at);
                boolean disabled = update.executeUpdate() == 1;
                connection.commit();
                return disabled;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not disable account " + userId, e);
        }
    }

    /**
     * Records the sign-off and re-enables the listed people, all or nothing.
     *
     * @throws AccessReviewRefused the organisation is unknown or ended, or a listed person is not a disabled user of
     *                             it; nothing is written then
     */
    public SignOffRow signOff(String reviewer, String organisationCode, String comment, List<String> reenable,
                              Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                SignOffRow row = signOff(connection, reviewer, organisationCode, comment, reenable, now);
                connection.commit();
                return row;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the access review sign-off of " + organisationCode, e);
        }
    }

    private static SignOffRow signOff(Connection connection, String reviewer, String organisationCode, String comment,
                                      List<String> reenable, Instant now) throws SQLException {
        if (!organisationInUse(connection, organisationCode)) {
            throw new AccessReviewRefused(AccessReviewRefused.ORGANISATION_NOT_FOUND, "organisationCode",
                    "no organisation in use with this code");
        }
        long id;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO access_review_sign_off"
                + " (organisation_code, reviewer_user_id, signed_off_at, review_comment) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            bind(insert, organisationCode, reviewer, StoredTime.of(now), comment);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        for (String userId : reenable) {
            try (PreparedStatement update = connection.prepareStatement(REENABLE)) {
                bind(update, StoredTime.of(now), userId, organisationCode);
                if (update.executeUpdate() != 1) {
                    throw new AccessReviewRefused(AccessReviewRefused.USER_NOT_DISABLED, "reenableUser",
                            "user " + userId + " is not a disabled user of organisation " + organisationCode);
                }
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO access_review_reenabled (sign_off_id, user_id) VALUES (?, ?)")) {
                bind(record, id, userId);
                record.executeUpdate();
            }
        }
        return new SignOffRow(organisationCode, reviewer, now, comment, List.copyOf(reenable));
    }

    private static boolean organisationInUse(Connection connection, String code) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM organisation WHERE code = ? AND ended_at IS NULL")) {
            bind(select, code);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, parameters);
            List<T> result = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    result.add(reader.read(rows));
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("the access review could not read the database", e);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == null) {
                statement.setNull(i + 1, Types.VARCHAR); // only the optional comment is ever null
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        return StoredTime.toInstant(rows.getObject(column, LocalDateTime.class));
    }

    static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
