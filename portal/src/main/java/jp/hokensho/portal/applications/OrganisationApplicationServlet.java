package jp.hokensho.portal.applications;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.hokensho.contract.admin.Application;
import jp.hokensho.contract.admin.ApplicationKind;
import jp.hokensho.contract.admin.NewApplication;
import jp.hokensho.contract.admin.OrganisationRequest;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.web.FormValues;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 医療機関申請 / 保険者申請: a business manager applies to change the organisation's data or end its use; the
 * center's operations manager enters a new organisation's registration from its paper application (a new
 * organisation has no key to apply with).
 */
public final class OrganisationApplicationServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(OrganisationApplicationServlet.class);
    private static final String[] FIELDS = {"code", "name", "organisationKind", "address", "delivery", "endpoint",
        "timeoutMillis", "comment"};
    private final transient Pages pages;

    OrganisationApplicationServlet(Pages pages) {
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApplicationKind kind = kind(request);
        if (admitted(request, response, kind)) {
            render(request, response, 200, kind, new LinkedHashMap<>(), Map.of());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApplicationKind kind = kind(request);
        if (!admitted(request, response, kind)) {
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : FIELDS) {
            form.put(field, FormValues.trimmed(request.getParameter(field)));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Long timeout = null;
        if (!form.get("timeoutMillis").isEmpty()) {
            try {
                timeout = Long.parseLong(FormValues.halfWidth(form.get("timeoutMillis")));
            } catch (NumberFormatException e) {
                errors.put("timeoutMillis", "ミリ秒を数字で入力してください");
            }
        }
        if (!errors.isEmpty()) {
            render(request, response, 400, kind, form, errors);
            return;
        }
        NewApplication application = application(kind, form, timeout);
        try {
            Optional<Application> submitted = CenterCall.call(request, response, pages,
                    admin -> admin.submitApplication(application));
            if (submitted.isPresent()) {
                LOG.info("{} applied for {} of {} (application {})", PortalUser.of(request.getSession(false))
                        .center().userId(), kind, submitted.get().getOrganisationCode(), submitted.get().getId());
                response.sendRedirect(request.getContextPath() + "/applications?submitted=" + submitted.get().getId());
            }
        } catch (CenterRequestRefused refused) {
            String field = CenterCall.field(refused);
            errors.put("kind".equals(field) ? "organisationKind" : field,
                    ApplicationLabels.refusal(refused.code(), refused.getMessage()));
            render(request, response, 400, kind, form, errors);
        }
    }

    private static NewApplication application(ApplicationKind kind, Map<String, String> form, Long timeout) {
        NewApplication application = new NewApplication();
        application.setKind(kind);
        application.setComment(UserApplicationServlet.blankAsNull(form.get("comment")));
        if (kind != ApplicationKind.ORGANISATION_END) {
            OrganisationRequest organisation = new OrganisationRequest();
            if (kind == ApplicationKind.ORGANISATION_REGISTER) {
                organisation.setCode(UserApplicationServlet.blankAsNull(FormValues.halfWidth(form.get("code"))));
                organisation.setKind(UserApplicationServlet.blankAsNull(form.get("organisationKind")));
            }
            organisation.setName(UserApplicationServlet.blankAsNull(form.get("name")));
            organisation.setAddress(UserApplicationServlet.blankAsNull(form.get("address")));
            organisation.setDelivery(UserApplicationServlet.blankAsNull(form.get("delivery")));
            organisation.setEndpoint(UserApplicationServlet.blankAsNull(form.get("endpoint")));
            organisation.setTimeoutMillis(timeout);
            application.setOrganisation(organisation);
        }
        return application;
    }

    private boolean admitted(HttpServletRequest request, HttpServletResponse response, ApplicationKind kind)
            throws IOException {
        PortalUser user = PortalUser.of(request.getSession(false));
        boolean allowed = kind == ApplicationKind.ORGANISATION_REGISTER ? ApplicationRights.decidesOrganisations(user)
                : ApplicationRights.appliesForOrganisation(user);
        if (!allowed) {
            CenterCall.forbidden(pages, response, new ApplicationLabels().kind(kind));
        }
        return allowed;
    }

    private void render(HttpServletRequest request, HttpServletResponse response, int status, ApplicationKind kind,
                        Map<String, String> form, Map<String, String> errors) throws IOException {
        Map<String, Object> model = PageModel.of(request, "applications");
        model.put("kind", kind.name());
        model.put("kindLabel", new ApplicationLabels().kind(kind));
        model.put("form", form);
        model.put("errors", errors);
        String role = PortalUser.of(request.getSession(false)).profile().getRole();
        model.put("insurer", kind == ApplicationKind.ORGANISATION_REGISTER || role.startsWith("INSURER:"));
        pages.render(response, status, "application-organisation", model);
    }

    private static ApplicationKind kind(HttpServletRequest request) {
        String kind = request.getParameter("kind");
        return "ORGANISATION_REGISTER".equals(kind) ? ApplicationKind.ORGANISATION_REGISTER
                : "ORGANISATION_END".equals(kind) ? ApplicationKind.ORGANISATION_END
                : ApplicationKind.ORGANISATION_CHANGE;
    }
}
