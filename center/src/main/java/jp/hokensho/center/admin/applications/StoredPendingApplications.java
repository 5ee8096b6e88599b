package jp.hokensho.center.admin.applications;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import jp.hokensho.routes.port.PendingApplications;

/**
 * The applications waiting for the center's decision, counted for the access review from {@code admin_application}:
 * per organisation (every kind), and per person for applications that name an existing user (change, removal).
 */
public final class StoredPendingApplications implements PendingApplications {
    private static final String BY_ORGANISATION = "SELECT organisation_code, COUNT(*) FROM admin_application"
            + " WHERE state = 'PENDING' GROUP BY organisation_code";
    private static final String BY_USER = "SELECT user_id, COUNT(*) FROM admin_application"
            + " WHERE state = 'PENDING' AND kind IN ('USER_CHANGE', 'USER_REMOVE') AND user_id IS NOT NULL"
            + " GROUP BY user_id";

    private final DataSource dataSource;

    public StoredPendingApplications(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Counts pending() {
        try (Connection connection = dataSource.getConnection()) {
            return new Counts(counts(connection, BY_ORGANISATION), counts(connection, BY_USER));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the pending applications", e);
        }
    }

    private static Map<String, Integer> counts(Connection connection, String sql) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }
}
