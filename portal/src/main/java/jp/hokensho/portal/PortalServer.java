package jp.hokensho.portal;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import jp.hokensho.portal.bulk.BulkServlet;
import jp.hokensho.portal.bulk.BulkSettings;
import jp.hokensho.portal.center.CenterConnector;
import jp.hokensho.portal.fhir.FhirEndpoint;
import jp.hokensho.portal.exchange.ExchangeSettings;
import jp.hokensho.portal.exchange.FolderExchange;
import jp.hokensho.portal.history.HistoryServlet;
import jp.hokensho.portal.qr.QrFeature;
import jp.hokensho.portal.review.AccessReviewServlet;
import jp.hokensho.portal.web.LoginServlet;
import jp.hokensho.portal.web.LoginThrottle;
import jp.hokensho.portal.web.LogoutServlet;
import jp.hokensho.portal.web.Pages;
import jp.hokensho.portal.web.PasswordServlet;
import jp.hokensho.portal.web.PortalFilter;
import jp.hokensho.portal.web.RootServlet;
import jp.hokensho.portal.web.StaticServlet;
import jp.hokensho.portal.web.VerifyServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running portal: an embedded Jetty (CXF's 12.0 line) serving the pages, each session with its own ports. */
public final class PortalServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PortalServer.class);
    private final Server server;
    private final String url;
    private final FolderExchange exchange;

    private PortalServer(Server server, String url, FolderExchange exchange) {
        this.server = server;
        this.url = url;
        this.exchange = exchange;
    }

    public static PortalServer start(PortalSettings settings, Clock clock) {
        PortalTls.requireTlsOffLoopback(settings);
        Duration idleTimeout = Duration.ofMinutes(settings.getInt("portal.session.idle-minutes"));
        CenterConnector connector = new CenterConnector(settings);
        Pages pages = new Pages();
        LoginThrottle throttle = new LoginThrottle(clock, settings.getInt("portal.login.free-attempts"),
                settings.getSeconds("portal.login.base-delay-seconds"),
                settings.getSeconds("portal.login.max-delay-seconds"));

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        configureSessions(context.getSessionHandler(), idleTimeout);
        context.addFilter(new FilterHolder(new PortalFilter(pages, clock, idleTimeout)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new RootServlet()), "");
        context.addServlet(new ServletHolder(new LoginServlet(pages, connector, throttle, clock)), "/login");
        context.addServlet(new ServletHolder(new LogoutServlet()), "/logout");
        context.addServlet(new ServletHolder(new PasswordServlet(pages)), "/password");
        context.addServlet(new ServletHolder(new VerifyServlet(pages, clock)), "/verify");
        context.addServlet(new ServletHolder(new HistoryServlet(pages)), "/history");
        context.addServlet(new ServletHolder(new AccessReviewServlet(pages)), "/access-review");
        jp.hokensho.portal.logs.LogScreens.register(context, pages, clock);
        context.addServlet(new ServletHolder(new StaticServlet()), "/static/*");
        QrFeature.register(context, pages, settings);
        BulkServlet.register(context, pages, clock, BulkSettings.of(settings));
        jp.hokensho.portal.applications.ApplicationScreens.register(context, pages);
        jp.hokensho.portal.keys.KeysFeature.register(context, pages);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);

        Server server = new Server();
        ServerConnector http = PortalTls.connector(server, settings);
        http.setHost(settings.get("portal.http.host"));
        http.setPort(settings.getInt("portal.http.port"));
        server.addConnector(http);
        String fhirBase = FhirEndpoint.basePath(settings);
        if (fhirBase == null) {
            server.setHandler(context);
        } else {
            // The FHIR endpoint in a context of its own: the pages' sessions, CSRF tokens and redirects stay out.
            server.setHandler(new ContextHandlerCollection(
                    FhirEndpoint.context(settings, connector, throttle, clock), context));
        }
        server.setErrorHandler(errors);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the portal could not listen on " + settings.get("portal.http.host") + ":"
                    + settings.get("portal.http.port") + ": " + e.getMessage(), e);
        }
        String url = PortalTls.scheme(settings) + "://" + settings.get("portal.http.host") + ":" + http.getLocalPort()
                + "/";
        LOG.info("clinic portal listening on {} (center {})", url, settings.get("portal.center.base-url"));
        if (fhirBase != null) {
            LOG.info("FHIR R4 endpoint at {}", url.replaceAll("/$", "") + fhirBase);
        }
        ExchangeSettings exchangeSettings = ExchangeSettings.of(settings);
        FolderExchange exchange = null;
        if (exchangeSettings != null) {
            try {
                exchange = FolderExchange.start(exchangeSettings, connector, clock);
            } catch (RuntimeException e) {
                stopQuietly(server);
                throw e;
            }
        }
        return new PortalServer(server, url, exchange);
    }

    /**
     * Cookie only (never the id in a URL), HttpOnly, SameSite=Strict, Secure when the request came over TLS.
     * Sessions live in memory only, so the password kept for a session is never written anywhere; Jetty drops a
     * session a little after the portal's own idle check has ended it.
     */
    private static void configureSessions(SessionHandler sessions, Duration idleTimeout) {
        sessions.setSessionCookie("PORTAL_SESSION");
        sessions.setHttpOnly(true);
        sessions.setSameSite(HttpCookie.SameSite.STRICT);
        sessions.setSecureRequestOnly(true);
        sessions.setUsingUriParameters(false);
        sessions.setMaxInactiveInterval((int) idleTimeout.plusMinutes(1).toSeconds());
    }

    /** {@code http://host:port/}, or {@code https://} when a server key is configured */
    public String url() {
        return url;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the portal did not stop cleanly", e);
        }
    }

    @Override
    public void close() {
        if (exchange != null) {
            exchange.close();
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the portal did not stop cleanly", e);
        }
    }
}
