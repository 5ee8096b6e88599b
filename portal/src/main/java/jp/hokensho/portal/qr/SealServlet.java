package jp.hokensho.portal.qr;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * シール作成: [シールを作成] on a valid answer POSTs (the card stays in the session, never in the URL), then the
 * seal page shows the QR code with the same values in text under it, and prints as a label.
 */
final class SealServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(SealServlet.class);
    private final transient Pages pages;

    SealServlet(Pages pages) {
        this.pages = pages;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<SealPayload> verified = SealSession.lastVerified(request.getSession());
        if (verified.isEmpty()) {
            pages.render(response, 409, "message", Map.of("title", "シール作成",
                    "message", "シールは、個別認証で有効な保険資格と確認した保険証についてだけ作成できます。"));
            return;
        }
        SealSession.show(request.getSession(), verified.get());
        LOG.info("{} made a seal", PortalUser.of(request.getSession()).center().userId());
        response.sendRedirect(request.getContextPath() + "/seal");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<SealPayload> seal = SealSession.shown(request.getSession(false));
        if (seal.isEmpty()) {
            response.sendRedirect(request.getContextPath() + "/verify");
            return;
        }
        Map<String, Object> model = PageModel.of(request, "verify");
        model.put("seal", seal.get());
        pages.render(response, 200, "seal", model);
    }
}
