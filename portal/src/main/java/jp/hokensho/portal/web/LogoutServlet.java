package jp.hokensho.portal.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ログアウト (POST with the CSRF token): the session, and with it the password held for it, is dropped. */
public final class LogoutServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(LogoutServlet.class);

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        PortalUser user = PortalUser.of(session);
        if (session != null) {
            session.invalidate();
        }
        if (user != null) {
            LOG.info("{} logged out", user.center().userId());
        }
        response.sendRedirect(request.getContextPath() + "/login?reason=logout");
    }
}
