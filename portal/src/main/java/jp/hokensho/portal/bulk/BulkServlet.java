package jp.hokensho.portal.bulk;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import jp.hokensho.portal.center.CenterRefused;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.center.CenterUnavailable;
import jp.hokensho.portal.verify.JapaneseFormat;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 一括認証: the upload form (GET /bulk), the upload (POST /bulk, multipart: checked in full before anything is
 * sent), the progress of a submitted batch (/bulk/progress, and /bulk/progress/status as JSON for its script),
 * the results (/bulk/result) and the saved file (/bulk/result.csv). The job lives in the session only.
 */
public final class BulkServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(BulkServlet.class);
    private static final String JOB = "portal.bulk.job";
    /** The most problems the page lists; the count says how many there are in all. */
    private static final int SHOWN_PROBLEMS = 200;
    private static final String CENTER_DOWN = "認証センターに接続できません。しばらくしてから再度お試しください。";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final transient Pages pages;
    private final transient Clock clock;
    private final transient BulkSettings settings;
    private final transient BulkVerifier verifier;

    public BulkServlet(Pages pages, Clock clock, BulkSettings settings) {
        this.pages = pages;
        this.clock = clock;
        this.settings = settings;
        this.verifier = new BulkVerifier(settings.syncMaxRows());
    }

    /**
     * Serves 一括認証 under /bulk. Jetty's own multipart limit is a backstop above the page's limit (so that the page
     * can say the limit); the upload stays in memory, never in a temporary file, since it holds card data.
     */
    public static void register(ServletContextHandler context, Pages pages, Clock clock, BulkSettings settings) {
        ServletHolder holder = new ServletHolder(new BulkServlet(pages, clock, settings));
        long backstop = settings.maxBytes() * 2 + 64 * 1024;
        holder.getRegistration().setMultipartConfig(new MultipartConfigElement(System.getProperty("java.io.tmpdir"),
                backstop, backstop, (int) Math.min(backstop + 1, Integer.MAX_VALUE)));
        context.addServlet(holder, "/bulk/*");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "", "/" -> pages.render(response, 200, "bulk", model(request));
            case "/progress" -> progressPage(request, response);
            case "/progress/status" -> progressStatus(request, response);
            case "/result" -> resultPage(request, response);
            case "/result.csv" -> download(request, response);
            default -> response.sendError(404);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (!path.isEmpty() && !"/".equals(path)) {
            response.sendError(404);
            return;
        }
        PortalUser user = PortalUser.of(request.getSession(false));
        FileEncoding encoding = FileEncoding.of(request.getParameter("encoding"));
        Part part = request.getPart("file");
        if (part == null || part.getSize() == 0) {
            refuse(request, response, 400, encoding, "ファイルを選んでください");
            return;
        }
        if (part.getSize() > settings.maxBytes()) {
            LOG.info("bulk upload of {} bytes by {} refused: over {}", part.getSize(), user.center().userId(),
                    settings.maxBytes());
            refuse(request, response, 413, encoding, "ファイルが大きすぎます。" + settings.maxSizeText()
                    + " までのファイルにしてください（" + String.format("%,d", settings.maxRows()) + " 行まで）");
            return;
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
        }
        CardFile file;
        try {
            file = new CardFileReader(settings.maxRows()).read(bytes, encoding,
                    LocalDate.now(clock.withZone(JapaneseFormat.JAPAN)));
        } catch (CardFileRefused e) {
            LOG.info("bulk upload by {} refused: {}", user.center().userId(), e.getMessage());
            refuse(request, response, 400, encoding, e.getMessage());
            return;
        }
        if (!file.sendable()) {
            LOG.info("bulk upload by {}: {} problems, nothing sent", user.center().userId(), file.problems().size());
            Map<String, Object> model = model(request);
            model.put("encoding", encoding.name());
            model.put("problems", file.problems().stream().limit(SHOWN_PROBLEMS).map(RowProblem::text).toList());
            model.put("problemCount", file.problems().size());
            model.put("readAs", file.encoding().label());
            pages.render(response, 400, "bulk", model);
            return;
        }
        try {
            BulkJob job = verifier.start(user.center(), file);
            request.getSession().setAttribute(JOB, job);
            response.sendRedirect(request.getContextPath() + (job.finished() ? "/bulk/result" : "/bulk/progress"));
        } catch (RuntimeException e) {
            centerFailure(request, response, user, e);
        }
    }

    private void progressPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        BulkJob job = job(request);
        if (job == null) {
            response.sendRedirect(request.getContextPath() + "/bulk");
            return;
        }
        try {
            verifier.refresh(PortalUser.of(request.getSession(false)).center(), job);
        } catch (RuntimeException e) {
            centerFailure(request, response, PortalUser.of(request.getSession(false)), e);
            return;
        }
        if (job.finished()) {
            response.sendRedirect(request.getContextPath() + "/bulk/result");
            return;
        }
        Map<String, Object> model = model(request);
        model.put("job", job);
        model.put("statusText", statusText(job.status()));
        model.put("pollMillis", settings.pollSeconds() * 1000);
        pages.render(response, 200, "bulk-progress", model);
    }

    /** {"status":"RUNNING","done":12,"total":130,"finished":false} for the progress page's script. */
    private void progressStatus(HttpServletRequest request, HttpServletResponse response) throws IOException {
        BulkJob job = job(request);
        if (job == null) {
            response.sendError(404);
            return;
        }
        try {
            verifier.refresh(PortalUser.of(request.getSession(false)).center(), job);
        } catch (CenterUnavailable e) {
            // The script tries again at its next tick; the page's link shows the message.
            LOG.warn("batch progress of {}: {}", PortalUser.of(request.getSession(false)).center().userId(),
                    e.getMessage());
        }
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write("{\"status\":\"" + job.status() + "\",\"statusText\":\"" + statusText(job.status())
                + "\",\"done\":" + job.done() + ",\"total\":" + job.total() + ",\"finished\":" + job.finished() + "}");
    }

    private void resultPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        BulkJob job = job(request);
        if (job == null || !job.finished()) {
            response.sendRedirect(request.getContextPath() + (job == null ? "/bulk" : "/bulk/progress"));
            return;
        }
        Map<String, Object> model = model(request);
        model.put("job", job);
        model.put("counts", job.counts());
        model.put("stopped", !"DONE".equals(job.status()));
        pages.render(response, 200, "bulk-result", model);
    }

    private void download(HttpServletRequest request, HttpServletResponse response) throws IOException {
        BulkJob job = job(request);
        if (job == null || !job.finished()) {
            response.sendRedirect(request.getContextPath() + "/bulk");
            return;
        }
        FileEncoding encoding = "SHIFT_JIS".equals(request.getParameter("encoding")) ? FileEncoding.SHIFT_JIS
                : FileEncoding.UTF_8;
        String name = "bulk-result-" + FILE_TIME.format(clock.instant().atZone(JapaneseFormat.JAPAN))
                + (encoding == FileEncoding.SHIFT_JIS ? "-sjis" : "-utf8") + ".csv";
        response.setContentType("text/csv;charset=" + (encoding == FileEncoding.SHIFT_JIS ? "Shift_JIS" : "UTF-8"));
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ResultFileWriter.write(job.results(), encoding, response.getOutputStream());
        LOG.info("bulk results of {} cards saved by {} as {}", job.total(),
                PortalUser.of(request.getSession(false)).center().userId(), encoding.label());
    }

    private void centerFailure(HttpServletRequest request, HttpServletResponse response, PortalUser user,
                               RuntimeException e) throws IOException {
        if (e instanceof CenterRefused) {
            LOG.warn("bulk verification by {} refused by the center; session ended", user.center().userId());
            request.getSession().invalidate();
            response.sendRedirect(request.getContextPath() + "/login?reason=refused");
        } else if (e instanceof CenterUnavailable) {
            LOG.warn("bulk verification by {}: {}", user.center().userId(), e.getMessage());
            refuse(request, response, 503, FileEncoding.AUTO, CENTER_DOWN);
        } else if (e instanceof CenterRequestRefused refused) {
            LOG.warn("bulk verification by {} refused: {}", user.center().userId(), refused.code());
            refuse(request, response, 400, FileEncoding.AUTO, "認証センターで受け付けられませんでした（" + refused.code()
                    + "）。行数を減らすか、しばらくしてから再度お試しください");
        } else {
            throw e;
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, FileEncoding encoding,
                        String message) throws IOException {
        Map<String, Object> model = model(request);
        model.put("encoding", encoding.name());
        model.put("failure", message);
        pages.render(response, status, "bulk", model);
    }

    private Map<String, Object> model(HttpServletRequest request) {
        Map<String, Object> model = PageModel.of(request, "bulk");
        model.put("settings", settings);
        model.put("columns", CardColumn.values());
        model.put("encoding", FileEncoding.AUTO.name());
        model.put("encodings", FileEncoding.values());
        model.put("problems", java.util.List.of());
        return model;
    }

    private static BulkJob job(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (BulkJob) session.getAttribute(JOB);
    }

    static String statusText(String status) {
        return switch (status) {
            case "QUEUED" -> "受付済み（開始待ち）";
            case "RUNNING" -> "認証中";
            case "DONE" -> "完了";
            case "STOPPED_CREDENTIALS_INVALID" -> "中断（鍵またはアカウントが無効になりました）";
            case "EXPIRED" -> "結果の保存期間が過ぎました";
            default -> status;
        };
    }
}
