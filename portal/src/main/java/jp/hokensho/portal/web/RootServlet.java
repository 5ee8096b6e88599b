package jp.hokensho.portal.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The portal's address leads to the person's first screen: 個別認証 at a clinic, the console's first tab for the
 * center's staff (the filter sends a person who is not logged in to the login first).
 */
public final class RootServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + Screens.home(PortalUser.of(request.getSession(false))));
    }
}
