package jp.hokensho.portal.review;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jp.hokensho.contract.admin.AccessReview;
import jp.hokensho.contract.admin.AccessReviewUser;
import jp.hokensho.contract.admin.AdminPortType;
import jp.hokensho.contract.admin.ReviewAccountStatus;
import jp.hokensho.portal.center.CenterRefused;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.center.CenterUnavailable;
import jp.hokensho.portal.web.FormValues;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * アクセスレビュー (policy 2): the system administrator's periodic review of every person's access, through the
 * AdminService: each person with organisation, role, last use, status (dormant and disabled flagged), key status and
 * pending applications, and per organisation the sign-off (who, when, comment) that may re-enable disabled people.
 * Only for a person holding user registration; anyone else gets a 403 page without a call to the center.
 */
public final class AccessReviewServlet extends HttpServlet {
    public static final String RIGHT = "USER_REGISTRATION";
    static final int MAX_COMMENT = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(AccessReviewServlet.class);
    private static final String CENTER_DOWN = "認証センターに接続できません。しばらくしてから再度お試しください。";

    private final transient Pages pages;

    public AccessReviewServlet(Pages pages) {
        this.pages = pages;
    }

    /** True when the person may open this screen (and so sees its tab). */
    public static boolean mayView(PortalUser user) {
        return user != null && user.profile().getRight().contains(RIGHT);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (admitted(request, response)) {
            show(request, response, 200, Map.of(), null, FormValues.trimmed(request.getParameter("signed")));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!admitted(request, response)) {
            return;
        }
        PortalUser user = PortalUser.of(request.getSession(false));
        String code = FormValues.trimmed(request.getParameter("organisationCode"));
        String comment = FormValues.trimmed(request.getParameter("comment"));
        List<String> reenable = request.getParameterValues("reenable") == null ? List.of()
                : Arrays.stream(request.getParameterValues("reenable")).map(FormValues::trimmed).distinct().toList();
        Map<String, String> errors = new LinkedHashMap<>();
        if (code.isEmpty()) {
            errors.put("", "確認する組織を選んでください");
        } else if (comment.length() > MAX_COMMENT) {
            errors.put("comment-" + code, "コメントは" + MAX_COMMENT + "文字以内にしてください");
        }
        if (!errors.isEmpty()) {
            show(request, response, 400, errors, Map.of("organisationCode", code, "comment", comment), null);
            return;
        }
        try {
            user.center().admin(admin -> admin.signOffAccessReview(code, comment.isEmpty() ? null : comment, reenable));
        } catch (CenterRequestRefused e) {
            errors.put("comment-" + code, refusal(e));
            show(request, response, 400, errors, Map.of("organisationCode", code, "comment", comment), null);
            return;
        } catch (CenterRefused e) {
            ended(request, response, user);
            return;
        } catch (CenterUnavailable e) {
            LOG.warn("access review sign-off by {}: {}", user.center().userId(), e.getMessage());
            errors.put("", CENTER_DOWN);
            show(request, response, 503, errors, Map.of("organisationCode", code, "comment", comment), null);
            return;
        }
        LOG.info("{} signed off the access review of {}{}", user.center().userId(), code,
                reenable.isEmpty() ? "" : ", re-enabling " + reenable);
        response.sendRedirect(request.getContextPath() + "/access-review?signed="
                + java.net.URLEncoder.encode(code, java.nio.charset.StandardCharsets.UTF_8));
    }

    private boolean admitted(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortalUser user = PortalUser.of(request.getSession(false));
        if (mayView(user)) {
            return true;
        }
        jp.hokensho.portal.web.Screens.forbidden(pages, response, user, "アクセスレビュー");
        return false;
    }

    /** @param signed the organisation just signed off (after the redirect), or null/empty */
    private void show(HttpServletRequest request, HttpServletResponse response, int status, Map<String, String> errors,
                      Map<String, String> typed, String signed) throws IOException {
        PortalUser user = PortalUser.of(request.getSession(false));
        Map<String, Object> model = PageModel.of(request, "access-review");
        model.put("errors", errors);
        model.put("typed", typed == null ? Map.of() : typed);
        AccessReview review;
        try {
            review = user.center().admin(AdminPortType::getAccessReview);
        } catch (CenterRefused e) {
            ended(request, response, user);
            return;
        } catch (CenterUnavailable | CenterRequestRefused e) {
            LOG.warn("access review for {}: {}", user.center().userId(), e.getMessage());
            model.put("failure", CENTER_DOWN);
            pages.render(response, 503, "access-review", model);
            return;
        }
        Map<String, List<String>> disabled = review.getUser().stream()
                .filter(person -> person.getStatus() == ReviewAccountStatus.DISABLED)
                .collect(Collectors.groupingBy(AccessReviewUser::getOrganisationCode,
                        Collectors.mapping(AccessReviewUser::getUserId, Collectors.toList())));
        model.put("notice", signedNotice(review, signed));
        model.put("settings", review);
        model.put("organisations", review.getOrganisation().stream().map(organisation -> ReviewOrganisationRow.of(
                organisation, disabled.getOrDefault(organisation.getCode(), List.of()))).toList());
        model.put("users", review.getUser().stream().map(ReviewUserRow::of).toList());
        model.put("dormantCount", review.getUser().stream()
                .filter(person -> person.getStatus() == ReviewAccountStatus.DORMANT).count());
        model.put("disabledCount", review.getUser().stream()
                .filter(person -> person.getStatus() == ReviewAccountStatus.DISABLED).count());
        model.put("overdueCount", review.getOrganisation().stream().filter(o -> o.isOverdue()).count());
        pages.render(response, status, "access-review", model);
    }

    /** The line confirming a sign-off, naming the organisation as the review does; null when there was none. */
    private static String signedNotice(AccessReview review, String signed) {
        if (signed == null || signed.isEmpty()) {
            return null;
        }
        return review.getOrganisation().stream().filter(organisation -> organisation.getCode().equals(signed))
                .findFirst().map(organisation -> organisation.getName() + "（" + signed + "）のレビュー完了を記録しました。")
                .orElse(null);
    }

    private static String refusal(CenterRequestRefused refused) {
        return switch (refused.code()) {
            case "ORGANISATION_NOT_FOUND" -> "この組織は登録されていないか、終了しています";
            case "USER_NOT_DISABLED" -> "再有効化を選んだ利用者の中に、この組織の無効な利用者でない人がいます。画面を開き直してください";
            default -> "認証センターで受け付けられませんでした（" + refused.code() + "）";
        };
    }

    private static void ended(HttpServletRequest request, HttpServletResponse response, PortalUser user)
            throws IOException {
        LOG.warn("access review of {} refused by the center; session ended", user.center().userId());
        request.getSession().invalidate();
        response.sendRedirect(request.getContextPath() + "/login?reason=refused");
    }
}
