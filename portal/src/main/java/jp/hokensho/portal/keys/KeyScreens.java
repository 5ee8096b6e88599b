package jp.hokensho.portal.keys;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import jp.hokensho.portal.center.CenterRefused;
import jp.hokensho.portal.center.CenterSession;
import jp.hokensho.portal.center.CenterUnavailable;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the key screens share: who may open them (the system administrator's user-registration right, as the
 * center checks it too) and how a call to the center that cannot be answered is shown.
 */
final class KeyScreens {
    static final String RIGHT = "USER_REGISTRATION";
    private static final Logger LOG = LoggerFactory.getLogger(KeyScreens.class);
    private static final String CENTER_DOWN = "認証センターに接続できません。しばらくしてから再度お試しください。";

    private KeyScreens() {
    }

    /** True when the person may open the key screens (and so sees their tab). */
    static boolean mayAdminister(PortalUser user) {
        return user != null && user.profile().getRight().contains(RIGHT);
    }

    /** The person, or null after a 403 page for anyone without the right (no call to the center is made). */
    static PortalUser admitted(HttpServletRequest request, HttpServletResponse response, Pages pages)
            throws IOException {
        PortalUser user = PortalUser.of(request.getSession(false));
        if (mayAdminister(user)) {
            return user;
        }
        jp.hokensho.portal.web.Screens.forbidden(pages, response, user, "鍵・アカウントの管理");
        return null;
    }

    /**
     * Calls the AdminService; returns null after answering the response itself: a security refusal ends the
     * session (back to the login), an unreachable center gives a 503 page. A refused request's content
     * ({@code CenterRequestRefused}) is left to the caller, which shows it beside the field.
     */
    static <T> T call(HttpServletRequest request, HttpServletResponse response, Pages pages, PortalUser user,
                      CenterSession.AdminCall<T> call) throws IOException {
        try {
            return user.center().admin(call);
        } catch (CenterRefused e) {
            LOG.warn("{} refused by the center for {}; session ended", request.getRequestURI(),
                    user.center().userId());
            request.getSession().invalidate();
            response.sendRedirect(request.getContextPath() + "/login?reason=refused");
        } catch (CenterUnavailable e) {
            LOG.warn("{} for {}: {}", request.getRequestURI(), user.center().userId(), e.getMessage());
            pages.render(response, 503, "message", Map.of("title", "接続できません", "message", CENTER_DOWN));
        }
        return null;
    }
}
