package jp.hokensho.center.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.persistence.StoredTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what has outlived its retention ({@code center.retention.*}): access-log and unauthorised-access-log rows
 * older than their days, replay-cache rows expired for longer than their hours, and answers kept for a
 * requestReference whose window has passed. Verification records and the audit chain are never purged: they must
 * trace every 認証番号, now and in future.
 */
public final class RetentionPurge {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final Duration accessLog;
    private final Duration refusalLog;
    private final Duration replayCache;

    public RetentionPurge(DataSource dataSource, CenterSettings settings, Clock clock) {
        this(dataSource, clock, Duration.ofDays(settings.getInt("center.retention.access-log-days")),
                Duration.ofDays(settings.getInt("center.retention.refusal-log-days")),
                Duration.ofHours(settings.getInt("center.retention.replay-cache-hours")));
    }

    RetentionPurge(DataSource dataSource, Clock clock, Duration accessLog, Duration refusalLog, Duration replayCache) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.accessLog = accessLog;
        this.refusalLog = refusalLog;
        this.replayCache = replayCache;
    }

    /** Purges all four; returns the rows deleted. */
    public int purge() {
        try {
            int access = delete("access_log", "occurred_at", accessLog);
            int refusals = delete("refusal_log", "occurred_at", refusalLog);
            int replay = delete("replay_cache", "expires_at", replayCache);
            int kept = delete("request_answer", "expires_at", Duration.ZERO);
            LOG.info("retention purge: {} access-log, {} unauthorised-access-log, {} replay-cache, {} kept-answer rows"
                    + " deleted", access, refusals, replay, kept);
            return access + refusals + replay + kept;
        } catch (SQLException e) {
            throw new IllegalStateException("retention purge failed: " + e.getMessage(), e);
        }
    }

    private int delete(String table, String timeColumn, Duration keep) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             // Names are this class's constants, never input.
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM " + table + " WHERE " + timeColumn + " < ?")) {
            delete.setObject(1, StoredTime.of(clock.instant().minus(keep)));
            int rows = delete.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return rows;
        }
    }
}
