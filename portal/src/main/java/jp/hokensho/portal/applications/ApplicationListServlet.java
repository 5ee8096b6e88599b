package jp.hokensho.portal.applications;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.hokensho.contract.admin.Application;
import jp.hokensho.contract.admin.ApplicationState;
import jp.hokensho.contract.admin.UserSummary;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;

/**
 * 利用者申請 / 申請の審査: the applications the person may see with their state and reason (pending first for the
 * center's reviewers), and for a business manager the organisation's people with links to apply for changes.
 */
public final class ApplicationListServlet extends HttpServlet {
    private final transient Pages pages;

    ApplicationListServlet(Pages pages) {
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PortalUser user = PortalUser.of(request.getSession(false));
        if (!ApplicationRights.mayOpen(user)) {
            CenterCall.forbidden(pages, response, "申請");
            return;
        }
        Optional<List<Application>> applications = CenterCall.call(request, response, pages,
                admin -> admin.listApplications(null));
        if (applications.isEmpty()) {
            return;
        }
        List<UserSummary> users = List.of();
        if (ApplicationRights.appliesForUsers(user)) {
            Optional<List<UserSummary>> listed = CenterCall.call(request, response, pages, admin -> admin.listUsers(null));
            if (listed.isEmpty()) {
                return;
            }
            users = listed.get();
        }
        Map<String, Object> model = PageModel.of(request, "applications");
        model.put("pending", applications.get().stream()
                .filter(application -> application.getState() == ApplicationState.PENDING).toList());
        model.put("decided", applications.get().stream()
                .filter(application -> application.getState() != ApplicationState.PENDING).toList());
        model.put("users", users);
        model.put("labels", new ApplicationLabels());
        model.put("appliesForUsers", ApplicationRights.appliesForUsers(user));
        model.put("appliesForOrganisation", ApplicationRights.appliesForOrganisation(user));
        model.put("reviews", ApplicationRights.reviews(user));
        model.put("registersOrganisations", ApplicationRights.decidesOrganisations(user));
        model.put("submitted", request.getParameter("submitted"));
        pages.render(response, 200, "applications", model);
    }
}
