package jp.hokensho.portal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ServerCapabilityStatementProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import jp.hokensho.portal.PortalSettings;
import jp.hokensho.portal.center.CenterConnector;
import jp.hokensho.portal.web.LoginThrottle;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FHIR R4 endpoint of the portal: HAPI's RestfulServer (a plain jakarta servlet) in a context of its own under
 * {@code portal.fhir.base-path}, beside the pages but without their sessions, CSRF tokens or login redirects. It
 * runs on the portal's Jetty (CXF's 12.0 line) and reaches the center only through the WSDLs, with the person's
 * own credentials (HTTP Basic).
 */
public final class FhirEndpoint {
    static final String BASE_PATH = "portal.fhir.base-path";
    static final String MAX_REQUEST_BYTES = "portal.fhir.max-request-bytes";
    private static final Logger LOG = LoggerFactory.getLogger(FhirEndpoint.class);

    private FhirEndpoint() {
    }

    /** The base path ({@code /fhir}), or null when the endpoint is switched off (blank setting). */
    public static String basePath(PortalSettings settings) {
        String path = settings.getOrNull(BASE_PATH);
        if (path == null || path.isBlank()) {
            return null;
        }
        path = "/" + path.strip().replaceAll("^/+|/+$", "");
        if ("/".equals(path)) {
            throw new IllegalArgumentException("portal setting " + BASE_PATH + " must name a path below the pages,"
                    + " e.g. /fhir, not /");
        }
        return path;
    }

    /** The endpoint's context, mounted at {@link #basePath}. */
    public static ServletContextHandler context(PortalSettings settings, CenterConnector connector,
                                                LoginThrottle throttle, Clock clock) {
        FhirContext fhir = FhirContext.forR4();
        RestfulServer server = new RestfulServer(fhir);
        // An element the model does not know is an error naming it, not silently dropped.
        fhir.setParserErrorHandler(new StrictErrorHandler());
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setServerName("保険証認証 clinic portal FHIR endpoint");
        server.setImplementationDescription("Health insurance eligibility verification (保険証認証) through the"
                + " verification center");
        FhirAuthentication authentication = new FhirAuthentication(throttle, connector);
        RequestValidation validation = new RequestValidation(fhir);
        server.registerInterceptor(authentication);
        server.setResourceProviders(new EligibilityProvider(connector, authentication, validation, clock));
        server.setServerConformanceProvider(new CapabilityWithSecurity(server));

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath(basePath(settings));
        context.addFilter(new FilterHolder(new Limits(settings.getInt(MAX_REQUEST_BYTES))), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        ServletHolder holder = new ServletHolder(server);
        holder.setInitOrder(0);
        context.addServlet(holder, "/*");
        validation.warmUp();
        return context;
    }

    /** The generated CapabilityStatement, plus how to authenticate. */
    private static final class CapabilityWithSecurity extends ServerCapabilityStatementProvider {
        CapabilityWithSecurity(RestfulServer server) {
            super(server);
        }

        @Override
        public IBaseConformance getServerConformance(HttpServletRequest request, RequestDetails details) {
            CapabilityStatement statement = (CapabilityStatement) super.getServerConformance(request, details);
            statement.setName("HokenshoClinicPortalEligibility");
            statement.setPublisher("保険証認証センター clinic portal");
            for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
                CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
                security.addService().addCoding().setSystem(
                        "http://terminology.hl7.org/CodeSystem/restful-security-service").setCode("Basic");
                security.setDescription("HTTP Basic with the person's own user ID and password at the verification"
                        + " center (over HTTPS off loopback); every refusal is the same 401.");
            }
            return statement;
        }
    }

    /** Card data: no caching, no sniffing; and no request body larger than the limit. */
    private static final class Limits extends HttpFilter {
        private final int maxRequestBytes;

        Limits(int maxRequestBytes) {
            this.maxRequestBytes = maxRequestBytes;
        }

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Content-Type-Options", "nosniff");
            boolean hasBody = "POST".equals(request.getMethod()) || "PUT".equals(request.getMethod());
            if (hasBody && request.getContentLengthLong() < 0) {
                response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED);
                return;
            }
            if (request.getContentLengthLong() > maxRequestBytes) {
                LOG.info("FHIR request from {} refused: {} bytes, more than {}", request.getRemoteAddr(),
                        request.getContentLengthLong(), maxRequestBytes);
                response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
