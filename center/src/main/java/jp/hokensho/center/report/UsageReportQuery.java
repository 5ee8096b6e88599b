package jp.hokensho.center.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import jp.hokensho.center.persistence.StoredTime;
import jp.hokensho.contract.types.ResultCode;

/**
 * Reads {@code verification_record} once, in (institution, time) order over the (requester_org_code,
 * requested_at) index, and counts each record into its Japanese calendar day's period. A re-verification is
 * a card (insurer, symbol, number; not the branch) that the same institution already verified in the same
 * period, which a streaming pass sees directly; in SQL it would need a window function per period.
 */
public final class UsageReportQuery {
    /** Periods are days in Japan, while times are stored in UTC. */
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final String SELECT = "SELECT r.requester_org_code, o.name, r.requested_at, r.insurer_number,"
            + " r.card_symbol, r.card_number, r.result_code FROM verification_record r"
            + " LEFT JOIN organisation o ON o.code = r.requester_org_code"
            + " WHERE r.requested_at >= ? AND r.requested_at < ?"
            + " ORDER BY r.requester_org_code, r.requested_at, r.chain_id, r.position";
    private static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;

    public UsageReportQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public UsageReport run(List<UsagePeriod> periods) {
        NavigableMap<LocalDate, UsagePeriod> byStart = new TreeMap<>();
        periods.forEach(period -> byStart.put(period.from(), period));
        LocalDate first = periods.stream().map(UsagePeriod::from).min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last = periods.stream().map(UsagePeriod::to).max(Comparator.naturalOrder()).orElseThrow();
        List<InstitutionUsage> institutions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setObject(1, startOfDayUtc(first));
            select.setObject(2, startOfDayUtc(last.plusDays(1)));
            select.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = select.executeQuery()) {
                InstitutionUsage current = null;
                Set<Map.Entry<UsagePeriod, List<String>>> seenCards = new HashSet<>();
                while (rows.next()) {
                    String code = rows.getString(1);
                    if (current == null || !current.code().equals(code)) {
                        current = new InstitutionUsage(code, rows.getString(2) != null ? rows.getString(2) : code);
                        institutions.add(current);
                        seenCards.clear();
                    }
                    LocalDate day = StoredTime.toInstant(rows.getObject(3, LocalDateTime.class)).atZone(JAPAN)
                            .toLocalDate();
                    Map.Entry<LocalDate, UsagePeriod> candidate = byStart.floorEntry(day);
                    if (candidate == null || !candidate.getValue().contains(day)) {
                        continue; // between two named sessions
                    }
                    UsagePeriod period = candidate.getValue();
                    List<String> card = cardKey(rows.getString(4), rows.getString(5), rows.getString(6));
                    boolean reverification = !seenCards.add(Map.entry(period, card));
                    current.period(period).add(ResultCode.valueOf(rows.getString(7)), reverification);
                }
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("usage report query failed", e);
        }
        return new UsageReport(List.copyOf(periods), institutions);
    }

    private static LocalDateTime startOfDayUtc(LocalDate day) {
        return StoredTime.of(day.atStartOfDay(JAPAN).toInstant());
    }

    /** Missing parts (a query refused before its number was read) are kept as empty, not as one shared null. */
    private static List<String> cardKey(String insurer, String symbol, String number) {
        return List.of(insurer == null ? "" : insurer, symbol == null ? "" : symbol, number == null ? "" : number);
    }
}
