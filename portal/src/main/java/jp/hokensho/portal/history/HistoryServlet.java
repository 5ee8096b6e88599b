package jp.hokensho.portal.history;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.hokensho.contract.eligibility.VerificationPage;
import jp.hokensho.contract.types.ResultCode;
import jp.hokensho.portal.center.CenterRefused;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.center.CenterUnavailable;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 認証結果の閲覧: the clinic's past verifications by period, result and card, a page at a time, through
 * listVerifications. Only for a person whose rights (getProfile) include result viewing; anyone else gets a
 * 403 page without a call to the center. Searches are POSTed (paging too), so card data never enters a URL.
 */
public final class HistoryServlet extends HttpServlet {
    public static final String RIGHT = "VIEW_VERIFICATION_RESULTS";
    static final int PAGE_SIZE = 20;
    private static final Logger LOG = LoggerFactory.getLogger(HistoryServlet.class);
    private static final String CENTER_DOWN = "認証センターに接続できません。しばらくしてから再度お試しください。";

    private final transient Pages pages;

    public HistoryServlet(Pages pages) {
        this.pages = pages;
    }

    /** True when the person may open this screen (and so sees its tab). */
    public static boolean mayView(PortalUser user) {
        return user != null && user.profile().getRight().contains(RIGHT);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (admitted(request, response)) {
            search(request, response, HistoryForm.empty(), 0);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (admitted(request, response)) {
            search(request, response, HistoryForm.from(request::getParameter), offset(request));
        }
    }

    private boolean admitted(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortalUser user = PortalUser.of(request.getSession(false));
        if (mayView(user)) {
            return true;
        }
        jp.hokensho.portal.web.Screens.forbidden(pages, response, user, "認証結果の閲覧");
        return false;
    }

    private void search(HttpServletRequest request, HttpServletResponse response, HistoryForm form, int offset)
            throws IOException {
        PortalUser user = PortalUser.of(request.getSession(false));
        Map<String, String> errors = new LinkedHashMap<>(form.validate());
        if (!errors.isEmpty()) {
            pages.render(response, 400, "history", model(request, form, errors));
            return;
        }
        VerificationPage page;
        try {
            page = user.center().listVerifications(form.toFilter(offset, PAGE_SIZE));
        } catch (CenterRequestRefused e) {
            errors.put(e.field() == null ? "" : e.field(), "検索条件が認証センターで受け付けられませんでした（" + e.code()
                    + "）。条件をご確認ください");
            pages.render(response, 400, "history", model(request, form, errors));
            return;
        } catch (CenterRefused e) {
            LOG.warn("history of {} refused by the center; session ended", user.center().userId());
            request.getSession().invalidate();
            response.sendRedirect(request.getContextPath() + "/login?reason=refused");
            return;
        } catch (CenterUnavailable e) {
            LOG.warn("history of {}: {}", user.center().userId(), e.getMessage());
            Map<String, Object> model = model(request, form, errors);
            model.put("failure", CENTER_DOWN);
            pages.render(response, 503, "history", model);
            return;
        }
        LOG.info("history page at {} for {}: {} of {}", offset, user.center().userId(), page.getRecord().size(),
                page.getTotal());
        Map<String, Object> model = model(request, form, errors);
        model.put("rows", page.getRecord().stream().map(HistoryRow::of).toList());
        model.put("total", page.getTotal());
        model.put("first", page.getRecord().isEmpty() ? 0 : offset + 1);
        model.put("last", offset + page.getRecord().size());
        model.put("previousOffset", offset > 0 ? Math.max(0, offset - PAGE_SIZE) : null);
        model.put("nextOffset", page.isMore() ? offset + page.getRecord().size() : null);
        pages.render(response, 200, "history", model);
    }

    private static int offset(HttpServletRequest request) {
        try {
            return Math.max(0, Integer.parseInt(request.getParameter("offset")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, Object> model(HttpServletRequest request, HistoryForm form, Map<String, String> errors) {
        Map<String, Object> model = PageModel.of(request, "history");
        model.put("form", form);
        model.put("errors", errors);
        model.put("results", results());
        model.put("insurerNumberPattern", HistoryForm.INSURER_NUMBER_PATTERN);
        model.put("maxLength", HistoryForm.MAX_SYMBOL_NUMBER_LENGTH);
        return model;
    }

    /** The result choices of the form: code → short Japanese label. */
    private static Map<String, String> results() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (ResultCode code : List.of(ResultCode.values())) {
            labels.put(code.name(), switch (code) {
                case VALID -> "有効";
                case EXPIRED -> "有効期限切れ（資格喪失を含む）";
                case NOT_YET_VALID -> "有効期間前";
                case SYMBOL_NUMBER_NOT_FOUND -> "記号・番号の該当なし";
                case INSURER_NOT_FOUND -> "保険者番号の該当なし";
                case INSURER_UNAVAILABLE -> "保険者に接続できず";
            });
        }
        return labels;
    }
}
