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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.GroupCommit;
import jp.hokensho.center.persistence.JdbcGroupTransaction;
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
    private volatile GroupCommit<Check, Outcome> groupCommit;

    /** @param defaultLifetime how long an entry is kept until WSS4J tells its real expiry */
    public DatabaseReplayCache(DataSource dataSource, Duration defaultLifetime, Clock clock) {
        this.dataSource = dataSource;
        this.defaultLifetime = defaultLifetime;
        this.clock = clock;
    }

    /**
     * Checks the messages of concurrent requests in groups ({@code center.replay-cache.group-commit.max-records}):
     * their inserts in one transaction and one durable commit instead of a commit each. Each caller still hears
     * "seen" or "not seen" only once its own row committed, so two nodes asking at once still cannot both hear "no".
     * Call before the first message; {@link #close()} stops the writer.
     */
    public DatabaseReplayCache groupCommits(int maxRecords) {
        if (maxRecords > 1) {
            groupCommit = new GroupCommit<>(this::check, maxRecords, "replay-cache-writer");
        }
        return this;
    }

    @Override
    public boolean contains(String identifier) {
        Check check = new Check(hash(identifier), clock.instant());
        Outcome outcome;
        try {
            GroupCommit<Check, Outcome> group = groupCommit;
            outcome = group != null ? group.commit(check) : check(List.of(check)).get(0);
        } catch (RuntimeException e) {
            // Without the shared cache a replay cannot be ruled out: refuse rather than accept.
            throw new IllegalStateException("replay cache unavailable", e);
        }
        lastInserted.set(outcome == Outcome.SEEN ? null
                : new Inserted(check.key(), check.now().plus(defaultLifetime)));
        return outcome == Outcome.SEEN;
    }

    /** The checks in one transaction (in auto-commit when alone): each inserts its key or finds it taken. */
    private List<Outcome> check(List<Check> checks) {
        try (Connection connection = dataSource.getConnection()) {
            long before = inserts.getAndAdd(checks.size());
            if (before / PURGE_EVERY != (before + checks.size()) / PURGE_EVERY) {
                purge(connection, checks.get(0).now()); // in auto-commit, before: no range lock held by the group
            }
            return JdbcGroupTransaction.run(connection, checks.size(), c -> {
                List<Outcome> outcomes = new ArrayList<>(checks.size());
                for (Check check : checks) {
                    outcomes.add(insertOrReclaim(c, check));
                }
                return outcomes;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("replay cache unavailable", e);
        }
    }

    // A failed insert undoes that statement alone (H2 and MariaDB): the group's transaction goes on.
    private Outcome insertOrReclaim(Connection connection, Check check) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO replay_cache (identifier_hash, expires_at) VALUES (?, ?)")) {
            insert.setString(1, check.key());
            insert.setObject(2, stored(check.now().plus(defaultLifetime)));
            insert.executeUpdate();
            return Outcome.INSERTED;
        } catch (SQLIntegrityConstraintViolationException seen) {
            return reclaimExpired(connection, check.key(), check.now()) ? Outcome.RECLAIMED : Outcome.SEEN;
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

    private record Check(String key, Instant now) {
    }

    private enum Outcome { INSERTED, RECLAIMED, SEEN }

    /** Stops the group writer once the checks waiting are done (the table outlives the endpoint). */
    @Override
    public void close() {
        GroupCommit<Check, Outcome> group = groupCommit;
        if (group != null) {
            group.close();
        }
    }
}
