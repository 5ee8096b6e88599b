package jp.hokensho.portal.applications;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import jp.hokensho.portal.center.CenterRefused;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.center.CenterSession.AdminCall;
import jp.hokensho.portal.center.CenterUnavailable;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AdminService call of an application screen: a refused request comes back to the caller (to show beside its
 * field); the generic security refusal ends the session (back to the login); an unreachable center answers 503.
 */
final class CenterCall {
    private static final Logger LOG = LoggerFactory.getLogger(CenterCall.class);

    private CenterCall() {
    }

    /** @return the answer, or empty when a page (login, 503) has been sent instead */
    static <T> Optional<T> call(HttpServletRequest request, HttpServletResponse response, Pages pages,
                                AdminCall<T> call) throws IOException {
        PortalUser user = PortalUser.of(request.getSession(false));
        try {
            return Optional.ofNullable(user.center().admin(call));
        } catch (CenterRefused e) {
            LOG.warn("application screen of {} refused by the center; session ended", user.center().userId());
            request.getSession().invalidate();
            response.sendRedirect(request.getContextPath() + "/login?reason=refused");
        } catch (CenterUnavailable e) {
            LOG.warn("application screen of {}: {}", user.center().userId(), e.getMessage());
            pages.render(response, 503, "message", Map.of("title", "接続できません",
                    "message", "認証センターに接続できません。しばらくしてから再度お試しください。"));
        }
        return Optional.empty();
    }

    /** The form field a refusal names ({@code person.userId} → {@code userId}); "" for the whole form. */
    static String field(CenterRequestRefused refused) {
        String field = refused.field();
        return field == null ? "" : field.substring(field.lastIndexOf('.') + 1);
    }

    static void forbidden(Pages pages, HttpServletResponse response, String screen) throws IOException {
        jp.hokensho.portal.web.Screens.forbidden(pages, response, null, screen);
    }
}
