package jp.hokensho.portal.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import jp.hokensho.contract.account.Profile;
import jp.hokensho.portal.center.CenterConnector;
import jp.hokensho.portal.center.CenterRefused;
import jp.hokensho.portal.center.CenterSession;
import jp.hokensho.portal.center.CenterUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ログイン: the person's ID and password go to the center in getProfile's UsernameToken, signed with the clinic's
 * key. The center's refusal does not say which check failed, so neither does this page: one plain message.
 */
public final class LoginServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(LoginServlet.class);
    static final String REFUSED = "ログインできませんでした。ユーザーIDとパスワードをご確認ください。"
            + "続けてログインできない場合は、管理者にお問い合わせください。";
    static final String CENTER_DOWN = "認証センターに接続できません。しばらくしてから再度お試しください。";
    private static final Map<String, String> REASONS = Map.of(
            "timeout", "一定時間操作がなかったため、ログアウトしました。もう一度ログインしてください。",
            "logout", "ログアウトしました。",
            "refused", "認証センターが要求を受け付けませんでした。もう一度ログインしてください。");

    private final transient Pages pages;
    private final transient CenterConnector connector;
    private final transient LoginThrottle throttle;
    private final transient Clock clock;

    public LoginServlet(Pages pages, CenterConnector connector, LoginThrottle throttle, Clock clock) {
        this.pages = pages;
        this.connector = connector;
        this.throttle = throttle;
        this.clock = clock;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String reason = request.getParameter("reason");
        show(request, response, 200, "", reason == null ? null : REASONS.get(reason), null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String client = request.getRemoteAddr();
        String userId = request.getParameter("userId") == null ? "" : request.getParameter("userId").strip();
        String password = request.getParameter("password") == null ? "" : request.getParameter("password");
        Duration wait = throttle.waitBeforeAttempt(client);
        if (!wait.isZero()) {
            LOG.warn("login attempt from {} refused: must wait {} after repeated failures", client, wait);
            show(request, response, 429, userId, null, "ログインの失敗が続いたため、" + Math.max(1, wait.toSeconds() + 1)
                    + "秒ほど待ってから再度お試しください。");
            return;
        }
        if (userId.isEmpty() || password.isEmpty()) {
            show(request, response, 400, userId, null, "ユーザーIDとパスワードを入力してください。");
            return;
        }
        CenterSession center = connector.open(userId, password);
        Profile profile;
        try {
            profile = center.profile();
        } catch (CenterRefused e) {
            throttle.failed(client);
            LOG.warn("login of {} from {} refused by the center", userId, client);
            show(request, response, 401, userId, null, REFUSED);
            return;
        } catch (CenterUnavailable e) {
            LOG.warn("login of {}: {}", userId, e.getMessage());
            show(request, response, 503, userId, null, CENTER_DOWN);
            return;
        }
        throttle.succeeded(client);
        // A new session id at login, so an id planted before the login is worth nothing after it.
        request.changeSessionId();
        HttpSession session = request.getSession();
        Csrf.renew(session);
        PortalUser user = new PortalUser(center, profile, clock.instant());
        user.attachTo(session);
        LOG.info("{} ({} of {}) logged in from {}", profile.getUserId(), profile.getRole(),
                profile.getOrganisationCode(), client);
        response.sendRedirect(request.getContextPath()
                + (profile.isPasswordChangeRequired() ? "/password" : Screens.home(user)));
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, String userId,
                      String notice, String error) throws IOException {
        Map<String, Object> model = PageModel.of(request, "login");
        model.put("userId", userId);
        if (notice != null) {
            model.put("notice", notice);
        }
        if (error != null) {
            model.put("error", error);
        }
        pages.render(response, status, "login", model);
    }
}
