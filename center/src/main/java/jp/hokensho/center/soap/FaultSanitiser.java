package jp.hokensho.center.soap;

import jp.hokensho.routes.verification.SecurityFaults;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.policy.PolicyException;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every fault say no more than the caller needs. Security refusals raised inside WSS4J or by CXF's
 * policy checks (which name the failed rule, some as server faults) become the one generic
 * {@code wsse:InvalidSecurity} fault; internal errors (a database outage, a bug) are logged in full and
 * answered with a neutral server fault; declared business faults pass unchanged. The original stays the
 * cause, so the refusal logger still sees why.
 */
public final class FaultSanitiser extends AbstractPhaseInterceptor<Message> {
    static final String NEUTRAL = "The center could not process the request; the error has been logged";
    private static final Logger LOG = LoggerFactory.getLogger(FaultSanitiser.class);
    private static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private static final String WSS4J = "http://ws.apache.org/wss4j";

    public FaultSanitiser() {
        super(Phase.PREPARE_SEND);
    }

    @Override
    public void handleMessage(Message message) {
        if (!(message.getContent(Exception.class) instanceof Fault fault)) {
            return;
        }
        if (isSecurityRefusal(fault)) {
            if (!(fault instanceof SoapFault soap && SecurityFaults.isGeneric(soap))) {
                message.setContent(Exception.class, SecurityFaults.generic(fault));
            }
        } else if (!isBusinessOrClientFault(fault)) {
            LOG.error("internal error answered with a neutral fault", fault);
            message.setContent(Exception.class, new SoapFault(NEUTRAL, fault, Fault.FAULT_CODE_SERVER));
        }
    }

    static boolean isSecurityRefusal(Fault fault) {
        if (fault instanceof SoapFault soap && soap.getFaultCode() != null
                && (WSSE.equals(soap.getFaultCode().getNamespaceURI())
                || WSS4J.equals(soap.getFaultCode().getNamespaceURI()))) {
            return true;
        }
        if (jp.hokensho.center.security.SecurityRefusalLogger.isMalformedXml(fault)) {
            return true;
        }
        for (Throwable cause = fault; cause != null; cause = cause.getCause()) {
            if (cause instanceof WSSecurityException || cause instanceof PolicyException
                    || String.valueOf(cause.getMessage()).contains("policy alternatives can not be satisfied")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBusinessOrClientFault(Fault fault) {
        if (fault.hasDetails()) {
            return true;
        }
        for (Throwable cause = fault.getCause(); cause != null; cause = cause.getCause()) {
            // A fault declared in a contract (every generated fault class carries @WebFault).
            if (cause.getClass().isAnnotationPresent(jakarta.xml.ws.WebFault.class)) {
                return true;
            }
        }
        // Client-side mistakes CXF itself reports (unknown operation, unreadable XML) name no internals.
        return Fault.FAULT_CODE_CLIENT.equals(fault.getFaultCode());
    }
}
