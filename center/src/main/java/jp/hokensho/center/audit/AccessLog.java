package jp.hokensho.center.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.GroupCommit;
import jp.hokensho.center.persistence.JdbcGroupTransaction;
import jp.hokensho.center.persistence.StoredTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log (アクセスログ) in {@code access_log}: who called what, with which certificate, the outcome
 * and the time taken. Mirrored to the logger {@code jp.hokensho.center.access}; never throws into the
 * request being served.
 */
public class AccessLog implements AutoCloseable {
    private static final Logger ACCESS = LoggerFactory.getLogger("jp.hokensho.center.access");
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final String INSERT = "INSERT INTO access_log (occurred_at, user_id, organisation_code,"
            + " certificate_serial, operation, outcome, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final Clock clock;
    private volatile GroupCommit<Entry, Boolean> groupCommit;

    /** One row of the log. */
    private record Entry(LocalDateTime occurredAt, String userId, String organisationCode, String certificateSerial,
                         String operation, String outcome, long durationMillis) {
    }

    public AccessLog(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public AccessLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Stores the rows of concurrent requests in groups ({@code center.access-log.group-commit.max-records}): one
     * insert batch and one durable commit for what is waiting instead of a commit per request; each request still
     * waits until its own row committed. Call before the first record; {@link #close()} stops the writer.
     */
    public AccessLog groupCommits(int maxRecords) {
        if (maxRecords > 1) {
            groupCommit = new GroupCommit<>(this::insert, maxRecords, "access-log-writer");
        }
        return this;
    }

    /** @param certificateSerial decimal serial of the caller's certificate, or null if none was trusted */
    public void record(String userId, String organisationCode, String certificateSerial, String operation,
                       String outcome, long durationMillis) {
        ACCESS.info("user={} organisation={} certificate={} operation={} outcome={} durationMs={}",
                LogText.clean(userId), LogText.clean(organisationCode), LogText.clean(certificateSerial),
                LogText.clean(operation), LogText.clean(outcome), durationMillis);
        Entry entry = new Entry(StoredTime.now(clock), LogText.fit(userId, 64), LogText.fit(organisationCode, 40),
                LogText.fit(certificateSerial, 64), LogText.fit(operation == null ? "UNKNOWN" : operation, 100),
                LogText.fit(outcome == null ? "UNKNOWN" : outcome, 60), durationMillis);
        try {
            GroupCommit<Entry, Boolean> group = groupCommit;
            if (group != null) {
                group.commit(entry);
            } else {
                insert(List.of(entry));
            }
        } catch (RuntimeException e) {
            LOG.error("Could not store access of user {} to {} in access_log", LogText.clean(userId),
                    LogText.clean(operation), e);
        }
    }

    /** The entries in one transaction (one entry in auto-commit). */
    private List<Boolean> insert(List<Entry> entries) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            JdbcGroupTransaction.run(connection, entries.size(), c -> {
                for (Entry entry : entries) {
                    insert.setObject(1, entry.occurredAt());
                    insert.setString(2, entry.userId());
                    insert.setString(3, entry.organisationCode());
                    insert.setString(4, entry.certificateSerial());
                    insert.setString(5, entry.operation());
                    insert.setString(6, entry.outcome());
                    insert.setLong(7, entry.durationMillis());
                    insert.addBatch();
                }
                return insert.executeBatch();
            });
            return entries.stream().map(entry -> Boolean.TRUE).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot insert " + entries.size() + " access_log rows", e);
        }
    }

    /** Stores the rows still waiting for the group writer, then stops it. */
    @Override
    public void close() {
        GroupCommit<Entry, Boolean> group = groupCommit;
        if (group != null) {
            group.close();
        }
    }
}
