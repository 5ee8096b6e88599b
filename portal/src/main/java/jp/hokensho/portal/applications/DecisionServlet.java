package jp.hokensho.portal.applications;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.hokensho.contract.admin.Application;
import jp.hokensho.contract.admin.ApplicationDecision;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.web.FormValues;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 申請の審査: one application with what the reviewer must know (the same person elsewhere), then approve or
 * reject with a reason. An approved addition's one-time password is shown on the answer page only, once: it is
 * neither stored by the portal nor reachable again (the page is the POST's answer, never cached).
 */
public final class DecisionServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionServlet.class);
    private final transient Pages pages;

    DecisionServlet(Pages pages) {
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (admitted(request, response)) {
            showApplication(request, response, 200, id(request), new LinkedHashMap<>(), "");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!admitted(request, response)) {
            return;
        }
        long id = id(request);
        String decision = FormValues.trimmed(request.getParameter("decision"));
        String reason = FormValues.trimmed(request.getParameter("reason"));
        Map<String, String> errors = new LinkedHashMap<>();
        if (!decision.equals("approve") && !decision.equals("reject")) {
            errors.put("decision", "承認か却下を選んでください");
            showApplication(request, response, 400, id, errors, reason);
            return;
        }
        boolean approve = decision.equals("approve");
        try {
            Optional<ApplicationDecision> decided = CenterCall.call(request, response, pages,
                    admin -> admin.decideApplication(id, approve, reason.isEmpty() ? null : reason));
            if (decided.isEmpty()) {
                return;
            }
            LOG.info("{} {} application {}", PortalUser.of(request.getSession(false)).center().userId(),
                    approve ? "approved" : "rejected", id);
            Map<String, Object> model = PageModel.of(request, "applications");
            model.put("application", decided.get().getApplication());
            model.put("oneTimePassword", decided.get().getOneTimePassword());
            model.put("labels", new ApplicationLabels());
            pages.render(response, 200, "application-decided", model);
        } catch (CenterRequestRefused refused) {
            String field = CenterCall.field(refused);
            errors.put(field.equals("applicationId") ? "" : field,
                    ApplicationLabels.refusal(refused.code(), refused.getMessage()));
            showApplication(request, response, 400, id, errors, reason);
        }
    }

    private void showApplication(HttpServletRequest request, HttpServletResponse response, int status, long id,
                                 Map<String, String> errors, String reason) throws IOException {
        Optional<List<Application>> applications = CenterCall.call(request, response, pages,
                admin -> admin.listApplications(null));
        if (applications.isEmpty()) {
            return;
        }
        Optional<Application> application = applications.get().stream().filter(a -> a.getId() == id).findFirst();
        if (application.isEmpty()) {
            pages.render(response, 404, "message", Map.of("title", "申請が見つかりません",
                    "message", "申請番号 " + id + " の申請はありません。"));
            return;
        }
        Map<String, Object> model = PageModel.of(request, "applications");
        model.put("application", application.get());
        model.put("labels", new ApplicationLabels());
        model.put("errors", errors);
        model.put("reason", reason);
        PortalUser user = PortalUser.of(request.getSession(false));
        boolean userApplication = application.get().getKind().name().startsWith("USER_");
        model.put("mayDecide", userApplication ? ApplicationRights.decidesUsers(user)
                : ApplicationRights.decidesOrganisations(user));
        pages.render(response, status, "application-decide", model);
    }

    private boolean admitted(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (ApplicationRights.reviews(PortalUser.of(request.getSession(false)))) {
            return true;
        }
        CenterCall.forbidden(pages, response, "申請の審査");
        return false;
    }

    private static long id(HttpServletRequest request) {
        try {
            return Long.parseLong(FormValues.trimmed(request.getParameter("id")));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
