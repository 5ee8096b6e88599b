package jp.hokensho.center.e2e;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/** Look-ups in the center's database, the evidence end-to-end tests check beside the answers. */
final class CenterDatabaseQueries {
    private final Supplier<DataSource> dataSource;

    CenterDatabaseQueries(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /** On the stack's current center: {@link CenterStack#restartCenter} replaces it, and its data source. */
    static CenterDatabaseQueries of(CenterStack stack) {
        return new CenterDatabaseQueries(() -> stack.center.database().dataSource());
    }

    /** The first column of every row, as strings (null stays null); parameters bind as strings in order. */
    List<String> query(String sql, String... parameters) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource.get().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    /**
     * Everything the rows hold, as one text: each column as the driver renders it, and binary columns also decoded
     * as UTF-8, so that text stored in a binary column would show too.
     */
    String dump(String sql, String... parameters) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection connection = dataSource.get().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int column = 1; column <= columns; column++) {
                        text.append(rows.getString(column)).append('|');
                        if (isBinary(rows.getMetaData().getColumnType(column))) {
                            byte[] bytes = rows.getBytes(column);
                            text.append(bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8)).append('|');
                        }
                    }
                    text.append('\n');
                }
            }
        }
        return text.toString();
    }

    private static boolean isBinary(int type) {
        return type == Types.BLOB || type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY;
    }

    /** True on the embedded H2 database, false on MariaDB. */
    boolean isH2() throws Exception {
        try (Connection connection = dataSource.get().getConnection()) {
            return "H2".equals(connection.getMetaData().getDatabaseProductName());
        }
    }

    /** A single number, such as a {@code COUNT(*)}. */
    long count(String sql, String... parameters) throws Exception {
        try (Connection connection = dataSource.get().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** How many verifications the center has recorded. */
    long verificationCount() throws Exception {
        return count("SELECT COUNT(*) FROM verification_record");
    }

    /**
     * The id of the newest refusal_log row (0 when empty). A test takes it before the call under test and asserts
     * on {@link #refusalReasonsAfter} only: the log is shared by every test of the class, so a reason found
     * anywhere in it may have been written by another test.
     */
    long lastRefusalId() throws Exception {
        return count("SELECT COALESCE(MAX(id), 0) FROM refusal_log");
    }

    /** The reason codes of the refusals logged after {@code lastRefusalId}, oldest first. */
    List<String> refusalReasonsAfter(long lastRefusalId) throws Exception {
        return query("SELECT reason_code FROM refusal_log WHERE id > ? ORDER BY id", Long.toString(lastRefusalId));
    }

    /** The reason codes of the refusals of this person's calls of this operation. */
    List<String> refusalReasons(String user, String operation) throws Exception {
        return query("SELECT reason_code FROM refusal_log WHERE user_id = ? AND operation = ?", user, operation);
    }
}
