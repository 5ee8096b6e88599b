package jp.hokensho.portal.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Duration;
import jp.hokensho.portal.center.CenterConnector;
import jp.hokensho.portal.center.CenterRefused;
import jp.hokensho.portal.center.CenterUnavailable;
import jp.hokensho.portal.web.LoginThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic for every interaction but {@code metadata}. The portal checks no password itself: the credentials go
 * into the center call's UsernameToken, so the center's checks and lockout apply as they are. Here only the
 * slow-down: after repeated refusals from one address or for one user ID, further attempts are refused at once
 * (without asking the center) until the delay has passed; a success clears both counts. Every refusal, whatever its
 * reason, is the same 401, and a request is told nothing else (not even that its resource is invalid) before the
 * center has accepted its credentials.
 */
@Interceptor(order = -1000)
public final class FhirAuthentication {
    private static final Logger LOG = LoggerFactory.getLogger(FhirAuthentication.class);
    private static final String CREDENTIALS = FhirAuthentication.class.getName() + ".credentials";
    private static final String CONFIRMED = FhirAuthentication.class.getName() + ".confirmed";
    private final LoginThrottle throttle;
    private final CenterConnector connector;

    FhirAuthentication(LoginThrottle throttle, CenterConnector connector) {
        this.throttle = throttle;
        this.connector = connector;
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

    /**
     * Before any other error (a parse error, an invalid resource) is shown to a request whose credentials the center
     * has not yet seen, the center is asked who they belong to (getProfile): refused credentials get the one 401
     * instead. Valid requests never pay for this: their verification call is their authentication.
     */
    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException confirmBeforeSayingMore(RequestDetails details, Throwable error) {
        if (error instanceof AuthenticationException || details.getUserData().containsKey(CONFIRMED)
                || !(details.getUserData().get(CREDENTIALS) instanceof BasicCredentials credentials)) {
            return null;
        }
        try {
            connector.open(credentials.userId(), credentials.password()).profile();
        } catch (CenterRefused e) {
            refusedByCenter(details, credentials);
            LOG.warn("FHIR request of {} from {} refused by the center", credentials.userId(), address(details));
            return Outcomes.refused();
        } catch (CenterUnavailable e) {
            LOG.warn("FHIR request of {}: credentials not confirmed: {}", credentials.userId(), e.getMessage());
            return null;
        }
        acceptedByCenter(details, credentials);
        return null;
    }

    /** The center refused these credentials (or the person's rights): the next attempts may have to wait. */
    void refusedByCenter(RequestDetails details, BasicCredentials credentials) {
        details.getUserData().put(CONFIRMED, Boolean.FALSE);
        throttle.failed(address(details));
        throttle.failed(userKey(credentials));
    }

    void acceptedByCenter(RequestDetails details, BasicCredentials credentials) {
        details.getUserData().put(CONFIRMED, Boolean.TRUE);
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
