package jp.hokensho.insurer.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card server's access log and unauthorised-access log as tables ({@code adapter_access_log},
 * {@code adapter_unauthorised_log}), written next to the SLF4J loggers. Writing never throws into the caller:
 * a failure (database down, pool closed) is reported on this class's logger and the request or command goes on.
 */
public final class AdapterLog {
    /** Writes nothing: for code run without the adapter's database. */
    public static final AdapterLog NONE = new AdapterLog(null, Clock.systemUTC());
    private static final Logger FAILURES = LoggerFactory.getLogger(AdapterLog.class);

    private final DataSource dataSource;
    private final Clock clock;

    public AdapterLog(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public AdapterLog(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    /** One queryCard: who asked (institution, verification number), about which insurer, the outcome, how long. */
    public void query(String institution, String verificationNumber, String insurer, String outcome, long durationMs) {
        write("INSERT INTO adapter_access_log (logged_at, kind, requesting_institution, verification_number,"
                + " insurer_number, outcome, duration_ms) VALUES (?, 'QUERY', ?, ?, ?, ?, ?)",
                clean(institution, 200), clean(verificationNumber, 40), clean(insurer, 8), clean(outcome, 20),
                durationMs);
    }

    /** One command an authenticated, authorised user ran, with its outcome (OK, FAILED, USAGE). */
    public void command(String user, String command, String outcome, long durationMs) {
        write("INSERT INTO adapter_access_log (logged_at, kind, user_id, command, outcome, duration_ms)"
                + " VALUES (?, 'COMMAND', ?, ?, ?, ?)", clean(user, 64), clean(command, 32), clean(outcome, 20),
                durationMs);
    }

    /** A refused queryCard request. */
    public void refusedRequest(RefusalReason reason, String remoteAddress, String detail) {
        write("INSERT INTO adapter_unauthorised_log (logged_at, source, reason, remote_address, detail)"
                + " VALUES (?, 'ENDPOINT', ?, ?, ?)", reason.name(), clean(remoteAddress, 64), clean(detail, 500));
    }

    /** A refused command: the user id as typed, the command, why. */
    public void refusedCommand(RefusalReason reason, String user, String command, String detail) {
        write("INSERT INTO adapter_unauthorised_log (logged_at, source, reason, user_id, command, detail)"
                + " VALUES (?, 'COMMAND', ?, ?, ?, ?)", reason.name(), clean(user, 64), clean(command, 32),
                clean(detail, 500));
    }

    private void write(String sql, Object... values) {
        if (dataSource == null) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)));
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v == null) {
                    ps.setNull(i + 2, Types.VARCHAR);
                } else if (v instanceof Long l) {
                    ps.setLong(i + 2, l);
                } else {
                    ps.setString(i + 2, v.toString());
                }
            }
            ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            FAILURES.error("could not write the adapter's log table ({})", sql.substring(12, sql.indexOf(' ', 12)), e);
        }
    }

    /** Without control characters (no forged lines in an export) and cut to the column's length. */
    static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        String v = value.replaceAll("\\p{Cntrl}", " ");
        return v.length() <= max ? v : v.substring(0, max);
    }
}
