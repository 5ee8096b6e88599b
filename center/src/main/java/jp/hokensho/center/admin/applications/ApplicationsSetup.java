package jp.hokensho.center.admin.applications;

import java.time.Clock;
import jp.hokensho.center.CenterSettings;
import jp.hokensho.center.persistence.Database;
import jp.hokensho.center.security.PasswordHasher;
import jp.hokensho.routes.admin.ApplicationRoutes;
import jp.hokensho.routes.port.RefusalLog;
import org.apache.camel.builder.RouteBuilder;

/** The AdminService's applications area as the center runs it: the routes on the stored desk. */
public final class ApplicationsSetup {
    private ApplicationsSetup() {
    }

    public static RouteBuilder routes(RefusalLog refusals, Database database, CenterSettings settings, Clock clock) {
        return new ApplicationRoutes(refusals, new StoredApplicationDesk(database,
                new PasswordHasher(settings.getInt("center.password.pbkdf2-iterations")),
                new OrganisationDecisions(database, settings, clock), clock));
    }
}
