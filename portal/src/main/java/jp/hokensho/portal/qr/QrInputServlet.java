package jp.hokensho.portal.qr;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QRコード: the page with the three ways to read a seal, and the first of them, a keyboard-wedge scanner's line
 * (the scanner types the seal's text and Enter). A seal read only fills the 個別認証 form; the person checks it
 * and presses [実行], so nothing is verified from a seal without them.
 */
final class QrInputServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(QrInputServlet.class);
    private final transient Pages pages;
    private final long maxImageBytes;

    QrInputServlet(Pages pages, long maxImageBytes) {
        this.pages = pages;
        this.maxImageBytes = maxImageBytes;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        show(request, response, 200, null, null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            fillForm(request, SealPayload.decode(request.getParameter("scan")), "scanner");
            response.sendRedirect(request.getContextPath() + "/verify");
        } catch (SealRefused e) {
            refused(request, "scanner", e);
            show(request, response, 400, "scan", e.getMessage());
        }
    }

    /** Puts the seal's card into the form the next 個別認証 page shows. */
    static void fillForm(HttpServletRequest request, SealPayload seal, String way) {
        SealSession.fillForm(request.getSession(), seal);
        LOG.info("{} read a seal ({})", PortalUser.of(request.getSession()).center().userId(), way);
    }

    /** Logged by reason only: the seal's content is card data. */
    static void refused(HttpServletRequest request, String way, SealRefused refusal) {
        LOG.warn("{}: seal refused ({}): {}", PortalUser.of(request.getSession()).center().userId(), way,
                refusal.reason());
    }

    void show(HttpServletRequest request, HttpServletResponse response, int status, String field, String error)
            throws IOException {
        Map<String, Object> model = PageModel.of(request, "qr");
        model.put("errorField", field);
        model.put("error", error);
        model.put("maxImageKilobytes", maxImageBytes / 1024);
        pages.render(response, status, "qr", model);
    }
}
