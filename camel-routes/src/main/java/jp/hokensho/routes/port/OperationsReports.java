package jp.hokensho.routes.port;

import jp.hokensho.contract.admin.MonthlyOperationsReport;
import jp.hokensho.contract.admin.UsageReportAnswer;
import jp.hokensho.contract.admin.UsageReportRequest;

/** The reports of the AdminService: appendix 9's usage report and the monthly operations report. */
public interface OperationsReports {
    UsageReportAnswer usage(UsageReportRequest request);

    /** @param month {@code 2026-11}: a calendar month of Japanese days */
    MonthlyOperationsReport monthly(String month, boolean includeCsv);
}
