package jp.hokensho.portal.logs;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.hokensho.contract.admin.MonthlyOperationsReport;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;

/**
 * 月次運用報告: a month's verifications by result and source, refusals by reason, each real-time insurer's
 * availability and the batches run; {@code /monthly/csv} downloads it. The month travels in the URL (a GET).
 */
public final class MonthlyReportServlet extends HttpServlet {
    private static final String SCREEN = "月次運用報告";

    private final transient Pages pages;
    private final transient Clock clock;

    public MonthlyReportServlet(Pages pages, Clock clock) {
        this.pages = pages;
        this.clock = clock;
    }

    public static boolean mayView(PortalUser user) {
        return CenterScreen.has(user, CenterScreen.LOG_VIEWING, CenterScreen.MONITORING);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!CenterScreen.admitted(pages, request, response, SCREEN, CenterScreen.LOG_VIEWING,
                CenterScreen.MONITORING)) {
            return;
        }
        String month = request.getParameter("month") == null || request.getParameter("month").isBlank()
                ? YearMonth.now(clock.withZone(ZoneId.of("Asia/Tokyo"))).toString() : request.getParameter("month").strip();
        boolean csv = "/csv".equals(request.getPathInfo());
        var outcome = CenterScreen.call(request, response, center -> center.admin(admin ->
                admin.getMonthlyOperationsReport(month, csv)));
        if (outcome == null) {
            return;
        }
        Map<String, Object> model = PageModel.of(request, "monthly");
        model.put("month", month);
        Map<String, String> errors = new LinkedHashMap<>();
        if (!outcome.ok()) {
            errors.put("month", outcome.problem());
            model.put("errors", errors);
            pages.render(response, outcome.status(), "monthly", model);
            return;
        }
        MonthlyOperationsReport report = outcome.answer();
        if (csv) {
            CenterScreen.download(response, "text/csv; charset=UTF-8", "monthly-" + report.getMonth() + ".csv",
                    report.getCsv());
            return;
        }
        model.put("errors", errors);
        model.put("report", report);
        pages.render(response, 200, "monthly", model);
    }
}
