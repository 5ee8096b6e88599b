package jp.hokensho.routes.admin;

import static jp.hokensho.routes.port.Permission.INSTITUTION_APPLICATION;
import static jp.hokensho.routes.port.Permission.INSTITUTION_USER_APPLICATION;
import static jp.hokensho.routes.port.Permission.INSURER_APPLICATION;
import static jp.hokensho.routes.port.Permission.INSURER_USER_APPLICATION;
import static jp.hokensho.routes.port.Permission.ORGANISATION_REGISTRATION;
import static jp.hokensho.routes.port.Permission.ORGANISATION_VIEWING;
import static jp.hokensho.routes.port.Permission.USER_REGISTRATION;

import java.util.EnumSet;
import java.util.Set;
import jp.hokensho.contract.admin.ApplicationKind;
import jp.hokensho.routes.port.ApplicationDesk.Category;
import jp.hokensho.routes.port.Caller;

/**
 * Which applications a caller let into an operation may touch, beyond the operation's own rights
 * (OperationRights): the right depends on the application's kind, and applicants stay within their own
 * organisation.
 */
public final class ApplicationAccess {
    private ApplicationAccess() {
    }

    /**
     * Business managers apply for their own organisation's users and for its change or end; a new organisation
     * has no key yet, so its (paper) registration is entered by the center's organisation registration.
     */
    public static boolean maySubmit(Caller caller, ApplicationKind kind) {
        return switch (kind) {
            case USER_ADD, USER_CHANGE, USER_REMOVE -> appliesForUsers(caller);
            case ORGANISATION_CHANGE, ORGANISATION_END -> appliesForOrganisation(caller);
            case ORGANISATION_REGISTER -> caller.may(ORGANISATION_REGISTRATION);
        };
    }

    public static boolean mayDecide(Caller caller, Category category) {
        return caller.may(category == Category.USER ? USER_REGISTRATION : ORGANISATION_REGISTRATION);
    }

    /** The center's reviewers see every organisation's applications; applicants only their own organisation's. */
    public static boolean seesEveryOrganisation(Caller caller) {
        return caller.may(USER_REGISTRATION) || caller.may(ORGANISATION_VIEWING);
    }

    /** The categories of applications the caller may list. */
    public static Set<Category> visibleCategories(Caller caller) {
        Set<Category> categories = EnumSet.noneOf(Category.class);
        if (seesEveryOrganisation(caller)) {
            if (caller.may(USER_REGISTRATION)) {
                categories.add(Category.USER);
            }
            if (caller.may(ORGANISATION_VIEWING)) {
                categories.add(Category.ORGANISATION);
            }
            return categories;
        }
        if (appliesForUsers(caller)) {
            categories.add(Category.USER);
        }
        if (appliesForOrganisation(caller)) {
            categories.add(Category.ORGANISATION);
        }
        return categories;
    }

    public static boolean seesEveryUser(Caller caller) {
        return caller.may(USER_REGISTRATION);
    }

    private static boolean appliesForUsers(Caller caller) {
        return caller.may(INSTITUTION_USER_APPLICATION) || caller.may(INSURER_USER_APPLICATION);
    }

    private static boolean appliesForOrganisation(Caller caller) {
        return caller.may(INSTITUTION_APPLICATION) || caller.may(INSURER_APPLICATION);
    }
}
