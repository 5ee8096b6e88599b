package jp.hokensho.portal.keys;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The download of a key file just issued: once, as an attachment, never cached. */
public final class KeyFileServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(KeyFileServlet.class);
    private final transient Pages pages;

    public KeyFileServlet(Pages pages) {
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortalUser user = KeyScreens.admitted(request, response, pages);
        if (user == null) {
            return;
        }
        KeyHandover handover = KeyHandover.find(request.getSession(false), request.getParameter("id"));
        byte[] file = handover == null ? null : handover.takeFile(request.getSession());
        if (file == null) {
            pages.render(response, 404, "message", Map.of("title", "ダウンロードできません", "message",
                    "この鍵ファイルはダウンロード済みです（ダウンロードは一度だけです）。"
                            + "失った場合は、その鍵を失効して新しい鍵を発行してください。"));
            return;
        }
        LOG.info("{} downloaded key file {}", user.center().userId(), handover.fileName);
        response.setContentType("application/x-pkcs12");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(handover.fileName, StandardCharsets.UTF_8).replace("+", "%20"));
        response.setContentLength(file.length);
        response.getOutputStream().write(file);
    }
}
