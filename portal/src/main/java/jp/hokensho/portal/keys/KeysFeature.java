package jp.hokensho.portal.keys;

import jp.hokensho.portal.web.Pages;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** The system administrator's key and account screens of the center console, registered together. */
public final class KeysFeature {
    private KeysFeature() {
    }

    public static void register(ServletContextHandler context, Pages pages) {
        context.addServlet(new ServletHolder(new KeyListServlet(pages)), "/keys");
        context.addServlet(new ServletHolder(new KeyIssueServlet(pages)), "/keys/issue");
        context.addServlet(new ServletHolder(new KeyChangeServlet(pages, KeyChangeServlet.Action.RENEW)),
                "/keys/renew");
        context.addServlet(new ServletHolder(new KeyChangeServlet(pages, KeyChangeServlet.Action.REVOKE)),
                "/keys/revoke");
        context.addServlet(new ServletHolder(new KeyHandoverServlet(pages)), "/keys/issued");
        context.addServlet(new ServletHolder(new KeyFileServlet(pages)), "/keys/file");
        context.addServlet(new ServletHolder(new UnlockServlet(pages)), "/unlock");
    }
}
