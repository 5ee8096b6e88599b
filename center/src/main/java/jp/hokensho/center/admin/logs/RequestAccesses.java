package jp.hokensho.center.admin.logs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.admin.ServiceLogEntry;
import jp.hokensho.contract.admin.ServiceLogKind;
import jp.hokensho.contract.types.VerificationRecord;

/**
 * The access-log entries of the request that made a verification. The access log has no 認証番号: an entry is the
 * request's when it is the same person of the same organisation and the request's span (its end minus its
 * duration, to its end) holds the record's time. A batch item's request is its batch's submitBatch call.
 */
final class RequestAccesses {
    /** A request ends at most this long after its record (a synchronous batch of 1000 items takes a while). */
    private static final Duration LONGEST_REQUEST = Duration.ofMinutes(10);
    /**
     * The duration is cut to whole milliseconds, so the request's computed start may lie up to 1 ms after its true
     * start: allow for that, and no more (a wider margin took in the same person's next request).
     */
    private static final Duration SLACK = Duration.ofMillis(2);
    private static final String CANDIDATES = "SELECT occurred_at, organisation_code, user_id, operation, outcome,"
            + " certificate_serial, duration_ms FROM access_log WHERE user_id = ? AND organisation_code = ?"
            + " AND occurred_at >= ? AND occurred_at <= ? ORDER BY occurred_at, id";
    private static final String BATCH = "SELECT reception_number, submitted_at FROM batch_job WHERE reception_number ="
            + " (SELECT MIN(reception_number) FROM batch_item WHERE verification_number = ?)";

    private final DataSource dataSource;

    RequestAccesses(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Optional<String> batchOf(String verificationNumber) {
        return batch(verificationNumber).map(Batch::receptionNumber);
    }

    List<ServiceLogEntry> of(VerificationRecord record, String batchReceptionNumber) {
        Instant at = record.getRequestedAt().toInstant();
        if (batchReceptionNumber != null) {
            at = batch(record.getVerificationNumber()).map(Batch::submittedAt).orElse(at);
        }
        return spanning(record.getRequesterUserId(), record.getRequesterOrganisation(), at);
    }

    private List<ServiceLogEntry> spanning(String userId, String organisationCode, Instant at) {
        List<ServiceLogEntry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(CANDIDATES)) {
            select.setString(1, userId);
            select.setString(2, organisationCode);
            select.setObject(3, StoredTime.of(at.minus(SLACK)));
            select.setObject(4, StoredTime.of(at.plus(LONGEST_REQUEST)));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Instant end = StoredTime.toInstant(rows.getObject(1, LocalDateTime.class));
                    long duration = Math.max(0, rows.getLong(7));
                    if (!end.minusMillis(duration).minus(SLACK).isAfter(at)) {
                        entries.add(entry(rows, duration));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading access_log for a trace failed", e);
        }
        return entries;
    }

    private static ServiceLogEntry entry(ResultSet rows, long duration) throws SQLException {
        ServiceLogEntry entry = new ServiceLogEntry();
        entry.setLog(ServiceLogKind.ACCESS);
        entry.setAt(StoredTime.toOffsetDateTime(rows.getObject(1, LocalDateTime.class)));
        entry.setOrganisationCode(rows.getString(2));
        entry.setUserId(rows.getString(3));
        entry.setOperation(rows.getString(4));
        entry.setOutcome(rows.getString(5));
        entry.setCertificateSerial(rows.getString(6));
        entry.setDurationMs(duration);
        return entry;
    }

    private record Batch(String receptionNumber, Instant submittedAt) {
    }

    private Optional<Batch> batch(String verificationNumber) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(BATCH)) {
            select.setString(1, verificationNumber);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new Batch(rows.getString(1),
                        StoredTime.toInstant(rows.getObject(2, LocalDateTime.class)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading batch_item for a trace failed", e);
        }
    }
}
