package jp.hokensho.portal.applications;

import java.util.List;
import jp.hokensho.portal.web.PortalUser;

/**
 * Which application screens a person sees, from the rights the center gave at login (getProfile). Only for
 * showing the right screens and links: the center checks every call anyway.
 */
public final class ApplicationRights {
    private ApplicationRights() {
    }

    /** 利用者申請: a business manager applies for the organisation's people. */
    public static boolean appliesForUsers(PortalUser user) {
        return has(user, "INSTITUTION_USER_APPLICATION", "INSURER_USER_APPLICATION");
    }

    /** 医療機関申請 / 保険者申請: a business manager applies to change or end the organisation. */
    public static boolean appliesForOrganisation(PortalUser user) {
        return has(user, "INSTITUTION_APPLICATION", "INSURER_APPLICATION");
    }

    /** The center's system administrator: user applications. */
    public static boolean decidesUsers(PortalUser user) {
        return has(user, "USER_REGISTRATION");
    }

    /** The center's operations manager: organisation applications, and paper registrations entered for them. */
    public static boolean decidesOrganisations(PortalUser user) {
        return has(user, "ORGANISATION_REGISTRATION");
    }

    /** The center's staff who read applications of every organisation. */
    public static boolean reviews(PortalUser user) {
        return decidesUsers(user) || decidesOrganisations(user) || has(user, "ORGANISATION_VIEWING");
    }

    /** True when the person sees the applications tab at all. */
    public static boolean mayOpen(PortalUser user) {
        return appliesForUsers(user) || appliesForOrganisation(user) || reviews(user);
    }

    private static boolean has(PortalUser user, String... rights) {
        return user != null && List.of(rights).stream().anyMatch(user.profile().getRight()::contains);
    }
}
