package jp.hokensho.center.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.StoredTime;
import org.apache.wss4j.common.cache.ReplayCache;

/**
 * WSS4J's replay cache kept in the database that all center nodes share. WSS4J asks {@link #contains}
 * and then calls {@link #add}; two nodes asking at once would both hear "no". So {@code contains} is itself
 * the atomic insert on a unique key: the first caller inserts and hears "not seen", every later caller,
 * on any node, hits the key and hears "seen". {@code add} then only sets the real expiry, and only when the
 * default lifetime the insert gave is shorter: with the default lifetime above the timestamp's time to live plus
 * its future allowance (as the center configures it), that never happens, so a message costs one write, not two.
 */
public final class DatabaseReplayCache implements ReplayCache {
    private static final long PURGE_EVERY = 500;

    private final DataSource dataSource;
    private final Duration defaultLifetime;
    private final Clock clock;
    private final AtomicLong inserts = new AtomicLong();
    /** What this thread inserted last: WSS4J calls contains() and then add() for it on the same thread. */
    private final ThreadLocal<Inserted> lastInserted = new ThreadLocal<>();

    /** @param defaultLifetime how long an entry is kept until WSS4J tells its real expiry */
    public DatabaseReplayCache(DataSource dataSource, Duration defaultLifetime, Clock clock) {
        this.dataSource = dataSource;
        this.defaultLifetime = defaultLifetime;
        this.clock = clock;
    }

    @Override
    public boolean contains(String identifier) {
        String key = hash(identifier);
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            if (inserts.incrementAndGet() % PURGE_EVERY == 0) {
                purge(connection, now);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO replay_cache (identifier_hash, expires_at) VALUES (?, ?)")) {
                insert.setString(1, key);
                insert.setObject(2, stored(now.plus(defaultLifetime)));
                insert.executeUpdate();
                lastInserted.set(new Inserted(key, now.plus(defaultLifetime)));
                return false;
            } catch (SQLIntegrityConstraintViolationException seen) {
                boolean reclaimed = reclaimExpired(connection, key, now);
                lastInserted.set(reclaimed ? new Inserted(key, now.plus(defaultLifetime)) : null);
                return !reclaimed;
            }
        } catch (SQLException e) {
            // Without the shared cache a replay cannot be ruled out: refuse rather than accept.
            throw new IllegalStateException("replay cache unavailable", e);
        }
    }

    @Override
    public void add(String identifier) {
        // contains() already recorded it with the default lifetime.
    }

    @Override
    public void add(String identifier, Instant expiry) {
        String key = hash(identifier);
        Inserted inserted = lastInserted.get();
        lastInserted.remove();
        if (inserted != null && inserted.key.equals(key) && !expiry.isAfter(inserted.expiresAt)) {
            // The row this thread just wrote already outlives the expiry WSS4J asks for: no second write.
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE replay_cache SET expires_at = ? WHERE identifier_hash = ?")) {
            update.setObject(1, stored(expiry));
            update.setString(2, key);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("replay cache unavailable", e);
        }
    }

    /** An entry past its expiry no longer protects anything (the timestamp check refuses such messages). */
    private boolean reclaimExpired(Connection connection, String key, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE replay_cache SET expires_at = ? WHERE identifier_hash = ? AND expires_at < ?")) {
            update.setObject(1, stored(now.plus(defaultLifetime)));
            update.setString(2, key);
            update.setObject(3, stored(now));
            return update.executeUpdate() == 1;
        }
    }

    private static void purge(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM replay_cache WHERE expires_at < ?")) {
            delete.setObject(1, stored(now));
            delete.executeUpdate();
        }
    }

    private static LocalDateTime stored(Instant instant) {
        return StoredTime.of(instant);
    }

    private static String hash(String identifier) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(identifier.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private record Inserted(String key, Instant expiresAt) {
    }

    @Override
    public void close() {
        // The table outlives the endpoint.
    }
}
