package jp.hokensho.insurer.security;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The card server's users ({@code adapter_user}): one ID per person with an insurer role and a PBKDF2 password
 * hash in the {@link ServiceAccountPasswords} format. Like the center's login: consecutive wrong passwords lock
 * the account for a while, the slow hash runs for unknown users too, and a success clears the count.
 */
public final class AdapterUsers {
    /** Iterations of new hashes, and the lock: this many wrong passwords in a row lock for that long. */
    public record Policy(int iterations, int failuresBeforeLock, Duration lockFor) {
        public static final Policy DEFAULT = new Policy(ServiceAccountPasswords.DEFAULT_ITERATIONS, 5,
                Duration.ofMinutes(15));
    }

    /** The role when accepted, the reason when refused. */
    public record Result(AdapterRole role, RefusalReason refusal) {
        public boolean accepted() {
            return role != null;
        }
    }

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Policy policy;
    private final Clock clock;
    private volatile String dummyHash;

    public AdapterUsers(DataSource dataSource, Policy policy, Clock clock) {
        this.dataSource = dataSource;
        this.policy = policy;
        this.clock = clock;
    }

    /** Whether no user exists yet: then the first {@code user add} needs no operator. */
    public boolean isEmpty() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM adapter_user");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }

    public Optional<AdapterRole> role(String userId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT user_role FROM adapter_user WHERE user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(AdapterRole.valueOf(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** Adds the user and returns its one-time password (shown once; only the hash is stored). */
    public String add(String userId, AdapterRole role, String createdBy) throws SQLException {
        checkId(userId);
        String password = generatePassword();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO adapter_user (user_id, user_role, password_hash,"
                     + " failed_attempts, locked_until, created_at, created_by) VALUES (?, ?, ?, 0, NULL, ?, ?)")) {
            ps.setString(1, userId);
            ps.setString(2, role.name());
            ps.setString(3, ServiceAccountPasswords.hash(password.toCharArray(), policy.iterations()));
            ps.setTimestamp(4, utc(clock.instant()));
            ps.setString(5, createdBy);
            ps.executeUpdate();
        } catch (SQLIntegrityConstraintViolationException e) {
            throw new IllegalArgumentException("user " + userId + " exists already", e);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new IllegalArgumentException("user " + userId + " exists already", e);
            }
            throw e;
        }
        return password;
    }

    /** Clears the lock and failure count and sets a new one-time password, returned; empty when no such user. */
    public Optional<String> reset(String userId) throws SQLException {
        String password = generatePassword();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE adapter_user SET password_hash = ?,"
                     + " failed_attempts = 0, locked_until = NULL WHERE user_id = ?")) {
            ps.setString(1, ServiceAccountPasswords.hash(password.toCharArray(), policy.iterations()));
            ps.setString(2, userId);
            return ps.executeUpdate() == 1 ? Optional.of(password) : Optional.empty();
        }
    }

    /** Checks the ID and password; a wrong password counts towards the lock. */
    public Result authenticate(String userId, char[] password) throws SQLException {
        String hash;
        AdapterRole role;
        Timestamp lockedUntil;
        int failures;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT user_role, password_hash, failed_attempts,"
                     + " locked_until FROM adapter_user WHERE user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    ServiceAccountPasswords.verify(password, dummyHash()); // same cost as for a known user
                    return new Result(null, RefusalReason.UNKNOWN_USER);
                }
                role = AdapterRole.valueOf(rs.getString(1));
                hash = rs.getString(2);
                failures = rs.getInt(3);
                lockedUntil = rs.getTimestamp(4);
            }
        }
        if (lockedUntil != null && lockedUntil.toLocalDateTime().toInstant(ZoneOffset.UTC).isAfter(clock.instant())) {
            return new Result(null, RefusalReason.LOCKED);
        }
        if (!ServiceAccountPasswords.verify(password, hash)) {
            recordFailure(userId);
            return new Result(null, RefusalReason.WRONG_PASSWORD);
        }
        if (failures > 0 || lockedUntil != null) {
            update("UPDATE adapter_user SET failed_attempts = 0, locked_until = NULL WHERE user_id = ?", userId);
        }
        return new Result(role, null);
    }

    private String dummyHash() {
        if (dummyHash == null) {
            dummyHash = ServiceAccountPasswords.hash("no-such-user".toCharArray(), policy.iterations());
        }
        return dummyHash;
    }

    private void recordFailure(String userId) throws SQLException {
        // locked_until first: MariaDB evaluates SET left to right with new values, H2 with old ones; this order
        // reads the old failed_attempts in both. On locking the count starts again.
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE adapter_user SET"
                     + " locked_until = CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END,"
                     + " failed_attempts = CASE WHEN failed_attempts + 1 >= ? THEN 0 ELSE failed_attempts + 1 END"
                     + " WHERE user_id = ?")) {
            ps.setInt(1, policy.failuresBeforeLock());
            ps.setTimestamp(2, utc(clock.instant().plus(policy.lockFor())));
            ps.setInt(3, policy.failuresBeforeLock());
            ps.setString(4, userId);
            ps.executeUpdate();
        }
    }

    private void update(String sql, String userId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId);
            ps.executeUpdate();
        }
    }

    /** 1–64 of letters, digits and {@code . _ @ -}: IDs end up in logs and must not carry anything else. */
    static void checkId(String userId) {
        if (userId == null || !userId.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("a user ID is 1-64 letters, digits, '.', '_', '@' or '-'");
        }
    }

    private static String generatePassword() {
        StringBuilder b = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    private static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
