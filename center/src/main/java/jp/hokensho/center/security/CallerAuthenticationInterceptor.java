package jp.hokensho.center.security;

import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import jp.hokensho.center.identity.store.CertificateStore;
import jp.hokensho.center.identity.store.CertificateView;
import jp.hokensho.center.identity.store.UserAccountView;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.RefusalLog;
import jp.hokensho.routes.verification.SecurityFaults;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.security.wss4j.PolicyBasedWSS4JInInterceptor;
import org.apache.wss4j.common.principal.UsernameTokenPrincipal;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;

/**
 * Authenticates the person once WSS4J has verified the signature and trusted the key: first the rule that the
 * person belongs to the organisation the key was issued to, then the password (with lockout and cache).
 * Puts the {@link Caller} into the message for the routes, and marks a person who must still change a
 * one-time password for the {@link PasswordChangeGate}.
 */
public final class CallerAuthenticationInterceptor extends AbstractSoapInterceptor {
    /** Message key of the signing certificate's serial number (the access log; kept with asynchronous batches). */
    public static final String SERIAL_KEY = Caller.SIGNING_KEY_SERIAL;
    private final PasswordAuthenticator authenticator;
    private final CertificateStore certificates;
    private final RefusalLog refusals;

    public CallerAuthenticationInterceptor(PasswordAuthenticator authenticator, CertificateStore certificates,
                                           RefusalLog refusals) {
        super(Phase.PRE_PROTOCOL);
        addAfter(PolicyBasedWSS4JInInterceptor.class.getName());
        this.authenticator = authenticator;
        this.certificates = certificates;
        this.refusals = refusals;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        String operation = String.valueOf(message.get(org.apache.cxf.binding.soap.SoapBindingConstants.SOAP_ACTION));
        X509Certificate signer = firstResult(message, WSConstants.SIGN, WSSecurityEngineResult.TAG_X509_CERTIFICATE,
                X509Certificate.class);
        Principal token = firstResult(message, WSConstants.UT, WSSecurityEngineResult.TAG_PRINCIPAL,
                Principal.class);
        if (signer == null || !(token instanceof UsernameTokenPrincipal person)) {
            throw refuse(message, RefusalReason.MISSING_SIGNATURE_OR_TOKEN, null, null, operation);
        }
        CertificateView trusted = message.get(CertificateView.class);
        CertificateView key = trusted != null && trusted.serial().equals(signer.getSerialNumber()) ? trusted
                : certificates.find(signer.getSerialNumber()).orElse(null);
        if (key == null) {
            throw refuse(message, RefusalReason.UNKNOWN_KEY, person.getName(), null, operation);
        }
        PasswordAuthenticator.Result result = authenticator.authenticate(person.getName(), person.getPassword(),
                key.organisationCode());
        if (!result.accepted()) {
            throw refuse(message, result.reason(), person.getName(), key.organisationCode(), operation);
        }
        UserAccountView user = result.user();
        if (user.passwordChangeRequired()) {
            message.put(PasswordChangeGate.REQUIRED, Boolean.TRUE);
        }
        message.put(Caller.class, new Caller(user.userId(), user.organisationCode(), user.organisationName(),
                user.role(), RolePermissions.of(user.role())));
        message.put(SERIAL_KEY, signer.getSerialNumber());
    }

    private RuntimeException refuse(SoapMessage message, RefusalReason reason, String userId,
                                    String organisationCode, String operation) {
        refusals.refused(reason.name(), userId, organisationCode, operation, null);
        RefusalMarks.markLogged(message);
        return SecurityFaults.generic();
    }

    private static <T> T firstResult(SoapMessage message, int action, String tag, Class<T> type) {
        @SuppressWarnings("unchecked")
        List<WSHandlerResult> results = (List<WSHandlerResult>) message.get(WSHandlerConstants.RECV_RESULTS);
        if (results == null) {
            return null;
        }
        for (WSHandlerResult handlerResult : results) {
            List<WSSecurityEngineResult> actionResults = handlerResult.getActionResults().get(action);
            if (actionResults == null) {
                continue;
            }
            for (WSSecurityEngineResult result : actionResults) {
                Object value = result.get(tag);
                if (type.isInstance(value)) {
                    return type.cast(value);
                }
            }
        }
        return null;
    }
}
