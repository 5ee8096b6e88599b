package jp.hokensho.portal.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Duration;
import jp.hokensho.portal.web.LoginThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic for every interaction but {@code metadata}. The portal checks no password itself: the credentials go
 * into the center call's UsernameToken, so the center's checks and lockout apply as they are. Here only the
 * slow-down: after repeated refusals from one address or for one user ID, further attempts are refused at once
 * (without asking the center) until the delay has passed; a success clears both counts. Every refusal, whatever its
 * reason, is the same 401.
 */
@Interceptor(order = -1000)
public final class FhirAuthentication {
    private static final Logger LOG = LoggerFactory.getLogger(FhirAuthentication.class);
    private static final String CREDENTIALS = FhirAuthentication.class.getName() + ".credentials";
    private final LoginThrottle throttle;

    FhirAuthentication(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean authenticate(RequestDetails details) {
        if (details.getRestOperationType() == RestOperationTypeEnum.METADATA) {
            return true;
        }
        String address = address(details);
        BasicCredentials credentials = BasicCredentials.parse(details.getHeader("Authorization")).orElse(null);
        if (credentials == null) {
            LOG.info("FHIR request from {} without usable Basic credentials refused", address);
            throw Outcomes.refused();
        }
        Duration wait = longer(throttle.waitBeforeAttempt(address), throttle.waitBeforeAttempt(userKey(credentials)));
        if (!wait.isZero()) {
            LOG.warn("FHIR request of {} from {} refused: must wait {} after repeated failures",
                    credentials.userId(), address, wait);
            throw Outcomes.refused();
        }
        details.getUserData().put(CREDENTIALS, credentials);
        return true;
    }

    /** The credentials {@link #authenticate} admitted. */
    static BasicCredentials credentials(RequestDetails details) {
        Object credentials = details.getUserData().get(CREDENTIALS);
        if (credentials instanceof BasicCredentials basic) {
            return basic;
        }
        throw Outcomes.refused();
    }

    /** The center refused these credentials (or the person's rights): the next attempts may have to wait. */
    void refusedByCenter(RequestDetails details, BasicCredentials credentials) {
        throttle.failed(address(details));
        throttle.failed(userKey(credentials));
    }

    void acceptedByCenter(RequestDetails details, BasicCredentials credentials) {
        throttle.succeeded(address(details));
        throttle.succeeded(userKey(credentials));
    }

    static String address(RequestDetails details) {
        return details instanceof ServletRequestDetails servlet ? servlet.getServletRequest().getRemoteAddr() : "?";
    }

    /** Kept apart from addresses in the shared throttle. */
    private static String userKey(BasicCredentials credentials) {
        return "fhir-user:" + credentials.userId();
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
