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
import jp.hokensho.contract.admin.PersonRequest;
import jp.hokensho.portal.center.CenterRequestRefused;
import jp.hokensho.portal.web.FormValues;
import jp.hokensho.portal.web.PageModel;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PortalUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 利用者申請: a business manager applies to add a person, change one (role, name, kana, birth date, contact) or
 * remove one. The center checks the application (one ID per person); its refusals are shown beside their fields.
 */
public final class UserApplicationServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(UserApplicationServlet.class);
    static final String[] FIELDS = {"userId", "role", "name", "kana", "birthDate", "contact", "comment"};
    private final transient Pages pages;

    UserApplicationServlet(Pages pages) {
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (admitted(request, response)) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("userId", FormValues.trimmed(request.getParameter("userId")));
            render(request, response, 200, kind(request), form, Map.of());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!admitted(request, response)) {
            return;
        }
        ApplicationKind kind = kind(request);
        Map<String, String> form = new LinkedHashMap<>();
        for (String field : FIELDS) {
            form.put(field, FormValues.trimmed(request.getParameter(field)));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (!form.get("birthDate").isEmpty() && FormValues.date(form.get("birthDate")) == null) {
            errors.put("birthDate", "日付を入力してください（例: 1980-04-01）");
        }
        if (!errors.isEmpty()) {
            render(request, response, 400, kind, form, errors);
            return;
        }
        try {
            Optional<Application> submitted = CenterCall.call(request, response, pages,
                    admin -> admin.submitApplication(application(kind, form)));
            if (submitted.isPresent()) {
                LOG.info("{} applied for {} of {} (application {})", PortalUser.of(request.getSession(false))
                        .center().userId(), kind, form.get("userId"), submitted.get().getId());
                response.sendRedirect(request.getContextPath() + "/applications?submitted=" + submitted.get().getId());
            }
        } catch (CenterRequestRefused refused) {
            errors.put(CenterCall.field(refused), ApplicationLabels.refusal(refused.code(), refused.getMessage()));
            render(request, response, 400, kind, form, errors);
        }
    }

    private static NewApplication application(ApplicationKind kind, Map<String, String> form) {
        PersonRequest person = new PersonRequest();
        person.setUserId(form.get("userId"));
        if (kind != ApplicationKind.USER_REMOVE) {
            person.setRole(blankAsNull(form.get("role")));
            person.setName(blankAsNull(form.get("name")));
            person.setKana(blankAsNull(form.get("kana")));
            person.setBirthDate(FormValues.date(form.get("birthDate")));
            person.setContact(blankAsNull(form.get("contact")));
        }
        NewApplication application = new NewApplication();
        application.setKind(kind);
        application.setPerson(person);
        application.setComment(blankAsNull(form.get("comment")));
        return application;
    }

    private boolean admitted(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (ApplicationRights.appliesForUsers(PortalUser.of(request.getSession(false)))) {
            return true;
        }
        CenterCall.forbidden(pages, response, "利用者申請");
        return false;
    }

    private void render(HttpServletRequest request, HttpServletResponse response, int status, ApplicationKind kind,
                        Map<String, String> form, Map<String, String> errors) throws IOException {
        PortalUser user = PortalUser.of(request.getSession(false));
        String role = user.profile().getRole();
        Map<String, Object> model = PageModel.of(request, "applications");
        model.put("kind", kind.name());
        model.put("kindLabel", new ApplicationLabels().kind(kind));
        model.put("form", form);
        model.put("errors", errors);
        model.put("roles", ApplicationLabels.rolesOf(role.substring(0, role.indexOf(':'))));
        pages.render(response, status, "application-user", model);
    }

    private static ApplicationKind kind(HttpServletRequest request) {
        String kind = request.getParameter("kind");
        return "USER_CHANGE".equals(kind) ? ApplicationKind.USER_CHANGE
                : "USER_REMOVE".equals(kind) ? ApplicationKind.USER_REMOVE : ApplicationKind.USER_ADD;
    }

    static String blankAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
