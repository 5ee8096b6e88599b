package jp.hokensho.portal.logs;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;
import jp.hokensho.portal.center.CenterRefused;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.center.CenterSession;
import jp.hokensho.portal.center.CenterUnavailable;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the center staff's log and report screens share: who may open them (by the rights getProfile gave), and
 * one AdminService call with its three ways of failing (a typed refusal shown beside the form, the generic
 * refusal ending the session, the center unreachable).
 */
final class CenterScreen {
    static final String LOG_VIEWING = "SERVICE_LOG_VIEWING";
    static final String LOG_MANAGEMENT = "SERVICE_LOG_MANAGEMENT";
    static final String MONITORING = "SYSTEM_MONITORING";
    static final String CENTER_DOWN = "認証センターに接続できません。しばらくしてから再度お試しください。";
    private static final Logger LOG = LoggerFactory.getLogger(CenterScreen.class);

    private CenterScreen() {
    }

    static boolean has(PortalUser user, String... rights) {
        if (user == null || user.passwordChangeRequired()) {
            return false;
        }
        for (String right : rights) {
            if (user.profile().getRight().contains(right)) {
                return true;
            }
        }
        return false;
    }

    /** True when the person holds one of the rights; else a 403 page (the center is not asked). */
    static boolean admitted(Pages pages, HttpServletRequest request, HttpServletResponse response, String screen,
                            String... rights) throws IOException {
        PortalUser user = PortalUser.of(request.getSession(false));
        if (has(user, rights)) {
            return true;
        }
        jp.hokensho.portal.web.Screens.forbidden(pages, response, user, screen);
        return false;
    }

    /** The outcome of one call: its answer, or the message to show (and the status to answer with). */
    record Outcome<T>(T answer, String problem, String field, int status) {
        boolean ok() {
            return problem == null;
        }
    }

    /** Calls the center; null when the session was ended (the response is then a redirect to the login). */
    static <T> Outcome<T> call(HttpServletRequest request, HttpServletResponse response,
                               Function<CenterSession, T> work) throws IOException {
        PortalUser user = PortalUser.of(request.getSession(false));
        try {
            return new Outcome<>(work.apply(user.center()), null, null, 200);
        } catch (CenterRequestRefused e) {
            return new Outcome<>(null, "認証センターが条件を受け付けませんでした: " + e.getMessage(),
                    e.field(), 400);
        } catch (CenterRefused e) {
            LOG.warn("{} refused by the center on {}; session ended", user.center().userId(), request.getRequestURI());
            request.getSession().invalidate();
            response.sendRedirect(request.getContextPath() + "/login?reason=refused");
            return null;
        } catch (CenterUnavailable e) {
            LOG.warn("{} on {}: {}", user.center().userId(), request.getRequestURI(), e.getMessage());
            return new Outcome<>(null, CENTER_DOWN, null, 503);
        }
    }

    /** A file to save: its type, a name the browser keeps, and its bytes. */
    static void download(HttpServletResponse response, String type, String fileName, byte[] bytes) throws IOException {
        response.setContentType(type);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
