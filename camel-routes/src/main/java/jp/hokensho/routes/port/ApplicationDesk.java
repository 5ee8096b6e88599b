package jp.hokensho.routes.port;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import jp.hokensho.contract.admin.Application;
import jp.hokensho.contract.admin.ApplicationDecision;
import jp.hokensho.contract.admin.ApplicationKind;
import jp.hokensho.contract.admin.ApplicationState;
import jp.hokensho.contract.admin.NewApplication;
import jp.hokensho.contract.admin.UserSummary;

/**
 * The center's desk for applications (users, organisations) and its list of users. The routes have already
 * checked who may do what (jp.hokensho.routes.admin.ApplicationAccess); the desk checks the application itself
 * and throws {@link ApplicationRefused} for anything it cannot accept, having changed nothing.
 */
public interface ApplicationDesk {
    /** Whom an application is about: its users, or the organisation itself. */
    enum Category {
        USER, ORGANISATION;

        public static Category of(ApplicationKind kind) {
            return kind.name().startsWith("USER_") ? USER : ORGANISATION;
        }
    }

    /**
     * Stores a pending application of {@code organisationCode}: the applicant's own organisation, or for a
     * registration the one to be registered (taken from the application).
     */
    Application submit(Caller applicant, NewApplication application);

    Optional<Application> find(long id);

    /**
     * @param organisationCode only this organisation's applications; null for every organisation's
     * @param state            null for every state
     */
    List<Application> list(String organisationCode, Set<Category> categories, ApplicationState state);

    /** Approves (carrying the change out) or rejects a pending application; a rejection needs a reason. */
    ApplicationDecision decide(Caller decider, long id, boolean approve, String reason);

    /** @param organisationCode null for every organisation's users */
    List<UserSummary> users(String organisationCode);
}
