package jp.hokensho.portal.keys;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;

/** The page of a key just issued or renewed: its details, the one-time password (shown once) and the download. */
public final class KeyHandoverServlet extends HttpServlet {
    private final transient Pages pages;

    public KeyHandoverServlet(Pages pages) {
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortalUser user = KeyScreens.admitted(request, response, pages);
        if (user == null) {
            return;
        }
        KeyHandover handover = KeyHandover.find(request.getSession(false), request.getParameter("id"));
        if (handover == null) {
            pages.render(response, 404, "message", Map.of("title", "表示できません", "message",
                    "この鍵の受け渡しは終わっているか、ログインし直したため表示できません。"
                            + "鍵ファイルかパスワードを失った場合は、その鍵を失効して新しい鍵を発行してください。"));
            return;
        }
        Map<String, Object> model = PageModel.of(request, "keys");
        model.put("handoverId", handover.id);
        model.put("key", handover.key);
        model.put("oldKey", handover.oldKey);
        model.put("fileName", handover.fileName);
        model.put("password", handover.takePassword());
        model.put("fileTaken", handover.fileTaken());
        // The password must not stay in the browser's cache or history either.
        response.setHeader("Cache-Control", "no-store");
        pages.render(response, 200, "key-issued", model);
    }
}
