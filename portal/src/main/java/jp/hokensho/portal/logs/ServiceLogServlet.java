package jp.hokensho.portal.logs;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.hokensho.contract.admin.ServiceLogEntry;
import jp.hokensho.contract.admin.ServiceLogExport;
import jp.hokensho.contract.admin.ServiceLogPage;
import jp.hokensho.contract.admin.VerificationTrace;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * サービスログ (policy 10): the center staff search the verification records, the access log and the
 * unauthorised-access log, trace one 認証番号, and (the operations manager) download a search as CSV. Searches are
 * POSTed with the CSRF token, paging too.
 */
public final class ServiceLogServlet extends HttpServlet {
    static final int PAGE_SIZE = 50;
    private static final Logger LOG = LoggerFactory.getLogger(ServiceLogServlet.class);
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final String SCREEN = "サービスログ";

    private final transient Pages pages;

    public ServiceLogServlet(Pages pages) {
        this.pages = pages;
    }

    /** True when the person may open this screen (and so sees its tab). */
    public static boolean mayView(PortalUser user) {
        return CenterScreen.has(user, CenterScreen.LOG_VIEWING);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (CenterScreen.admitted(pages, request, response, SCREEN, CenterScreen.LOG_VIEWING)) {
            pages.render(response, 200, "logs", model(request, LogForm.empty(), Map.of()));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!CenterScreen.admitted(pages, request, response, SCREEN, CenterScreen.LOG_VIEWING)) {
            return;
        }
        String action = request.getParameter("action");
        if ("trace".equals(action)) {
            trace(request, response);
            return;
        }
        LogForm form = LogForm.from(request::getParameter);
        Map<String, String> errors = form.validate();
        if (!errors.isEmpty()) {
            pages.render(response, 400, "logs", model(request, form, errors));
        } else if ("export".equals(action)) {
            export(request, response, form);
        } else {
            search(request, response, form, offset(request));
        }
    }

    private void search(HttpServletRequest request, HttpServletResponse response, LogForm form, int offset)
            throws IOException {
        var outcome = CenterScreen.call(request, response, center -> center.admin(admin ->
                admin.searchServiceLogs(form.criteria(), offset, PAGE_SIZE)));
        if (outcome == null) {
            return;
        }
        Map<String, Object> model = model(request, form, problem(outcome));
        if (outcome.ok()) {
            ServiceLogPage page = outcome.answer();
            model.put("rows", page.getEntry().stream().map(ServiceLogServlet::row).toList());
            model.put("total", page.getTotal());
            model.put("first", page.getEntry().isEmpty() ? 0 : offset + 1);
            model.put("last", offset + page.getEntry().size());
            model.put("previousOffset", offset > 0 ? Math.max(0, offset - PAGE_SIZE) : null);
            model.put("nextOffset", offset + page.getEntry().size() < page.getTotal()
                    ? offset + page.getEntry().size() : null);
        }
        pages.render(response, outcome.status(), "logs", model);
    }

    private void export(HttpServletRequest request, HttpServletResponse response, LogForm form) throws IOException {
        if (!CenterScreen.admitted(pages, request, response, "サービスログのCSV出力", CenterScreen.LOG_MANAGEMENT)) {
            return;
        }
        var outcome = CenterScreen.call(request, response, center -> center.admin(admin ->
                admin.exportServiceLogs(form.criteria())));
        if (outcome == null) {
            return;
        }
        if (!outcome.ok()) {
            pages.render(response, outcome.status(), "logs", model(request, form, problem(outcome)));
            return;
        }
        ServiceLogExport export = outcome.answer();
        LOG.info("{} downloaded {} entries of the {} log", PortalUser.of(request.getSession(false)).center().userId(),
                export.getRows(), form.log());
        CenterScreen.download(response, "text/csv; charset=UTF-8", export.getFileName(), export.getCsv());
    }

    private void trace(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String number = request.getParameter("verificationNumber") == null ? ""
                : request.getParameter("verificationNumber").strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (!number.matches("\\d{1,20}")) {
            errors.put("verificationNumber", "認証番号は20桁までの数字で入力してください");
            Map<String, Object> model = model(request, LogForm.empty(), errors);
            model.put("verificationNumber", number);
            pages.render(response, 400, "logs", model);
            return;
        }
        var outcome = CenterScreen.call(request, response, center -> center.admin(admin ->
                admin.traceVerification(number)));
        if (outcome == null) {
            return;
        }
        Map<String, Object> model = model(request, LogForm.empty(), problem(outcome));
        model.put("verificationNumber", number);
        if (outcome.ok()) {
            VerificationTrace trace = outcome.answer();
            model.put("trace", trace);
            model.put("traceAt", trace.getRecord().getRequestedAt().atZoneSameInstant(JAPAN).format(TIME));
            model.put("traceAccess", trace.getAccess().stream().map(ServiceLogServlet::row).toList());
        }
        pages.render(response, outcome.status(), "logs", model);
    }

    private static Map<String, String> problem(CenterScreen.Outcome<?> outcome) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!outcome.ok()) {
            errors.put(outcome.field() == null ? "" : outcome.field(), outcome.problem());
        }
        return errors;
    }

    /** One line of the table, as shown. */
    public record Row(String log, String at, String organisation, String user, String operation, String outcome,
                      String verificationNumber, String card, String detail) {
    }

    static Row row(ServiceLogEntry entry) {
        String card = entry.getCard() == null ? "" : (entry.getInsurerNumber() + " " + entry.getCard());
        String detail = entry.getLog().value().equals("ACCESS")
                ? (entry.getDurationMs() == null ? "" : entry.getDurationMs() + " ms")
                        + (entry.getCertificateSerial() == null ? "" : " 証明書 " + entry.getCertificateSerial())
                : entry.getSource() != null ? entry.getSource() : entry.getDetail() == null ? "" : entry.getDetail();
        return new Row(LogForm.LOGS.get(entry.getLog().value()),
                entry.getAt().atZoneSameInstant(JAPAN).format(TIME), nullToEmpty(entry.getOrganisationCode()),
                nullToEmpty(entry.getUserId()), nullToEmpty(entry.getOperation()), nullToEmpty(entry.getOutcome()),
                nullToEmpty(entry.getVerificationNumber()), card, detail);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static int offset(HttpServletRequest request) {
        try {
            return Math.max(0, Integer.parseInt(request.getParameter("offset")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, Object> model(HttpServletRequest request, LogForm form, Map<String, String> errors) {
        Map<String, Object> model = PageModel.of(request, "logs");
        model.put("form", form);
        model.put("errors", errors);
        model.put("logs", List.of("VERIFICATION", "ACCESS", "REFUSAL"));
        model.put("logNames", LogForm.LOGS);
        model.put("mayExport", CenterScreen.has(PortalUser.of(request.getSession(false)),
                CenterScreen.LOG_MANAGEMENT));
        return model;
    }
}
