package jp.hokensho.portal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request passes here once: security headers, the CSRF token on every POST, the login requirement with
 * the idle timeout, and the forced password change. An unexpected error becomes a plain page, never a stack trace.
 */
public final class PortalFilter extends HttpFilter {
    private static final Logger LOG = LoggerFactory.getLogger(PortalFilter.class);
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final Pages pages;
    private final Clock clock;
    private final Duration idleTimeout;

    public PortalFilter(Pages pages, Clock clock, Duration idleTimeout) {
        this.pages = pages;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.startsWith("/static/")) {
            chain.doFilter(request, response);
            return;
        }
        // Pages may show card data: keep them out of every cache.
        response.setHeader("Cache-Control", "no-store");
        try {
            if (admitted(request, response, path)) {
                chain.doFilter(request, response);
            }
        } catch (RuntimeException | ServletException e) {
            LOG.error("unexpected error on {} {}", request.getMethod(), path, e);
            if (!response.isCommitted()) {
                response.resetBuffer();
                pages.render(response, 500, "message", Map.of("title", "エラー",
                        "message", "システムエラーが発生しました。しばらくしてから再度お試しください。"));
            }
        }
    }

    private boolean admitted(HttpServletRequest request, HttpServletResponse response, String path)
            throws IOException {
        HttpSession session = request.getSession(false);
        PortalUser user = PortalUser.of(session);
        boolean post = "POST".equals(request.getMethod());
        if (user != null && idleTooLong(user)) {
            LOG.info("session of {} ended after {} idle", user.center().userId(), idleTimeout);
            session.invalidate();
            response.sendRedirect(request.getContextPath() + "/login?reason=timeout");
            return false;
        }
        if (post && user == null && !"/login".equals(path)) {
            response.sendRedirect(request.getContextPath() + "/login?reason=timeout");
            return false;
        }
        if (post && !Csrf.isValid(request)) {
            LOG.warn("POST {} without its session's CSRF token refused (from {})", path, request.getRemoteAddr());
            pages.render(response, 403, "message", Map.of("title", "不正なリクエスト",
                    "message", "このリクエストは受け付けられません。画面を開き直してから操作してください。"));
            return false;
        }
        if ("/login".equals(path)) {
            return true;
        }
        if (user == null) {
            response.sendRedirect(request.getContextPath() + "/login");
            return false;
        }
        user.seen(clock.instant());
        if (user.passwordChangeRequired() && !"/password".equals(path) && !"/logout".equals(path)) {
            response.sendRedirect(request.getContextPath() + "/password");
            return false;
        }
        if (Screens.isCardVerification(path) && !user.mayAny(java.util.List.of("VERIFY_CARD"))) {
            Screens.forbidden(pages, response, user, "カード認証");
            return false;
        }
        return true;
    }

    private boolean idleTooLong(PortalUser user) {
        return Duration.between(user.lastSeen(), clock.instant()).compareTo(idleTimeout) > 0;
    }
}
