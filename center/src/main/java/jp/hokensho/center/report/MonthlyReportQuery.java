package jp.hokensho.center.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.admin.BatchCount;
import jp.hokensho.contract.admin.InsurerAvailabilityRow;
import jp.hokensho.contract.admin.MonthlyOperationsReport;
import jp.hokensho.contract.admin.ReasonCount;
import jp.hokensho.contract.admin.VolumeCount;

/**
 * The monthly operations report of one calendar month of Japanese days: verifications by result and source,
 * refusals by reason, each real-time insurer's availability (from {@code insurer_availability}) and the batches
 * submitted. Availability is answered calls over the calls the center needed to make (short-circuited ones
 * included), cut (not rounded up) to two decimals so that 100.00 means no call failed; no calls, no figure.
 */
public final class MonthlyReportQuery {
    private static final String VOLUMES = "SELECT result_code, data_source, COUNT(*) FROM verification_record"
            + " WHERE requested_at >= ? AND requested_at < ? GROUP BY result_code, data_source";
    private static final String REFUSALS = "SELECT reason_code, COUNT(*) FROM refusal_log"
            + " WHERE occurred_at >= ? AND occurred_at < ? GROUP BY reason_code";
    private static final String REAL_TIME_INSURERS = "SELECT insurer_number, name FROM insurer"
            + " WHERE delivery_mode = 'REAL_TIME' ORDER BY insurer_number";
    private static final String AVAILABILITY = "SELECT a.insurer_number, SUM(a.answered), SUM(a.failed),"
            + " SUM(a.short_circuited), SUM(a.breaker_openings), SUM(a.latency_ms_total), MAX(a.latency_ms_max),"
            + " COUNT(DISTINCT CASE WHEN a.answered + a.failed + a.short_circuited > 0 THEN a.hour_start END),"
            + " COUNT(DISTINCT CASE WHEN a.failed + a.short_circuited > 0 THEN a.hour_start END)"
            + " FROM insurer_availability a WHERE a.hour_start >= ? AND a.hour_start < ? GROUP BY a.insurer_number";
    private static final String BATCHES = "SELECT status, COUNT(*), SUM(total_items) FROM batch_job"
            + " WHERE submitted_at >= ? AND submitted_at < ? GROUP BY status ORDER BY status";
    private static final String SYNCHRONOUS_BATCHES = "SELECT COUNT(*) FROM access_log WHERE operation ="
            + " 'urn:verifyEligibilityBatch' AND occurred_at >= ? AND occurred_at < ?";

    private final DataSource dataSource;

    public MonthlyReportQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public MonthlyOperationsReport run(YearMonth month) {
        LocalDateTime start = StoredTime.of(month.atDay(1).atStartOfDay(UsageReportQuery.JAPAN).toInstant());
        LocalDateTime end = StoredTime.of(month.plusMonths(1).atDay(1).atStartOfDay(UsageReportQuery.JAPAN)
                .toInstant());
        MonthlyOperationsReport report = new MonthlyOperationsReport();
        report.setMonth(month.toString());
        report.setFrom(month.atDay(1));
        report.setTo(month.atEndOfMonth());
        try (Connection connection = dataSource.getConnection()) {
            read(connection, VOLUMES, start, end, rows -> report.getVolume().add(volume(rows)));
            report.getVolume().sort(Comparator.comparing((VolumeCount v) -> resultOrder(v.getResult()))
                    .thenComparing(v -> v.getSource() == null ? "" : v.getSource()));
            report.setVerifications(report.getVolume().stream().mapToLong(VolumeCount::getCount).sum());
            read(connection, REFUSALS, start, end, rows -> report.getRefusal().add(reason(rows)));
            report.getRefusal().sort(Comparator.comparing(ReasonCount::getCount).reversed()
                    .thenComparing(ReasonCount::getReason));
            report.setRefusals(report.getRefusal().stream().mapToLong(ReasonCount::getCount).sum());
            report.getInsurer().addAll(insurers(connection, start, end));
            read(connection, BATCHES, start, end, rows -> report.getBatch().add(batch(rows.getString(1),
                    rows.getLong(2), rows.getLong(3))));
            read(connection, SYNCHRONOUS_BATCHES, start, end, rows -> {
                if (rows.getLong(1) > 0) {
                    report.getBatch().add(batch("SYNCHRONOUS", rows.getLong(1), null));
                }
            });
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("monthly report query for " + month + " failed", e);
        }
        return report;
    }

    private List<InsurerAvailabilityRow> insurers(Connection connection, LocalDateTime start, LocalDateTime end)
            throws SQLException {
        Map<String, InsurerAvailabilityRow> byNumber = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(REAL_TIME_INSURERS);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                byNumber.put(rows.getString(1), emptyRow(rows.getString(1), rows.getString(2)));
            }
        }
        // An insurer switched to pre-stored (or removed) during the month still shows its real-time calls.
        read(connection, AVAILABILITY, start, end, rows -> fill(byNumber.computeIfAbsent(rows.getString(1),
                number -> emptyRow(number, null)), rows));
        return List.copyOf(byNumber.values());
    }

    private static InsurerAvailabilityRow emptyRow(String number, String name) {
        InsurerAvailabilityRow row = new InsurerAvailabilityRow();
        row.setInsurerNumber(number);
        row.setInsurerName(name);
        return row;
    }

    private static void fill(InsurerAvailabilityRow row, ResultSet rows) throws SQLException {
        row.setAnswered(rows.getLong(2));
        row.setFailed(rows.getLong(3));
        row.setShortCircuited(rows.getLong(4));
        row.setBreakerOpenings(rows.getLong(5));
        row.setCalls(row.getAnswered() + row.getFailed() + row.getShortCircuited());
        row.setHoursWithCalls(rows.getLong(8));
        row.setHoursWithFailures(rows.getLong(9));
        if (row.getCalls() > 0) {
            row.setAvailabilityPercent(BigDecimal.valueOf(row.getAnswered() * 100L)
                    .divide(BigDecimal.valueOf(row.getCalls()), 2, RoundingMode.DOWN));
        }
        if (row.getAnswered() > 0) {
            row.setAverageLatencyMs(rows.getLong(6) / row.getAnswered());
            row.setMaxLatencyMs(rows.getLong(7));
        }
    }

    private static VolumeCount volume(ResultSet rows) throws SQLException {
        VolumeCount volume = new VolumeCount();
        volume.setResult(rows.getString(1));
        volume.setSource(rows.getString(2));
        volume.setCount(rows.getLong(3));
        return volume;
    }

    private static ReasonCount reason(ResultSet rows) throws SQLException {
        ReasonCount reason = new ReasonCount();
        reason.setReason(rows.getString(1));
        reason.setCount(rows.getLong(2));
        return reason;
    }

    private static BatchCount batch(String status, long batches, Long items) {
        BatchCount batch = new BatchCount();
        batch.setStatus(status);
        batch.setBatches(batches);
        batch.setItems(items);
        return batch;
    }

    private static int resultOrder(String result) {
        for (int i = 0; i < ResultLabels.ORDER.size(); i++) {
            if (ResultLabels.ORDER.get(i).value().equals(result)) {
                return i;
            }
        }
        return ResultLabels.ORDER.size();
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private static void read(Connection connection, String sql, LocalDateTime start, LocalDateTime end,
                             RowReader reader) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, start);
            select.setObject(2, end);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }

    static String label(String result) {
        return ResultLabels.ORDER.stream().filter(code -> code.value().equals(result)).findFirst()
                .map(ResultLabels::label).orElse(result);
    }

}
