package jp.hokensho.portal.keys;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.hokensho.contract.admin.UnlockedUser;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.web.FormValues;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** アカウントのロック解除: lifts the lock of a person locked out by wrong passwords (unlockUser). */
public final class UnlockServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(UnlockServlet.class);
    private final transient Pages pages;

    public UnlockServlet(Pages pages) {
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (KeyScreens.admitted(request, response, pages) != null) {
            render(request, response, "", Map.of(), null, 200);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortalUser user = KeyScreens.admitted(request, response, pages);
        if (user == null) {
            return;
        }
        String userId = FormValues.trimmed(request.getParameter("userId"));
        if (userId.isEmpty() || userId.length() > 64) {
            render(request, response, userId, Map.of("userId", "ユーザーIDを64文字以内で入力してください"), null, 400);
            return;
        }
        UnlockedUser unlocked;
        try {
            unlocked = KeyScreens.call(request, response, pages, user, admin -> admin.unlockUser(userId));
        } catch (CenterRequestRefused e) {
            render(request, response, userId, Map.of("userId", "USER_NOT_FOUND".equals(e.code())
                    ? "このユーザーIDは登録されていません" : KeyIssueServlet.refusal(e)), null, 400);
            return;
        }
        if (unlocked == null) {
            return;
        }
        LOG.info("{} unlocked {} (was locked: {})", user.center().userId(), userId, unlocked.isWasLocked());
        render(request, response, "", Map.of(), unlocked, 200);
    }

    private void render(HttpServletRequest request, HttpServletResponse response, String userId,
                        Map<String, String> errors, UnlockedUser unlocked, int status) throws IOException {
        Map<String, Object> model = PageModel.of(request, "unlock");
        model.put("userId", userId);
        model.put("errors", new LinkedHashMap<>(errors));
        model.put("unlocked", unlocked);
        pages.render(response, status, "unlock", model);
    }
}
