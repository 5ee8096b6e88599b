package jp.hokensho.center.admin.logs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.CardKeyHmac;
import jp.hokensho.contract.admin.ServiceLogEntry;
import jp.hokensho.contract.admin.ServiceLogKind;

/**
 * Reads one of the three logs by a {@link LogSearch}, newest first, over each table's time index. Verification
 * records name their card by its HMAC (as the other logs do), never by symbol and number.
 */
final class ServiceLogQuery {
    private static final int FETCH_SIZE = 500;

    /** Each log's table, its columns in {@link ServiceLogEntry}'s terms, and its newest-first order. */
    private enum Table {
        VERIFICATION("verification_record", "requested_at", "requester_org_code", "requester_user_id", "result_code",
                "requested_at, requester_org_code, requester_user_id, NULL, result_code, verification_number,"
                        + " insurer_number, card_symbol, card_number, data_source, NULL, NULL, NULL",
                "requested_at DESC, chain_id DESC, position DESC"),
        ACCESS("access_log", "occurred_at", "organisation_code", "user_id", "outcome",
                "occurred_at, organisation_code, user_id, operation, outcome, NULL, NULL, NULL, NULL, NULL,"
                        + " certificate_serial, duration_ms, NULL", "occurred_at DESC, id DESC"),
        REFUSAL("refusal_log", "occurred_at", "organisation_code", "user_id", "reason_code",
                "occurred_at, organisation_code, user_id, operation, reason_code, NULL, NULL, NULL, NULL, NULL, NULL,"
                        + " NULL, detail", "occurred_at DESC, id DESC");

        final String name;
        final String time;
        final String organisation;
        final String user;
        final String outcome;
        final String columns;
        final String order;

        Table(String name, String time, String organisation, String user, String outcome, String columns,
              String order) {
            this.name = name;
            this.time = time;
            this.organisation = organisation;
            this.user = user;
            this.outcome = outcome;
            this.columns = columns;
            this.order = order;
        }
    }

    private final DataSource dataSource;
    private final CardKeyHmac cardNames;

    ServiceLogQuery(DataSource dataSource, CardKeyHmac cardNames) {
        this.dataSource = dataSource;
        this.cardNames = cardNames;
    }

    long count(LogSearch search) {
        Table table = Table.valueOf(search.log().name());
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM " + table.name + where(table, search, parameters);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting " + table.name + " failed", e);
        }
    }

    /** Hands each entry of the page (or of everything, when {@code limit} is negative) to {@code sink}. */
    void read(LogSearch search, int offset, int limit, Consumer<ServiceLogEntry> sink) {
        Table table = Table.valueOf(search.log().name());
        List<Object> parameters = new ArrayList<>();
        String sql = "SELECT " + table.columns + " FROM " + table.name + where(table, search, parameters)
                + " ORDER BY " + table.order;
        if (limit >= 0) {
            sql += " LIMIT ? OFFSET ?";
            parameters.add(limit);
            parameters.add(offset);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sink.accept(entry(search.log(), rows));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + table.name + " failed", e);
        }
    }

    private static String where(Table table, LogSearch search, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        condition(conditions, parameters, table.organisation + " = ?", search.organisationCode());
        condition(conditions, parameters, table.user + " = ?", search.userId());
        condition(conditions, parameters, table.time + " >= ?", search.from() == null ? null
                : StoredTime.of(search.from().atStartOfDay(LogSearch.JAPAN).toInstant()));
        condition(conditions, parameters, table.time + " < ?", search.to() == null ? null
                : StoredTime.of(search.to().plusDays(1).atStartOfDay(LogSearch.JAPAN).toInstant()));
        condition(conditions, parameters, table.outcome + " = ?", search.outcome());
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void condition(List<String> conditions, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.add(value);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }

    private ServiceLogEntry entry(ServiceLogKind log, ResultSet rows) throws SQLException {
        ServiceLogEntry entry = new ServiceLogEntry();
        entry.setLog(log);
        entry.setAt(StoredTime.toOffsetDateTime(rows.getObject(1, LocalDateTime.class)));
        entry.setOrganisationCode(rows.getString(2));
        entry.setUserId(rows.getString(3));
        entry.setOperation(rows.getString(4));
        entry.setOutcome(rows.getString(5));
        entry.setVerificationNumber(rows.getString(6));
        entry.setInsurerNumber(rows.getString(7));
        if (rows.getString(9) != null) {
            entry.setCard(cardNames.of(rows.getString(7), rows.getString(8), rows.getString(9)));
        }
        entry.setSource(rows.getString(10));
        entry.setCertificateSerial(rows.getString(11));
        long duration = rows.getLong(12);
        entry.setDurationMs(rows.wasNull() ? null : duration);
        entry.setDetail(rows.getString(13));
        return entry;
    }
}
