package jp.hokensho.portal.keys;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import jp.hokensho.contract.admin.KeySummary;
import jp.hokensho.contract.admin.OrganisationSummary;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.web.FormValues;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;

/** 鍵の管理: every organisation's keys (or one organisation's) with expiry and state, and what can be done. */
public final class KeyListServlet extends HttpServlet {
    private final transient Pages pages;

    public KeyListServlet(Pages pages) {
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortalUser user = KeyScreens.admitted(request, response, pages);
        if (user == null) {
            return;
        }
        String organisation = FormValues.halfWidth(FormValues.trimmed(request.getParameter("org")));
        List<OrganisationSummary> organisations = KeyScreens.call(request, response, pages, user,
                admin -> admin.listOrganisations(false));
        if (organisations == null) {
            return;
        }
        Map<String, Object> model = PageModel.of(request, "keys");
        model.put("organisations", organisations);
        model.put("org", organisation);
        List<KeySummary> keys;
        try {
            keys = KeyScreens.call(request, response, pages, user,
                    admin -> admin.listKeys(organisation.isEmpty() ? null : organisation));
        } catch (CenterRequestRefused e) {
            model.put("failure", "組織コード " + organisation + " の組織は登録されていません。");
            model.put("rows", List.of());
            pages.render(response, 404, "keys", model);
            return;
        }
        if (keys == null) {
            return;
        }
        model.put("rows", keys.stream().map(KeyRow::of).toList());
        pages.render(response, 200, "keys", model);
    }
}
