package jp.hokensho.portal.keys;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.hokensho.contract.admin.IssuedKeyFile;
import jp.hokensho.contract.admin.OrganisationSummary;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.web.FormValues;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 鍵の発行: a new key for an organisation chosen from the registered ones. The answer (file and one-time password)
 * goes to the session's {@link KeyHandover} and the browser is sent to its page, so reloading never issues again.
 */
public final class KeyIssueServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(KeyIssueServlet.class);
    private final transient Pages pages;

    public KeyIssueServlet(Pages pages) {
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortalUser user = KeyScreens.admitted(request, response, pages);
        if (user != null) {
            form(request, response, user, FormValues.trimmed(request.getParameter("org")), Map.of(), 200);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortalUser user = KeyScreens.admitted(request, response, pages);
        if (user == null) {
            return;
        }
        String organisation = FormValues.halfWidth(FormValues.trimmed(request.getParameter("organisationCode")));
        if (organisation.isEmpty()) {
            form(request, response, user, organisation, Map.of("organisationCode", "組織を選んでください"), 400);
            return;
        }
        IssuedKeyFile issued;
        try {
            issued = KeyScreens.call(request, response, pages, user, admin -> admin.issueKey(organisation));
        } catch (CenterRequestRefused e) {
            form(request, response, user, organisation, Map.of("organisationCode", refusal(e)), 400);
            return;
        }
        if (issued == null) {
            return;
        }
        KeyHandover handover = KeyHandover.keep(request.getSession(), issued, null);
        LOG.info("{} issued key {} for {}", user.center().userId(), issued.getKey().getSerialNumber(), organisation);
        response.sendRedirect(request.getContextPath() + "/keys/issued?id=" + handover.id);
    }

    private void form(HttpServletRequest request, HttpServletResponse response, PortalUser user, String organisation,
                      Map<String, String> errors, int status) throws IOException {
        List<OrganisationSummary> organisations = KeyScreens.call(request, response, pages, user,
                admin -> admin.listOrganisations(false));
        if (organisations == null) {
            return;
        }
        Map<String, Object> model = PageModel.of(request, "keys");
        model.put("organisations", organisations);
        model.put("organisationCode", organisation);
        model.put("errors", new LinkedHashMap<>(errors));
        pages.render(response, status, "key-issue", model);
    }

    static String refusal(CenterRequestRefused e) {
        return switch (e.code()) {
            case "ORGANISATION_NOT_FOUND" -> "この組織は登録されていません";
            case "ORGANISATION_ENDED" -> "この組織は利用を終了しています。鍵は発行できません";
            default -> "認証センターで受け付けられませんでした（" + e.code() + "）";
        };
    }
}
