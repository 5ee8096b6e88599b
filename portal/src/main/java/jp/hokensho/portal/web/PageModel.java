package jp.hokensho.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;

/** What every page's template gets: the CSRF token for its forms, the logged-in person, the active tab. */
public final class PageModel {
    private PageModel() {
    }

    public static Map<String, Object> of(HttpServletRequest request, String activeTab) {
        Map<String, Object> model = new HashMap<>();
        model.put("csrf", Csrf.token(request.getSession(true)));
        model.put("csrfParameter", Csrf.PARAMETER);
        PortalUser user = PortalUser.of(request.getSession(false));
        if (user != null) {
            model.put("profile", user.profile());
            model.put("passwordChangeRequired", user.passwordChangeRequired());
        }
        model.put("active", activeTab);
        return model;
    }
}
