package jp.hokensho.portal.applications;

import jp.hokensho.portal.web.Pages;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** The application screens: the list, the user and organisation application forms, the review and decision. */
public final class ApplicationScreens {
    private ApplicationScreens() {
    }

    public static void register(ServletContextHandler context, Pages pages) {
        context.addServlet(new ServletHolder(new ApplicationListServlet(pages)), "/applications");
        context.addServlet(new ServletHolder(new UserApplicationServlet(pages)), "/applications/user");
        context.addServlet(new ServletHolder(new OrganisationApplicationServlet(pages)), "/applications/organisation");
        context.addServlet(new ServletHolder(new DecisionServlet(pages)), "/applications/decide");
    }
}
