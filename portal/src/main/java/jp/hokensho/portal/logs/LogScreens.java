package jp.hokensho.portal.logs;

import java.time.Clock;
import jp.hokensho.portal.web.Pages;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** The center staff's service-log and report screens, registered in one line of the portal's server. */
public final class LogScreens {
    private LogScreens() {
    }

    public static void register(ServletContextHandler context, Pages pages, Clock clock) {
        context.addServlet(new ServletHolder(new ServiceLogServlet(pages)), "/logs");
        // A path-prefix mapping also serves the bare path (/usage: the screen; /usage/csv, /usage/chart: files).
        context.addServlet(new ServletHolder(new UsageReportServlet(pages)), "/usage/*");
        context.addServlet(new ServletHolder(new MonthlyReportServlet(pages, clock)), "/monthly/*");
    }
}
