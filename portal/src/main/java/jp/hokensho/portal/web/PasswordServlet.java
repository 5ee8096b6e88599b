package jp.hokensho.portal.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.hokensho.portal.center.CenterRefused;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.center.CenterUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** パスワード変更 through AccountService.changePassword; the page every other one leads to while it is required. */
public final class PasswordServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordServlet.class);
    private static final Map<String, String> RULES = Map.of(
            "MIN_LENGTH", "新しいパスワードが短すぎます",
            "MAX_LENGTH", "新しいパスワードは128文字以内にしてください",
            "CHARACTER_CLASSES", "新しいパスワードには英大文字・英小文字・数字・記号のうち3種類以上を含めてください",
            "CONTAINS_USER_ID", "新しいパスワードにユーザーIDを含めることはできません",
            "SAME_AS_OLD", "新しいパスワードは現在のパスワードと異なるものにしてください");

    private final transient Pages pages;

    public PasswordServlet(Pages pages) {
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        show(request, response, 200, Map.of());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortalUser user = PortalUser.of(request.getSession(false));
        String oldPassword = parameter(request, "oldPassword");
        String newPassword = parameter(request, "newPassword");
        String confirmation = parameter(request, "confirmPassword");
        Map<String, String> errors = new LinkedHashMap<>();
        if (oldPassword.isEmpty()) {
            errors.put("oldPassword", "現在のパスワードを入力してください");
        }
        if (newPassword.isEmpty()) {
            errors.put("newPassword", "新しいパスワードを入力してください");
        } else if (!newPassword.equals(confirmation)) {
            errors.put("confirmPassword", "確認用のパスワードが新しいパスワードと一致しません");
        }
        if (!errors.isEmpty()) {
            show(request, response, 400, errors);
            return;
        }
        try {
            user.center().changePassword(oldPassword, newPassword);
        } catch (CenterRequestRefused e) {
            errors.put(e.field() == null ? "newPassword" : e.field(), message(e));
            show(request, response, 400, errors);
            return;
        } catch (CenterRefused e) {
            LOG.warn("password change of {} refused by the center; session ended", user.center().userId());
            request.getSession().invalidate();
            response.sendRedirect(request.getContextPath() + "/login?reason=refused");
            return;
        } catch (CenterUnavailable e) {
            LOG.warn("password change of {}: {}", user.center().userId(), e.getMessage());
            errors.put("", LoginServlet.CENTER_DOWN);
            show(request, response, 503, errors);
            return;
        }
        user.passwordChanged();
        LOG.info("{} changed the password", user.center().userId());
        // 個別認証 says so; another first screen (the center's console) shows no notices.
        String home = Screens.home(user);
        response.sendRedirect(request.getContextPath() + home
                + ("/verify".equals(home) ? "?notice=password-changed" : ""));
    }

    private static String message(CenterRequestRefused refused) {
        if ("WRONG_OLD_PASSWORD".equals(refused.code())) {
            return "現在のパスワードが正しくありません";
        }
        String detail = refused.getMessage();
        return RULES.entrySet().stream().filter(rule -> detail.contains(rule.getKey() + ":"))
                .map(Map.Entry::getValue).findFirst().orElse("新しいパスワードは使用できません。別のパスワードを指定してください");
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, Map<String, String> errors)
            throws IOException {
        Map<String, Object> model = PageModel.of(request, "password");
        model.put("errors", errors);
        pages.render(response, status, "password", model);
    }

    private static String parameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value;
    }
}
