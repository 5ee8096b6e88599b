package jp.hokensho.center.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.routes.port.RefusalLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unauthorised-access log (不正アクセスログ) in {@code refusal_log}, mirrored to the logger
 * {@code jp.hokensho.center.unauthorised}. Never throws: a refusal must be answered even when the
 * database is down, so a failed insert is logged instead.
 */
public class JdbcRefusalLog implements RefusalLog {
    private static final Logger UNAUTHORISED = LoggerFactory.getLogger("jp.hokensho.center.unauthorised");
    private static final Logger LOG = LoggerFactory.getLogger(JdbcRefusalLog.class);
    private static final String INSERT = "INSERT INTO refusal_log (occurred_at, reason_code, user_id,"
            + " organisation_code, operation, detail) VALUES (?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcRefusalLog(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public JdbcRefusalLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public void refused(String reasonCode, String userId, String organisationCode, String operation, String detail) {
        Instant now = clock.instant();
        UNAUTHORISED.warn("refused reason={} user={} organisation={} operation={} detail={}", LogText.clean(reasonCode),
                LogText.clean(userId), LogText.clean(organisationCode), LogText.clean(operation), LogText.clean(detail));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, StoredTime.of(now));
            insert.setString(2, LogText.fit(reasonCode == null ? "UNKNOWN" : reasonCode, 60));
            insert.setString(3, LogText.fit(userId, 64));
            insert.setString(4, LogText.fit(organisationCode, 40));
            insert.setString(5, LogText.fit(operation, 100));
            insert.setString(6, LogText.fit(detail, 1000));
            insert.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.error("Could not store refusal {} of user {} in refusal_log (it is in the log above)",
                    LogText.clean(reasonCode), LogText.clean(userId), e);
        }
    }
}
