package jp.hokensho.portal.logs;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.hokensho.contract.admin.ResultCount;
import jp.hokensho.contract.admin.UsageReportAnswer;
import jp.hokensho.contract.admin.UsageReportRequest;
import jp.hokensho.contract.admin.UsageRow;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;

/**
 * 利用状況報告 (appendix 9): per medical institution and day or month, the accesses, the count per result and the
 * re-verifications, as a table, a CSV download ({@code /usage/csv}) and a bar chart ({@code /usage/chart}, PNG).
 * Only dates travel in the URL (a GET: reading a report changes nothing).
 */
public final class UsageReportServlet extends HttpServlet {
    static final List<String> RESULT_LABELS = List.of("有効", "有効期限切れ", "記号番号なし", "保険者番号なし",
            "有効期間前", "保険者接続不可");
    private static final String SCREEN = "利用状況報告";

    private final transient Pages pages;

    public UsageReportServlet(Pages pages) {
        this.pages = pages;
    }

    public static boolean mayView(PortalUser user) {
        return CenterScreen.has(user, CenterScreen.LOG_VIEWING, CenterScreen.MONITORING);
    }

    /** The form as typed: first and last day (Japanese), and day or month. */
    public record UsageForm(String from, String to, String by) {
        String query() {
            return "from=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&to="
                    + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&by=" + URLEncoder.encode(by, StandardCharsets.UTF_8);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!CenterScreen.admitted(pages, request, response, SCREEN, CenterScreen.LOG_VIEWING,
                CenterScreen.MONITORING)) {
            return;
        }
        UsageForm form = new UsageForm(text(request, "from"), text(request, "to"),
                text(request, "by").isEmpty() ? "day" : text(request, "by"));
        String part = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (form.from().isEmpty() && form.to().isEmpty() && part.isEmpty()) {
            pages.render(response, 200, "usage", model(request, form, Map.of()));
            return;
        }
        Map<String, String> errors = validate(form);
        if (!errors.isEmpty()) {
            pages.render(response, 400, "usage", model(request, form, errors));
            return;
        }
        UsageReportRequest asked = new UsageReportRequest();
        asked.setFrom(LocalDate.parse(form.from()));
        asked.setTo(LocalDate.parse(form.to()));
        asked.setBy(form.by());
        asked.setIncludeCsv(part.equals("/csv"));
        asked.setIncludeChart(part.equals("/chart"));
        var outcome = CenterScreen.call(request, response, center -> center.admin(admin -> admin.getUsageReport(asked)));
        if (outcome == null) {
            return;
        }
        if (!outcome.ok()) {
            Map<String, String> problem = new LinkedHashMap<>();
            problem.put(outcome.field() == null ? "" : outcome.field(), outcome.problem());
            pages.render(response, outcome.status(), "usage", model(request, form, problem));
            return;
        }
        UsageReportAnswer report = outcome.answer();
        String name = "usage-" + form.from() + "_" + form.to();
        switch (part) {
            case "/csv" -> CenterScreen.download(response, "text/csv; charset=UTF-8", name + ".csv", report.getCsv());
            case "/chart" -> {
                response.setContentType("image/png");
                response.getOutputStream().write(report.getChartPng());
            }
            default -> {
                Map<String, Object> model = model(request, form, Map.of());
                model.put("rows", report.getRow().stream().map(UsageReportServlet::cells).toList());
                model.put("query", form.query());
                pages.render(response, 200, "usage", model);
            }
        }
    }

    private static Map<String, String> validate(UsageForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate from = date(form.from());
        LocalDate to = date(form.to());
        if (from == null) {
            errors.put("from", "開始日を 2026-11-01 の形で入力してください");
        }
        if (to == null) {
            errors.put("to", "終了日を 2026-11-30 の形で入力してください");
        }
        if (from != null && to != null && to.isBefore(from)) {
            errors.put("to", "終了日は開始日以降にしてください");
        }
        if (!form.by().equals("day") && !form.by().equals("month")) {
            errors.put("by", "日別か月別を選んでください");
        }
        return errors;
    }

    /** One row as shown: institution, period, accesses, the six results, re-verifications. */
    public record Cells(String institution, String period, boolean total, long accesses, List<Long> results,
                        long reverifications) {
    }

    static Cells cells(UsageRow row) {
        return new Cells(row.getInstitutionCode() == null ? row.getInstitutionName()
                : row.getInstitutionName() + "（" + row.getInstitutionCode() + "）", row.getPeriod(),
                row.getPeriod().equals("合計"), row.getAccesses(),
                row.getResultCount().stream().map(ResultCount::getCount).toList(), row.getReverifications());
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value.strip();
    }

    private static Map<String, Object> model(HttpServletRequest request, UsageForm form, Map<String, String> errors) {
        Map<String, Object> model = PageModel.of(request, "usage");
        model.put("form", form);
        model.put("errors", errors);
        model.put("resultLabels", RESULT_LABELS);
        return model;
    }
}
