package jp.hokensho.center.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.StoredTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log (アクセスログ) in {@code access_log}: who called what, with which certificate, the outcome
 * and the time taken. Mirrored to the logger {@code jp.hokensho.center.access}; never throws into the
 * request being served.
 */
public class AccessLog {
    private static final Logger ACCESS = LoggerFactory.getLogger("jp.hokensho.center.access");
    private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);
    private static final String INSERT = "INSERT INTO access_log (occurred_at, user_id, organisation_code,"
            + " certificate_serial, operation, outcome, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final Clock clock;

    public AccessLog(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public AccessLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** @param certificateSerial decimal serial of the caller's certificate, or null if none was trusted */
    public void record(String userId, String organisationCode, String certificateSerial, String operation,
                       String outcome, long durationMillis) {
        ACCESS.info("user={} organisation={} certificate={} operation={} outcome={} durationMs={}",
                LogText.clean(userId), LogText.clean(organisationCode), LogText.clean(certificateSerial),
                LogText.clean(operation), LogText.clean(outcome), durationMillis);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, StoredTime.now(clock));
            insert.setString(2, LogText.fit(userId, 64));
            insert.setString(3, LogText.fit(organisationCode, 40));
            insert.setString(4, LogText.fit(certificateSerial, 64));
            insert.setString(5, LogText.fit(operation == null ? "UNKNOWN" : operation, 100));
            insert.setString(6, LogText.fit(outcome == null ? "UNKNOWN" : outcome, 60));
            insert.setLong(7, durationMillis);
            insert.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.error("Could not store access of user {} to {} in access_log", LogText.clean(userId),
                    LogText.clean(operation), e);
        }
    }
}
