package jp.hokensho.center.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import jp.hokensho.contract.admin.MonthlyOperationsReport;
import jp.hokensho.contract.admin.ReportPeriod;
import jp.hokensho.contract.admin.ResultCount;
import jp.hokensho.contract.admin.UsageReportAnswer;
import jp.hokensho.contract.admin.UsageReportRequest;
import jp.hokensho.contract.admin.UsageRow;
import jp.hokensho.routes.port.AdminRequestProblem;
import jp.hokensho.routes.port.OperationsReports;

/**
 * The AdminService's reports: appendix 9's usage report (the same query, CSV and chart as {@code center report
 * usage}) and the monthly operations report. A usage report spans at most {@value #MAX_PERIODS} periods.
 */
public final class StoredOperationsReports implements OperationsReports {
    static final int MAX_PERIODS = 366;

    private final DataSource dataSource;

    public StoredOperationsReports(DataSource dataSource) {
        this.dataSource = dataSource;
        // The chart is drawn off screen: a server has no display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    @Override
    public UsageReportAnswer usage(UsageReportRequest request) {
        List<UsagePeriod> periods = periods(request);
        UsageReport report = new UsageReportQuery(dataSource).run(periods);
        UsageReportAnswer answer = new UsageReportAnswer();
        periods.forEach(period -> answer.getPeriod().add(period(period)));
        for (InstitutionUsage institution : report.institutions()) {
            for (Map.Entry<UsagePeriod, UsageCounts> period : institution.periods().entrySet()) {
                answer.getRow().add(row(institution.code(), institution.name(), period.getKey(), period.getValue()));
            }
            answer.getRow().add(row(institution.code(), institution.name(), null, institution.total()));
        }
        answer.getRow().add(row(null, report.institutions().size() + "医療機関合計", null, report.overall()));
        try {
            if (Boolean.TRUE.equals(request.isIncludeCsv())) {
                ByteArrayOutputStream csv = new ByteArrayOutputStream();
                UsageCsv.write(report, csv);
                answer.setCsv(csv.toByteArray());
            }
            if (Boolean.TRUE.equals(request.isIncludeChart())) {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                UsageChart.write(report, "認証アクセス件数 " + UsageCsv.first(report) + " - " + UsageCsv.last(report),
                        png);
                answer.setChartPng(png.toByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer;
    }

    @Override
    public MonthlyOperationsReport monthly(String month, boolean includeCsv) {
        MonthlyOperationsReport report = new MonthlyReportQuery(dataSource).run(month(month));
        if (includeCsv) {
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            try {
                MonthlyReportCsv.write(report, csv);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            report.setCsv(csv.toByteArray());
        }
        return report;
    }

    /** {@code 2026-11}; anything else is the caller's mistake, named. */
    public static YearMonth month(String month) {
        if (month == null || month.isBlank()) {
            throw new AdminRequestProblem("MISSING_FIELD", "month", "give the month, e.g. 2026-11");
        }
        try {
            return YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            throw new AdminRequestProblem("INVALID_FIELD", "month", "'" + month + "' is not a month like 2026-11");
        }
    }

    private static List<UsagePeriod> periods(UsageReportRequest request) {
        List<UsagePeriod> periods;
        try {
            if (!request.getSession().isEmpty()) {
                if (request.getFrom() != null || request.getTo() != null) {
                    throw new AdminRequestProblem("INVALID_FIELD", "session", "give sessions or from/to, not both");
                }
                periods = new ArrayList<>();
                for (ReportPeriod session : request.getSession()) {
                    periods.add(new UsagePeriod(session.getName(), session.getFrom(), session.getTo()));
                }
                UsagePeriods.checkApart(periods);
            } else if (request.getFrom() == null || request.getTo() == null) {
                throw new AdminRequestProblem("MISSING_FIELD", request.getFrom() == null ? "from" : "to",
                        "give from and to (Japanese calendar days), or sessions");
            } else {
                String by = request.getBy() == null || request.getBy().isBlank() ? "day" : request.getBy().strip();
                if (!by.equals("day") && !by.equals("month")) {
                    throw new AdminRequestProblem("INVALID_FIELD", "by", "by is day or month, not " + by);
                }
                if (request.getTo().isBefore(request.getFrom())) {
                    throw new AdminRequestProblem("INVALID_PERIOD", "to", "the period ends (" + request.getTo()
                            + ") before it starts (" + request.getFrom() + ")");
                }
                if (by.equals("day") && request.getFrom().plusDays(MAX_PERIODS).isBefore(request.getTo())) {
                    throw new AdminRequestProblem("PERIOD_TOO_LONG", "to", "by day, a report spans at most "
                            + MAX_PERIODS + " days: report by month, or a shorter period");
                }
                periods = by.equals("month") ? UsagePeriods.byMonth(request.getFrom(), request.getTo())
                        : UsagePeriods.byDay(request.getFrom(), request.getTo());
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AdminRequestProblem("INVALID_PERIOD", "session", e.getMessage());
        }
        if (periods.size() > MAX_PERIODS) {
            throw new AdminRequestProblem("PERIOD_TOO_LONG", "to", "a report holds at most " + MAX_PERIODS
                    + " periods, not " + periods.size());
        }
        return periods;
    }

    private static ReportPeriod period(UsagePeriod period) {
        ReportPeriod answer = new ReportPeriod();
        answer.setName(period.name());
        answer.setFrom(period.from());
        answer.setTo(period.to());
        return answer;
    }

    /** @param period null for a total line (period 合計) */
    private static UsageRow row(String code, String name, UsagePeriod period, UsageCounts counts) {
        UsageRow row = new UsageRow();
        row.setInstitutionCode(code);
        row.setInstitutionName(name);
        row.setPeriod(period == null ? UsageCsv.TOTAL : period.name());
        if (period != null) {
            row.setFrom(period.from());
            row.setTo(period.to());
        }
        row.setAccesses(counts.accesses());
        row.setReverifications(counts.reverifications());
        for (var result : ResultLabels.ORDER) {
            ResultCount count = new ResultCount();
            count.setResult(result);
            count.setCount(counts.count(result));
            count.setReverifications(counts.reverificationCount(result));
            row.getResultCount().add(count);
        }
        return row;
    }
}
