package jp.hokensho.center.security;

import java.util.Set;
import jp.hokensho.center.soap.RequestFaults;
import jp.hokensho.routes.permission.OperationRights;
import jp.hokensho.routes.port.Caller;
import jp.hokensho.routes.port.RefusalLog;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;

/**
 * Refuses every operation but the password change to a person whose password was handed out by the center
 * staff and not yet changed, with the typed {@code invalidRequest} fault {@value #CODE}: the person is told what
 * to do, unlike a security refusal. Runs once the body has been read, so the operation is the one the body
 * names (not the client's SOAPAction header).
 */
public final class PasswordChangeGate extends AbstractSoapInterceptor {
    /** Message key set by the authentication when the person must change the password first. */
    public static final String REQUIRED = PasswordChangeGate.class.getName() + ".required";
    public static final String CODE = "PASSWORD_CHANGE_REQUIRED";
    /** The password change itself, and who the caller is (a portal logs in with it, then offers the change). */
    private static final Set<String> ALLOWED = Set.of(OperationRights.CHANGE_PASSWORD.operationName(),
            OperationRights.GET_PROFILE.operationName());

    private final RefusalLog refusals;

    public PasswordChangeGate(RefusalLog refusals) {
        super(Phase.PRE_INVOKE);
        this.refusals = refusals;
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if (!Boolean.TRUE.equals(message.get(REQUIRED))) {
            return;
        }
        BindingOperationInfo operation = message.getExchange().getBindingOperationInfo();
        String name = operation == null ? "?" : operation.getName().getLocalPart();
        if (ALLOWED.contains(name)) {
            return;
        }
        Caller caller = message.get(Caller.class);
        refusals.refused(RefusalReason.PASSWORD_CHANGE_REQUIRED.name(), caller == null ? null : caller.userId(),
                caller == null ? null : caller.organisationCode(), name, "one-time password not changed yet");
        RefusalMarks.markLogged(message);
        throw RequestFaults.invalidRequest(CODE, "password", "the password was issued by the center and must be "
                + "changed with AccountService changePassword before any other operation");
    }
}
